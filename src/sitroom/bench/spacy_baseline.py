"""The limit sitroom is measured against: bare spaCy over the very same article texts.

The full ``en_core_web_sm`` pipeline (every component, the model's own NER included) and an
NER-only pass (``ner`` carries its own tok2vec in this model), both through ``nlp.pipe``
with the same number of processes as sitroom used, the batch size picked by a short probe.
"""

from __future__ import annotations

import time
from typing import Any

import spacy

from sitroom.bench.corpus import word_count
from sitroom.bench.cpu import cpu_seconds
from sitroom.extract.pipeline import MODEL_PACKAGE

BATCH_SIZES = (16, 64, 256)
PROBE_TEXTS = 150


def _pass_seconds(nlp, texts: list[str], batch_size: int, processes: int) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
        pass
    return time.perf_counter() - start


def tuned_batch(nlp, texts: list[str]) -> int:
    """The fastest batch size on the first texts (one process: the probe is about batching)."""
    probe = texts[:PROBE_TEXTS]
    if len(probe) < 2 * BATCH_SIZES[0]:
        return BATCH_SIZES[0]
    return min(BATCH_SIZES, key=lambda b: _pass_seconds(nlp, probe, b, 1))


def spacy_pass(texts: list[str], processes: int, ner_only: bool) -> dict[str, Any]:
    nlp = spacy.load(MODEL_PACKAGE)
    if ner_only:
        nlp = spacy.load(MODEL_PACKAGE, exclude=[n for n in nlp.pipe_names if n != "ner"])
    batch = tuned_batch(nlp, texts)
    cpu = cpu_seconds()
    seconds = _pass_seconds(nlp, texts, batch, processes)
    cpu = cpu_seconds() - cpu
    words = sum(word_count(t) for t in texts)
    return {
        "components": nlp.pipe_names,
        "batch_size": batch,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "words_per_s": round(words / seconds, 1) if seconds else 0.0,
        "articles_per_s": round(len(texts) / seconds, 2) if seconds else 0.0,
        "words_per_cpu_s": round(words / cpu, 1) if cpu else 0.0,
    }
