"""The pure normaliser: one phrase, an anchor date and a tense."""

from __future__ import annotations

import datetime as dt

import pytest

from sitroom.extract.times.component import normalise_expression

MON_2023_03_13 = dt.date(2023, 3, 13)
WED_2026_01_28 = dt.date(2026, 1, 28)


def norm(text: str, anchor: dt.date = MON_2023_03_13, tense: str | None = None):
    expr = normalise_expression(text, anchor, tense)
    assert expr is not None, text
    return expr


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "value", "precision", "timex"),
    [
        ("Sunday", MON_2023_03_13, "past", "2023-03-12", "day", "2023-03-12"),
        ("Saturday", MON_2023_03_13, "past", "2023-03-11", "day", "2023-03-11"),
        ("Wednesday", WED_2026_01_28, "future", "2026-01-28", "day", "2026-01-28"),
        ("Wednesday", WED_2026_01_28, "past", "2026-01-28", "day", "2026-01-28"),
        ("Tuesday", WED_2026_01_28, "past", "2026-01-27", "day", "2026-01-27"),
        ("Tuesday", WED_2026_01_28, "future", "2026-02-03", "day", "2026-02-03"),
        ("last month", MON_2023_03_13, None, "2023-02", "month", "2023-02"),
        ("earlier this week", WED_2026_01_28, "past", "2026-01-26", "week", "2026-W05"),
        ("October", WED_2026_01_28, "past", "2025-10", "month", "2025-10"),
        ("February 26", MON_2023_03_13, "past", "2023-02-26", "day", "2023-02-26"),
        ("2014", MON_2023_03_13, "past", "2014", "year", "2014"),
        ("yesterday", MON_2023_03_13, "past", "2023-03-12", "day", "2023-03-12"),
        ("today", MON_2023_03_13, None, "2023-03-13", "day", "2023-03-13"),
        ("next year", MON_2023_03_13, None, "2024", "year", "2024"),
        ("two years ago", MON_2023_03_13, None, "2021", "year", "2021"),
        ("three days ago", MON_2023_03_13, None, "2023-03-10", "day", "2023-03-10"),
        ("the 1990s", MON_2023_03_13, None, "1990", "decade", "199"),
        ("early 2000s", MON_2023_03_13, None, "2000", "decade", "200"),
        ("last summer", MON_2023_03_13, None, "2022", "season", "2022-SU"),
        ("winter 2019", MON_2023_03_13, None, "2019", "season", "2019-WI"),
        ("March 2021", MON_2023_03_13, None, "2021-03", "month", "2021-03"),
        ("Sept. 27, 1989", MON_2023_03_13, None, "1989-09-27", "day", "1989-09-27"),
        ("12 June 2024", MON_2023_03_13, None, "2024-06-12", "day", "2024-06-12"),
        ("the third quarter", dt.date(1989, 10, 26), "past", "1989", "year", "1989-Q3"),
    ],
)
def test_dates_resolve_against_the_anchor(text, anchor, tense, value, precision, timex):
    expr = norm(text, anchor, tense)
    assert (expr.value, expr.precision, expr.timex, expr.type) == (value, precision, timex, "DATE")


@pytest.mark.parametrize(
    ("text", "timex"),
    [
        ("14-year", "P14Y"),
        ("two weeks", "P2W"),
        ("the past five years", "P5Y"),
        ("2 1/2 years", "P2Y6M"),
        ("two decades", "P20Y"),
        ("several months", "PXM"),
        ("48 hours", "PT48H"),
    ],
)
def test_durations_have_no_calendar_value(text, timex):
    expr = norm(text)
    assert (expr.type, expr.timex, expr.value, expr.precision) == (
        "DURATION",
        timex,
        None,
        "unknown",
    )


@pytest.mark.parametrize(
    ("text", "timex"),
    [
        ("every Friday", "XXXX-WXX-5"),
        ("each July", "XXXX-07"),
        ("daily", "P1D"),
        ("every two years", "P2Y"),
        ("twice a week", "P1W"),
    ],
)
def test_sets(text, timex):
    expr = norm(text)
    assert (expr.type, expr.timex, expr.value) == ("SET", timex, None)


@pytest.mark.parametrize(
    ("text", "timex"),
    [("now", "PRESENT_REF"), ("recently", "PAST_REF"), ("the future", "FUTURE_REF")],
)
def test_vague_references(text, timex):
    assert norm(text).timex == timex


@pytest.mark.parametrize(
    "text", ["$25 million", "500 fighters", "22 members", "$50", "the fourth attack"]
)
def test_money_and_counts_are_not_times(text):
    assert normalise_expression(text, MON_2023_03_13, "past") is None


def test_without_anchor_relative_dates_keep_no_value():
    expr = normalise_expression("last month", None, "past")
    assert expr is None or expr.value is None
    absolute = normalise_expression("March 3, 2020", None, None)
    assert absolute is not None and absolute.value == "2020-03-03"


def test_clock_time_on_a_weekday():
    expr = norm("10 p.m. Wednesday", WED_2026_01_28, "past")
    assert (expr.type, expr.timex, expr.value) == ("TIME", "2026-01-28T22:00", "2026-01-28")


def test_explanations_name_the_rule():
    expr = norm("last month")
    assert expr.explanation is not None and expr.explanation.rule.startswith("time.")
