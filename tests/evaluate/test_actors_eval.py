"""The actor evaluation: its fact list reads, its split is fixed and figures are rates."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.evaluate import actors
from sitroom.evaluate.events import half_of


def test_fact_list_is_large_and_covers_every_kind():
    facts = actors.read_facts()
    assert len(facts) >= 300
    assert {f.kind for f in facts} == set(actors.KINDS)
    assert {half_of(f.name) for f in facts} == {"tune", "report"}


def test_scores_are_rates_per_half_and_kind():
    figures, outcomes = actors.score(actors.read_facts()[:40])
    assert figures["all_n"] == 40 and len(outcomes) == 40
    for key, value in figures.items():
        if key.endswith(("_answered", "_country", "_sector")):
            assert 0.0 <= float(value) <= 1.0
    assert "tune" in str(figures["actors_split"]) and "report" in str(figures["actors_split"])


def test_a_fact_codes_on_its_date():
    fact = actors.Fact("Ahmed al-Sharaa", "person", "SYR", "REB", "2020-01-01")
    outcome = actors.code_fact(fact)
    assert outcome.country_ok and outcome.sector_ok


def test_malformed_fact_file_names_the_file(tmp_path: Path):
    bad = tmp_path / "facts.csv"
    bad.write_text("name,kind,country,sector,date,note\nFoo,planet,XXX,,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="facts.csv:2"):
        actors.read_facts(bad)
