"""Extraction over several processes, each loading the pipeline once.

``extract_articles`` hands Docs to ``nlp.pipe``, and spaCy's own ``n_process`` cannot carry
the ``Extraction`` a Doc holds between processes (its serialiser knows only plain data).
So articles are sharded instead, as the Spark job does: each worker process runs the very
same ``extract_articles`` on chunks of articles with its own cached model, and chunks come
back in input order.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from itertools import islice

from sitroom.extract.pipeline import extract_articles, get_nlp
from sitroom.model import Article, Extraction


def _warm() -> None:
    get_nlp()


def _extract_chunk(args: tuple[list[Article], int]) -> list[Extraction]:
    chunk, batch_size = args
    return list(extract_articles(chunk, batch_size=batch_size))


def _chunks(
    articles: Iterable[Article], size: int, batch_size: int
) -> Iterator[tuple[list[Article], int]]:
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk, batch_size


def extract_parallel(
    articles: Iterable[Article], processes: int = 1, batch_size: int = 16, chunk_size: int = 64
) -> Iterator[Extraction]:
    """Extractions in input order; ``processes=1`` runs in this process (no pool)."""
    if processes <= 1:
        yield from extract_articles(articles, batch_size=batch_size)
        return
    # fork: workers inherit the loaded modules; each still builds its own pipeline once.
    # Articles go out a window at a time (Pool.imap would read the whole input ahead),
    # so memory stays flat on an endless stream.
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(processes, initializer=_warm) as pool:
        chunks = _chunks(articles, chunk_size, batch_size)
        while window := list(islice(chunks, 2 * processes)):
            for done in pool.imap(_extract_chunk, window):
                yield from done
