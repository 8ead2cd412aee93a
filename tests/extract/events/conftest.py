"""Fixtures for the events tests: the full pipeline, loaded once per module."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitroom.model import Article, Extraction

PUBLISHED = "2026-01-28"
"""A Wednesday: relative dates in the test sentences resolve against it."""


@pytest.fixture(scope="module")
def extract() -> Callable[..., Extraction]:
    """``extract(text, published=PUBLISHED)`` -> the Extraction of one article."""
    from sitroom.extract.pipeline import extract_articles, get_nlp

    nlp = get_nlp()

    def run(text: str, published: str | None = PUBLISHED) -> Extraction:
        article = Article(id="test", source="test", text=text, published=published)
        return next(extract_articles([article], nlp=nlp))

    return run
