"""The ingest loop: known articles skip extraction, one failing article costs only itself."""

from __future__ import annotations

from storebuild import article, word_salad

import sitroom.ingest
from sitroom.ingest import ingest_articles
from sitroom.model import Extraction
from sitroom.store import Store, reading


def fake_extractor(calls: list[list[str]], poison: str | None = None):
    def extract_articles(articles, batch_size: int | None = None):
        articles = list(articles)
        calls.append([a.id for a in articles])
        for a in articles:
            if a.title == poison:
                raise ValueError("component bug")
            yield Extraction(article=a)

    return extract_articles


def test_already_stored_articles_are_not_extracted_again(db_path, monkeypatch):
    calls: list[list[str]] = []
    monkeypatch.setattr(sitroom.ingest, "extract_articles", fake_extractor(calls))
    items = [article(word_salad(i), title=f"t{i}") for i in range(4)]
    store = Store(db_path)
    assert ingest_articles(store, items[:2]).new == 2
    totals = ingest_articles(store, items, batch_size=10)
    assert (totals.new, totals.duplicate) == (2, 2)
    assert calls[-1] == [a.id for a in items[2:]]


def test_an_article_whose_extraction_raises_is_reported_and_the_rest_stored(db_path, monkeypatch):
    calls: list[list[str]] = []
    monkeypatch.setattr(sitroom.ingest, "extract_articles", fake_extractor(calls, poison="t1"))
    problems: list[str] = []
    items = [
        article(word_salad(i), title=f"t{i}", source=f"in.jsonl#line:{i + 1}") for i in range(3)
    ]
    totals = ingest_articles(Store(db_path), items, on_problem=problems.append)
    assert (totals.new, totals.failed) == (2, 1)
    assert problems == ["in.jsonl#line:2: extraction failed: ValueError: component bug"]
    with reading(db_path) as con:
        stored = {r[0] for r in con.execute("SELECT title FROM articles").fetchall()}
    assert stored == {"t0", "t2"}
