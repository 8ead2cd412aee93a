"""Streaming: N articles through extraction and the store with RSS sampled as they go.

The articles are copies of the benchmark corpus, each made unique by a marker line, so
every one is new to the store and is fully extracted; the output says so. Memory should
stay flat: nothing per article is kept once its batch is stored.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from sitroom.bench.corpus import marked_copy, word_count
from sitroom.bench.memory import current_rss_mb
from sitroom.model import Article
from sitroom.scale.parallel import extract_parallel
from sitroom.store.writer import Store, is_coded

SAMPLES = 20


def copies(base: list[Article], count: int) -> Iterator[Article]:
    coded = [a for a in base if is_coded(a)]
    for n in range(count):
        yield marked_copy(coded[n % len(coded)], n // len(coded))


def run_stream(base: list[Article], count: int, db: Path, processes: int, batch_size: int) -> dict:
    store = Store(db)
    every = max(1, count // SAMPLES)
    samples: list[dict[str, float]] = []
    done = words = 0
    start = time.perf_counter()
    extractions = extract_parallel(copies(base, count), processes=processes, batch_size=batch_size)
    while batch := list(islice(extractions, 64)):
        store.write_batch(batch)
        for x in batch:
            done += 1
            words += word_count(x.article.text)
            if done % every == 0 or done == count:
                samples.append({"articles": done, "rss_mb": current_rss_mb()})
    seconds = time.perf_counter() - start
    rss = [s["rss_mb"] for s in samples]
    settled = rss[len(rss) // 4:] or rss  # after the model and caches have loaded
    return {
        "articles": done,
        "input": f"{count} copies of the benchmark corpus's English articles, each made unique by a "
                 "final marker line '[sitroom bench copy N]'",
        "articles_per_s": round(done / seconds, 2) if seconds else 0.0,
        "words_per_s": round(words / seconds, 1) if seconds else 0.0,
        "peak_rss_mb": max(rss) if rss else 0.0,
        "rss_growth_mb_after_warmup": round(settled[-1] - settled[0], 1) if settled else 0.0,
        "rss_samples": samples,
    }
