"""Extraction over several processes, each loading the pipeline once.

``extract_articles`` hands Docs to ``nlp.pipe``, and spaCy's own ``n_process`` cannot carry
the ``Extraction`` a Doc holds between processes (its serialiser knows only plain data).
So articles are sharded instead, as the Spark job does: each worker process runs the very
same ``sitroom.ingest.extract_batch`` as ``sitroom ingest`` (one failing article costs only
itself) on chunks of articles with its own cached model, and chunks come back in input
order with the problems they met.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from itertools import islice

from sitroom.extract.pipeline import get_nlp
from sitroom.ingest import Problem, extract_batch
from sitroom.model import Article, Extraction


def _warm() -> None:
    get_nlp()


def _extract_chunk(args: tuple[list[Article], int]) -> tuple[list[Extraction], list[str]]:
    chunk, batch_size = args
    problems: list[str] = []
    return extract_batch(chunk, problems.append, batch_size), problems


def _chunks(
    articles: Iterable[Article], size: int, batch_size: int
) -> Iterator[tuple[list[Article], int]]:
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk, batch_size


def extract_parallel(
    articles: Iterable[Article],
    processes: int = 1,
    batch_size: int = 16,
    chunk_size: int = 64,
    on_problem: Problem = lambda line: None,
) -> Iterator[Extraction]:
    """Extractions in input order (an article whose extraction fails is reported to
    ``on_problem`` and left out); ``processes=1`` runs in this process (no pool)."""
    chunks = _chunks(articles, chunk_size, batch_size)
    if processes <= 1:
        for chunk, size in chunks:
            yield from extract_batch(chunk, on_problem, size)
        return
    # fork: workers inherit the loaded modules; each still builds its own pipeline once.
    # Articles go out a window at a time (Pool.imap would read the whole input ahead),
    # so memory stays flat on an endless stream.
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(processes, initializer=_warm) as pool:
        while window := list(islice(chunks, 2 * processes)):
            for done, problems in pool.imap(_extract_chunk, window):
                for line in problems:
                    on_problem(line)
                yield from done
