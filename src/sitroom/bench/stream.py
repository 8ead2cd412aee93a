"""Streaming: N articles through extraction and the store with RSS sampled as they go.

The articles are copies of the benchmark corpus, each made unique by a marker line, so
every one is new to the store and is fully extracted; the output says so. The stream runs
in a process of its own (spawned, so it inherits nothing the earlier benchmark stages left
resident): its RSS is what an ingest of that many articles needs. With one process it is
the very loop ``sitroom ingest`` runs (``ingest_articles``: known ids skipped, extraction,
one store transaction per batch); with more, extraction is sharded over worker processes
as ``sitroom.scale.parallel`` does (each worker running ``sitroom.ingest.extract_batch``)
and the workers' RSS is counted too.

Memory should stay flat: nothing per article is kept once its batch is stored. The verdict
is the least-squares slope of RSS over the last three quarters of the samples (the first
quarter is warm-up: the pipeline's lazy tables and allocator pools fill).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from sitroom.bench.corpus import marked_copy, word_count
from sitroom.bench.memory import (
    current_rss_mb,
    high_water_rss_mb,
    slope_error_mb_per_1000,
    slope_mb_per_1000,
)
from sitroom.model import Article

SAMPLES = 100
"""About this many RSS samples over the stream (one per batch at most)."""
RSS_LIMIT_MB = 1536.0
FLAT_MB_PER_1000 = 2.0
"""A settled slope at most this steep is flat: under 40 MB over 20,000 articles."""


class StreamError(Exception):
    """The stream process failed or died before reporting."""


def copies(
    base: list[Article], count: int, on_article: Callable[[Article], None] = lambda a: None
) -> Iterator[Article]:
    from sitroom.store.writer import is_coded

    coded = [a for a in base if is_coded(a)]
    for n in range(count):
        article = marked_copy(coded[n % len(coded)], n // len(coded))
        on_article(article)
        yield article


def run_stream(
    base: list[Article], count: int, db: Path, processes: int, batch_size: int
) -> dict[str, Any]:
    """Stream ``count`` marked copies of ``base``'s English articles into ``db`` in a spawned
    process and return its report."""
    ctx = multiprocessing.get_context("spawn")
    reader, writer = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=_child,
        args=(writer, base, count, db, processes, batch_size),
        name="sitroom-bench-stream",
    )
    proc.start()
    writer.close()
    try:
        report = reader.recv()
    except EOFError:
        report = None
    proc.join()
    if report is None:
        raise StreamError(f"stream process exited with code {proc.exitcode} before reporting")
    if "error" in report:
        raise StreamError(f"stream process failed: {report['error']}")
    return report


def _child(
    writer, base: list[Article], count: int, db: Path, processes: int, batch_size: int
) -> None:
    try:
        report = stream_here(base, count, db, processes, batch_size)
    except Exception as exc:
        report = {"error": f"{type(exc).__name__}: {exc}"}
    writer.send(report)
    writer.close()


def stream_here(
    base: list[Article], count: int, db: Path, processes: int, batch_size: int
) -> dict[str, Any]:
    """The stream in this process: what the spawned stream process runs."""
    from sitroom.extract.pipeline import get_nlp
    from sitroom.store.writer import Store

    start_rss = current_rss_mb()
    store = Store(db)
    load_start = time.perf_counter()
    if processes <= 1:
        get_nlp()  # loaded before the clock starts; workers load their own inside the stream
    model_load = time.perf_counter() - load_start
    every = max(1, count // SAMPLES)
    words = 0

    def count_words(article: Article) -> None:
        nonlocal words
        words += word_count(article.text)

    samples: list[dict[str, float]] = [{"articles": 0, "rss_mb": current_rss_mb(), "seconds": 0.0}]
    start = time.perf_counter()
    next_mark = every

    def sample(done: int) -> None:
        nonlocal next_mark
        if done >= next_mark or done == count:
            samples.append(
                {
                    "articles": done,
                    "rss_mb": current_rss_mb(),
                    "seconds": round(time.perf_counter() - start, 1),
                }
            )
            next_mark = done + every
            if len(samples) % 5 == 1:  # a long stream says how far it is
                print(
                    f"bench: stream {done}/{count} articles, RSS {samples[-1]['rss_mb']:g} MB",
                    file=sys.stderr,
                    flush=True,
                )

    articles = copies(base, count, count_words)
    if processes <= 1:
        from sitroom.ingest import ingest_articles

        totals = ingest_articles(
            store,
            articles,
            batch_size,
            on_problem=lambda line: print(f"error: {line}", file=sys.stderr, flush=True),
            on_batch=lambda t: sample(t.new + t.duplicate + t.failed),
        )
        done, stored = totals.new + totals.duplicate + totals.failed, totals.new
    else:
        done, stored = _stream_parallel(store, articles, processes, batch_size, sample)
    seconds = time.perf_counter() - start
    return _report(samples, done, stored, words, seconds, count, processes, start_rss, model_load)


def _stream_parallel(
    store,
    articles: Iterator[Article],
    processes: int,
    batch_size: int,
    sample: Callable[[int], None],
) -> tuple[int, int]:
    from sitroom.scale.parallel import extract_parallel

    done = stored = 0
    extractions = extract_parallel(
        articles,
        processes=processes,
        batch_size=batch_size,
        on_problem=lambda line: print(f"error: {line}", file=sys.stderr, flush=True),
    )
    while batch := list(islice(extractions, batch_size)):
        stored += store.write_batch(batch).new
        done += len(batch)
        sample(done)
    return done, stored


def _report(
    samples: list[dict[str, float]],
    done: int,
    stored: int,
    words: int,
    seconds: float,
    count: int,
    processes: int,
    start_rss: float,
    model_load: float,
) -> dict[str, Any]:
    rss = [s["rss_mb"] for s in samples]
    settled = samples[len(samples) // 4 :] if len(samples) > 4 else samples
    slope = slope_mb_per_1000(settled)
    peak = max(max(rss), high_water_rss_mb())
    return {
        "articles": done,
        "articles_stored": stored,
        "input": f"{count} copies of the benchmark corpus's English articles, each made unique "
        "by a final marker line '[sitroom bench copy N]'",
        "process": f"own spawned process, {processes} extraction process(es); RSS is that process "
        "plus its workers, nothing of the earlier bench stages",
        "pid": os.getpid(),
        "articles_per_s": round(done / seconds, 2) if seconds else 0.0,
        "words_per_s": round(words / seconds, 1) if seconds else 0.0,
        "seconds": round(seconds, 1),
        "model_load_seconds_excluded": round(model_load, 2),
        "rss_mb_at_start": start_rss,
        "rss_mb_after_model_load": rss[0],
        "peak_rss_mb": peak,
        "rss_growth_mb_after_warmup": round(settled[-1]["rss_mb"] - settled[0]["rss_mb"], 1),
        "rss_slope_mb_per_1000_articles": slope,
        "rss_slope_stderr_mb_per_1000_articles": slope_error_mb_per_1000(settled),
        "verdict": {
            "peak_within_limit": peak <= RSS_LIMIT_MB,
            "flat": abs(slope) <= FLAT_MB_PER_1000,
            "rule": f"peak <= {RSS_LIMIT_MB:g} MB; flat when the slope over the last 3/4 of the "
            f"samples is within {FLAT_MB_PER_1000:g} MB per 1,000 articles",
        },
        "rss_samples": samples,
    }


def main(argv: list[str]) -> None:
    """``python -m sitroom.bench.stream COUNT [LIMIT [PROCESSES]]``: only the stream, over
    the benchmark corpus (its first LIMIT documents; 0 for all) segmented here, with
    extraction over PROCESSES workers (default 1). The stream runs in its own process
    either way, so this measures what ``sitroom bench --stream COUNT`` does, without
    waiting for the earlier stages."""
    import json
    import tempfile

    from sitroom.bench import DEFAULT_SHARED
    from sitroom.bench.corpus import raw_documents, segmented

    if not 1 <= len(argv) <= 3 or not all(a.isdigit() for a in argv):
        sys.exit("usage: python -m sitroom.bench.stream COUNT [LIMIT [PROCESSES]]")
    count = int(argv[0])
    limit = (int(argv[1]) or None) if len(argv) > 1 else None
    processes = int(argv[2]) if len(argv) > 2 else 1
    base, _ = segmented(raw_documents(DEFAULT_SHARED, limit))
    with tempfile.TemporaryDirectory(prefix="sitroom-stream-") as tmp:
        report = run_stream(base, count, Path(tmp) / "stream.duckdb", processes, 32)
    print(json.dumps({"base_articles": len(base), "stream": report}, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
