"""Inputs -> articles: the glue every entry point uses (extract, ingest, Spark).

Problems never stop the stream: each is handed to ``on_problem`` with the source it
came from, and the remaining inputs are still read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from sitroom.articles.segment import ArticleError, to_articles
from sitroom.model import Article, ReadProblem
from sitroom.sources import read_inputs


def articles_from_inputs(
    inputs: Iterable[str],
    default_published: str | None = None,
    on_problem: Callable[[ReadProblem], None] = lambda p: None,
) -> Iterator[Article]:
    for item in read_inputs(inputs):
        if isinstance(item, ReadProblem):
            on_problem(item)
            continue
        try:
            yield from to_articles(item, default_published=default_published)
        except ArticleError as exc:
            on_problem(ReadProblem(item.source, str(exc)))
