"""Seed acceptance for actors: every non-optional expected actor of the seed corpus,
checked with the shared seedcheck rules (read from ../shared by path)."""

from __future__ import annotations

import importlib.util
import json

import pytest

from testpaths import SEED_CORPUS, SHARED, needs_shared

SEEDCHECK = SHARED / "tools" / "seedcheck.py"
SEED_GOLD = SHARED / "gold" / "seed" / "expected.json"


def _seedcheck():
    spec = importlib.util.spec_from_file_location("seedcheck", SEEDCHECK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed_results():
    from sitroom.articles.stream import articles_from_inputs
    from sitroom.extract.pipeline import extract_articles

    articles = list(articles_from_inputs([str(SEED_CORPUS)]))
    return [json.loads(json.dumps(x.to_json())) for x in extract_articles(articles)]


@needs_shared(SEED_GOLD)
def test_seed_actors_match_expectations(seed_results):
    check = _seedcheck()
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    misses = []
    for g, r in check.pair(gold, seed_results):
        assert r is not None, f"article missing: {g['title']}"
        for item in g.get("actors", []):
            if not item.get("optional"):
                misses += check.check_actor(item, r)
    assert misses == []


@needs_shared(SEED_GOLD)
def test_seed_same_actor_has_one_id_across_articles(seed_results):
    """ "Daesh" in the first article and "Islamic State" in the second are one actor."""
    ids = [
        {m["actor"] for m in r["mentions"] if m["text"] in ("Daesh", "Islamic State")}
        for r in seed_results
    ]
    assert ids[0] == ids[1] == {"islamic-state"}
