"""Quantity parsing: SCHEMA.md's qualifier rules, ranges, money, vague amounts, exclusions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitroom.extract.claims.numbers import find_quantities


def only(text: str):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, low, high, qualifier",
    [
        ("the militia does not exceed 400 to 500 fighters", 400, 500, "at_most"),
        ("units of around 15 to 30 men", 15, 30, "about"),
        ("it has up to 500 fighters", None, 500, "up_to"),
        ("a force of 400 to 500 troops", 400, 500, "range"),
        ("between 60 and 80 boats were seen", 60, 80, "range"),
        ("from 10 to 12 villages", 10, 12, "range"),
        ("groups of 15-30 men", 15, 30, "range"),
        ("three or four provinces", 3, 4, "range"),
        ("at least 12 people died", 12, None, "at_least"),
        ("more than 1,000 families", 1000, None, "more_than"),
        ("fewer than 40 doctors", None, 40, "less_than"),
        ("no more than 70 guards", None, 70, "at_most"),
        ("roughly 2,500 workers", 2500, 2500, "about"),
        ("some 300 soldiers", 300, 300, "about"),
        ("200 or more trucks", 200, None, "at_least"),
        ("exactly 44 ships", 44, 44, "exact"),
    ],
)
def test_qualifiers_keep_the_bounds(text, low, high, qualifier):
    q = only(text)
    assert (q.low, q.high, q.qualifier) == (low, high, qualifier)
    assert q.measure == "count" and q.unit is None and not q.vague


@pytest.mark.parametrize(
    "text, value",
    [
        ("twenty-two villages", 22),
        ("a dozen drones", 12),
        ("two dozen rockets", 24),
        ("nineteen buses", 19),
        ("three hundred tents", 300),
        ("1.5 million refugees", 1_500_000),
        ("2,750,000 voters", 2_750_000),
        ("seventy thousand people", 70_000),
    ],
)
def test_written_and_scaled_numbers(text, value):
    q = only(text)
    assert q.low == q.high == value and q.qualifier == "exact"


@pytest.mark.parametrize(
    "text, low, high, unit",
    [
        ("reserves at $25 million to $50 million", 25_000_000, 50_000_000, "USD"),
        ("a $25-50 million fund", 25_000_000, 50_000_000, "USD"),
        ("loans of 1.5 billion dollars", 1_500_000_000, 1_500_000_000, "USD"),
        ("aid worth €300m", 300_000_000, 300_000_000, "EUR"),
        ("a fine of 40,000 Iraqi dinars", 40_000, 40_000, "IQD"),
        ("US$2bn in grants", 2_000_000_000, 2_000_000_000, "USD"),
    ],
)
def test_money_has_iso_unit_and_values_in_units(text, low, high, unit):
    q = only(text)
    assert (q.low, q.high, q.unit, q.measure) == (low, high, unit, "money")


def test_money_keeps_its_qualifier():
    q = only("up to $3 million in damages")
    assert (q.low, q.high, q.qualifier, q.unit) == (None, 3_000_000, "up_to", "USD")


def test_percent_is_a_share():
    q = only("nearly 40 percent of the vote")
    assert (q.low, q.high, q.unit, q.measure, q.qualifier) == (40, 40, "percent", "share", "about")
    assert only("turnout of 12.5% was low").low == 12.5


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("dozens of protesters", 24, 99),
        ("hundreds of fighters", 200, 999),
        ("Thousands fled the town", 2000, 9999),
        ("tens of thousands of people", 20_000, 99_999),
        ("hundreds of thousands of refugees", 200_000, 999_999),
    ],
)
def test_vague_amounts_carry_conventional_bounds(text, low, high):
    q = only(text)
    assert (q.low, q.high, q.qualifier, q.vague) == (low, high, "about", True)
    assert q.rule.startswith("number.vague-")


@pytest.mark.parametrize(
    "text",
    [
        "the caliphate was declared in 2014",
        "on June 23, 2014, a fighter",
        "the February 26 operation",
        "on 3 March the talks began",
        "the bloody 14-year war",
        "a 45-year-old man",
        "a man aged 45",
        "for three years",
        "at 10:30 a.m. local time",
        "the 3rd brigade",
        "call +44 20 7946 0958 today",
        "one of the guards",
        "F-16 jets and COVID-19 rules",
        'the post <tweet id="672138506081275904"> said',
        "case number 20150412 was filed",
    ],
)
def test_not_quantities(text):
    assert find_quantities(text) == []


def test_offsets_and_rule_trace():
    text = "Officials said up to 500 fighters remain."
    q = only(text)
    assert text[q.start : q.end] == q.text == "up to 500"
    assert q.rule == "number.single+qualifier.up-to"


@given(st.integers(min_value=2, max_value=10**9))
def test_any_grouped_numeral_reads_back(n):
    text = f"there were {n:,} people"
    q = only(text)
    assert q.low == q.high == n


@given(st.integers(min_value=2, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_ranges_read_back(low, span):
    high = low + span
    q = only(f"between {low:,} and {high:,} tents")
    assert (q.low, q.high, q.qualifier) == (low, high, "range")
