"""Accuracy floors on real data read from ../shared by path: the seed events (the issue's
acceptance check) and PLOVER GSR dev typing; and the dev reader's quirk handling, on a
record written here."""

from __future__ import annotations

import importlib.util
import json

import pytest

from sitroom.evaluate import events as events_eval
from testpaths import SEED_CORPUS, SHARED, needs_shared

SEEDCHECK = SHARED / "tools" / "seedcheck.py"
SEED_GOLD = SHARED / "gold" / "seed" / "expected.json"
DEV = SHARED / events_eval.DEV


def _seedcheck():
    spec = importlib.util.spec_from_file_location("seedcheck", SEEDCHECK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_shared(SEED_GOLD)
def test_seed_events_floor():
    from sitroom.articles.stream import articles_from_inputs
    from sitroom.extract.pipeline import extract_articles

    results = [
        json.loads(json.dumps(x.to_json()))
        for x in extract_articles(articles_from_inputs([str(SEED_CORPUS)]))
    ]
    check = _seedcheck()
    ok = total = 0
    misses = []
    for g, r in check.pair(json.loads(SEED_GOLD.read_text(encoding="utf-8")), results):
        for item in g.get("events", []):
            if item.get("optional"):
                continue
            total += 1
            bad = ["article missing"] if r is None else check.check_event(item, r)
            ok += not bad
            misses += bad
    assert total == 12
    assert ok >= 10, misses


@needs_shared(DEV)
def test_plover_dev_type_floor():
    from sitroom.extract.pipeline import get_nlp

    figures = events_eval.score_dev(events_eval.read_dev(DEV), get_nlp())
    assert figures["plover_dev_sentences"] == 161
    assert figures["plover_dev_type_accuracy"] >= 0.75
    assert figures["plover_dev_macro_f1_min5"] >= 0.70


def test_dev_reader_maps_old_coding(tmp_path):
    records = [
        {"event": "DOCUMENT", "id": "doc", "eventText": "note"},
        {
            "event": "DEMAND",
            "id": "a",
            "text": "Rebels demanded talks.",
            "source": [{"actorText": "Rebels", "code": "JAP", "sector": "REBkur"}],
            "target": "diplomatic",
        },
        {
            "event": "CONSULT",
            "id": "b",
            "mode": "host",
            "text": "Egypt hosted the Jordanian king.",
            "source": [{"actorText": "Egypt", "code": "EGY", "sector": "GOV"}],
            "target": [{"actorText": "Jordanian king", "code": "JOR", "sector": "***"}],
        },
    ]
    path = tmp_path / "dev.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    demand, hosted = events_eval.read_dev(path)
    assert (demand.type, demand.actors, demand.recipients) == ("REQUEST", [("JPN", "REB")], [])
    assert (hosted.actors, hosted.recipients) == ([("JOR", None)], [("EGY", "GOV")])


@pytest.mark.parametrize(
    ("pairs", "f1"),
    [
        ([("A", "A")] * 5 + [("B", "B")] * 5, 1.0),
        ([("A", "A")] * 5 + [("B", "A")] * 5, 0.333),
        ([("A", "A")] * 5 + [("C", "C")] * 2, 1.0),
    ],
)
def test_macro_f1_over_supported_classes(pairs, f1):
    assert round(events_eval.macro_f1(pairs, 5)[0], 3) == f1
