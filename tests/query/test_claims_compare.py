"""Claims compared: qualifier-aware intervals, scope-aware disagreement (hand-built store,
texts written for these tests)."""

from __future__ import annotations

import json
import math

import pytest
from typer.testing import CliRunner

from sitroom import settings
from sitroom.cli import app
from sitroom.model import Article, Attribution, Claim, ClaimDate, Evidence, Extraction, content_key
from sitroom.query.claims_compare import compare, interval
from sitroom.store import Store, reading

IRQ, BOTH = "islamic-state/fighters/IRQ", "islamic-state/fighters/IRQ+SYR"


def test_intervals_read_the_qualifier():
    assert interval(None, 500, "up_to").to_json() == {"low": 0.0, "high": 500.0}
    assert interval(5000, None, "at_least").to_json() == {"low": 5000.0, "high": None}
    assert math.isinf(interval(5000, None, "more_than").high)
    about = interval(450, 450, "about")
    margin = settings.number("query.about_margin")
    assert about.low == pytest.approx(450 * (1 - margin))
    assert about.high == pytest.approx(450 * (1 + margin))
    assert interval(22, 22, "exact").to_json() == {"low": 22.0, "high": 22.0}
    assert interval(400, 500, "range").to_json() == {"low": 400.0, "high": 500.0}
    assert interval(None, None, "exact") is None


def _claim_article(
    n: int, key: str, low, high, qualifier: str, date: str, claimant: str
) -> Extraction:
    text = (
        f"Report number {n}: {claimant} gave an estimate of the group's fighters in the region "
        "this month."
    )
    a = Article(
        id=content_key(f"t{n}", text),
        source=f"c.txt#{n}",
        text=text,
        title=f"t{n}",
        published=date,
        language="en",
    )
    claim = Claim(
        id=f"{a.id}-c",
        subject="fighters",
        subject_key=key,
        actor="islamic-state",
        low=low,
        high=high,
        unit="fighters",
        qualifier=qualifier,
        claimant=Attribution(claimant, claimant),
        date=ClaimDate(date[:7], "month"),
        evidence=Evidence(0, 20, text[:20]),
    )
    return Extraction(article=a, claims=[claim])


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cc") / "s.duckdb"
    Store(path).write(
        [
            _claim_article(1, BOTH, 5000, 7000, "range", "2023-02-20", "un-monitoring-team"),
            _claim_article(2, IRQ, None, 500, "up_to", "2023-03-13", "iraq-military"),
            _claim_article(3, IRQ, 450, 450, "about", "2023-03-20", "kurdish-security"),
            _claim_article(4, IRQ, 2000, None, "at_least", "2023-03-25", "local-monitor"),
            _claim_article(5, IRQ, 2000, None, "at_least", "2023-06-01", "local-monitor"),
        ]
    )
    return path


def test_different_scopes_are_related_not_contradictions(db):
    with reading(db) as con:
        [both] = compare(con, BOTH)
    assert both["disagreements"] == [] and both["related"] == [IRQ]
    assert [c["claimant"] for c in both["claims"]] == ["un-monitoring-team"]


def test_same_scope_same_month_without_overlap_is_a_disagreement(db):
    with reading(db) as con:
        [irq] = compare(con, IRQ)
    by_claimant = {c["claimant"]: c for c in irq["claims"] if c["month"] == "2023-03"}
    assert [c["month"] for c in irq["claims"]] == ["2023-03", "2023-03", "2023-03", "2023-06"]
    pairs = {frozenset(p["claimants"]): p for p in irq["disagreements"]}
    assert set(pairs) == {
        frozenset({"iraq-military", "local-monitor"}),
        frozenset({"kurdish-security", "local-monitor"}),
    }
    assert pairs[frozenset({"iraq-military", "local-monitor"})]["gap"] == 1500
    # "about 450" reaches 517.5: it overlaps "up to 500" but not "at least 2,000"
    assert by_claimant["kurdish-security"]["disagrees_with"] == [by_claimant["local-monitor"]["id"]]
    assert by_claimant["iraq-military"]["disagrees_with"] == [by_claimant["local-monitor"]["id"]]
    june = irq["claims"][-1]
    assert june["disagrees_with"] == [], (
        "a different month is a change over time, not a contradiction"
    )


def test_only_disagreements_and_cli_json(db):
    with reading(db) as con:
        assert [s["subject_key"] for s in compare(con, only_disagreements=True)] == [IRQ]
    result = CliRunner().invoke(
        app, ["claims", "compare", IRQ, "--db", str(db), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    [subject] = json.loads(result.stdout)
    assert len(subject["claims"]) == 4 and len(subject["disagreements"]) == 2
    missing = CliRunner().invoke(app, ["claims", "compare", "nobody/none/XXX", "--db", str(db)])
    assert missing.exit_code == 1 and "no claims" in missing.output
