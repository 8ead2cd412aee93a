"""The reference dump in ../shared segments into exactly the articles the gold file describes."""

from __future__ import annotations

import json

import pytest

from sitroom.articles.segment import to_articles
from sitroom.model import RawDocument
from testpaths import SEED_CORPUS, SHARED, needs_shared

GOLD = SHARED / "gold" / "seed" / "expected.json"
pytestmark = [needs_shared(SEED_CORPUS), needs_shared(GOLD)]


@pytest.fixture(scope="module")
def seed_articles():
    raw = RawDocument(str(SEED_CORPUS), SEED_CORPUS.read_text(encoding="utf-8"), "text/plain")
    return to_articles(raw)


@pytest.fixture(scope="module")
def gold():
    return json.loads(GOLD.read_text(encoding="utf-8"))["articles"]


def test_seed_dump_has_exactly_the_gold_articles(seed_articles, gold):
    assert [a.title for a in seed_articles] == [g["title"] for g in gold]
    assert [a.source for a in seed_articles] == [f"{SEED_CORPUS}#1", f"{SEED_CORPUS}#2"]


def test_seed_metadata_matches_gold(seed_articles, gold):
    for article, expected in zip(seed_articles, gold, strict=False):
        assert article.published == expected["published"]
        assert article.updated == expected["published"], "an Updated-only page: both dates"
        assert article.dateline.lower() == expected["dateline"].lower()
        assert len(article.summary) == expected["summary_count"]
        assert len(article.captions) == expected["captions_count"]
        assert article.text.startswith(expected["body_starts_with"])
        for junk in expected["not_in_body"]:
            assert junk not in article.text
        assert article.language == "en"


def test_seed_paragraphs_stay_on_their_own_lines(seed_articles):
    first = seed_articles[0].text.split("\n")
    assert len(first) > 10
    assert all(line.strip() == line and line for line in first)


def test_seed_fields_name_their_rule(seed_articles):
    article = seed_articles[0]
    assert article.provenance["title"].rule == "segment.title.repeated"
    assert article.provenance["published"].rule == "segment.date.updated-only"
    assert article.provenance["captions:0"].rule.startswith("segment.caption.")
    assert article.provenance["dateline"].rule == "segment.dateline.caps"
