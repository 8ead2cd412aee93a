"""``sitroom bench``: every figure of the benchmark in one JSON object.

One run measures sitroom's whole pipeline and, on the same article texts, the bare spaCy
passes it is compared with, so machine load affects both alike; then, as asked, a
pyinstrument profile, the streaming memory test and the synthetic events store.
"""

from __future__ import annotations

import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

from sitroom.bench.components import component_seconds
from sitroom.bench.memory import peak_children_rss_mb, peak_rss_mb
from sitroom.bench.pipeline_run import run_pipeline
from sitroom.bench.spacy_baseline import spacy_pass
from sitroom.store.writer import is_coded

DEFAULT_STREAM = 20_000
DEFAULT_EVENTS = 1_000_000
PROFILE_DOCS = 200


def _rate(count: float, seconds: float) -> float:
    return round(count / seconds, 2) if seconds else 0.0


def run_bench(
    shared: Path,
    out_dir: Path,
    limit: int | None = None,
    processes: int = 1,
    batch_size: int = 32,
    stream: int | None = None,
    events_store: int | None = None,
    profile: bool = True,
    on_step=lambda line: None,
) -> dict[str, Any]:
    """Run the benchmark; ``stream``/``events_store`` of None take the full-mode defaults
    (0 with ``limit``: a quick run skips them unless asked)."""
    stream = (0 if limit else DEFAULT_STREAM) if stream is None else stream
    events_store = (0 if limit else DEFAULT_EVENTS) if events_store is None else events_store
    result: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_avg_at_start": os.getloadavg(),
        },
        "processes": processes,
    }
    with tempfile.TemporaryDirectory(prefix="sitroom-bench-") as tmp:
        on_step("sitroom pipeline: read, segment, NLP + extract, store")
        run = run_pipeline(shared, Path(tmp) / "bench.duckdb", limit, processes, batch_size)
        total = sum(run.seconds.values())
        cpu_total = sum(run.cpu_seconds.values())
        words = run.words()
        result.update(
            {
                "documents": run.documents,
                "articles": len(run.articles),
                "articles_coded": len(run.coded),
                "articles_by_kind": run.kinds(),
                "segment_failures": run.segment_failures,
                "articles_stored": run.stored,
                "words": words,
                "extracted": run.counts(),
                "seconds": round(total, 2),
                "articles_per_s": _rate(len(run.articles), total),
                "words_per_s": _rate(words, total),
                "words_per_s_per_core": _rate(words, total * processes),
                "peak_rss_mb": round(
                    peak_rss_mb() + peak_children_rss_mb() * (processes if processes > 1 else 0), 1
                ),
                "stage_seconds": {k: round(v, 2) for k, v in run.seconds.items()},
                "model_load_seconds_excluded": round(run.model_load_seconds, 2),
                "stage_share": {k: round(v / total, 3) for k, v in run.seconds.items()}
                if total
                else {},
                "cpu_seconds": round(cpu_total, 2),
                "stage_cpu_seconds": {k: round(v, 2) for k, v in run.cpu_seconds.items()},
                "words_per_cpu_s": _rate(words, cpu_total),
            }
        )
        texts = [a.text for a in run.articles]
        on_step("bare spaCy: full en_core_web_sm pipeline")
        full = spacy_pass(texts, processes, ner_only=False)
        on_step("bare spaCy: NER only")
        ner = spacy_pass(texts, processes, ner_only=True)
        result.update(
            {
                "spacy_full": full,
                "spacy_ner": ner,
                "spacy_full_words_per_s": full["words_per_s"],
                "spacy_ner_words_per_s": ner["words_per_s"],
                "ratio_to_spacy": round(result["words_per_s"] / full["words_per_s"], 3)
                if full["words_per_s"]
                else 0.0,
                "ratio_to_spacy_cpu": round(result["words_per_cpu_s"] / full["words_per_cpu_s"], 3)
                if full["words_per_cpu_s"]
                else 0.0,
                "nlp_extract_ratio_to_spacy": round(
                    (words / run.seconds["nlp_extract"]) / full["words_per_s"], 3
                )
                if full["words_per_s"] and run.seconds["nlp_extract"]
                else 0.0,
            }
        )
        base = run.articles
        del run, texts
        if profile:
            docs = min(limit or PROFILE_DOCS, PROFILE_DOCS)
            on_step(f"time per pipeline component on the first {docs} coded articles")
            result["components"] = component_seconds(
                [a for a in base if is_coded(a)][:docs], batch_size
            )
            on_step(f"pyinstrument profile of the pipeline on the first {docs} documents")
            result["profile"] = _profile(
                shared, out_dir, Path(tmp) / "profile.duckdb", docs, batch_size
            )
        if stream:
            from sitroom.bench.stream import run_stream

            on_step(f"streaming {stream} articles")
            result["stream"] = run_stream(
                base, stream, Path(tmp) / "stream.duckdb", processes, batch_size
            )
        if events_store:
            from sitroom.bench.events_store import build_store, time_queries

            on_step(f"synthetic store of {events_store} events and the web page's queries")
            path = Path(tmp) / "events.duckdb"
            built = build_store(path, events_store)
            result["events_store"] = {
                "events": events_store,
                "build_seconds": round(built, 1),
                "queries": time_queries(path),
            }
    result["load_avg_at_end"] = os.getloadavg()
    return result


def _profile(shared: Path, out_dir: Path, db: Path, docs: int, batch_size: int) -> dict[str, Any]:
    from sitroom.bench.profile import profile

    start = time.perf_counter()
    found = profile(lambda: run_pipeline(shared, db, docs, 1, batch_size), out_dir)
    found["wall_seconds"] = round(time.perf_counter() - start, 1)
    found["learned_layer_ms_per_document"] = round(1000 * found["learned_layer_seconds"] / docs, 2)
    return found
