"""Years spelt out, movable holidays, ages and fractions, and dates after open-ended
prepositions, in text written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from sitroom.extract.pipeline import build_nlp
from sitroom.extract.times.calendar import nth_weekday
from sitroom.extract.times.component import normalise_expression
from sitroom.model import Article, Extraction

SAT_2000_01_15 = dt.date(2000, 1, 15)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_nlp(["sitroom_times"])


def times(nlp: Language, text: str, published: str) -> dict[str, str | None]:
    doc = nlp.make_doc(text)
    doc._.extraction = Extraction(
        article=Article(id="t", source="test", text=text, published=published)
    )
    return {t.text: t.timex for t in nlp(doc)._.extraction.times}


@pytest.mark.parametrize(
    ("text", "timex"),
    [
        ("nineteen ninety-six", "1996"),
        ("nineteen oh five", "1905"),
        ("March nineteen seventy-nine", "1979-03"),
        ("the year two thousand", "2000"),
        ("the year two thousand and one", "2001"),
    ],
)
def test_spoken_years(text, timex):
    assert normalise_expression(text, SAT_2000_01_15).timex == timex


@pytest.mark.parametrize(
    ("text", "timex"),
    [
        ("a minute and a half", "PT1M30S"),
        ("two hours and a half", "PT2H30M"),
        ("next year's first quarter", "2001-Q1"),
        ("last year's second half", "1999-H2"),
    ],
)
def test_halves_and_quarters_of_named_years(text, timex):
    assert normalise_expression(text, SAT_2000_01_15).timex == timex


def test_movable_holidays():
    assert nth_weekday(1999, 11, 4, 4) == dt.date(1999, 11, 25)  # Thanksgiving
    assert nth_weekday(2024, 11, 2, 0) == dt.date(2024, 11, 5)  # US Election Day
    assert nth_weekday(2023, 5, 1, -1) == dt.date(2023, 5, 29)  # Memorial Day
    assert normalise_expression("last Thanksgiving", SAT_2000_01_15).timex == "1999-11-25"
    assert normalise_expression("Election Day", SAT_2000_01_15, "future").timex == "2000-11-07"


def test_ages_and_fractions_are_not_durations(nlp):
    found = times(
        nlp,
        "The driver, 37 years old, said three-quarters of the fuel was gone "
        "and a quarter of the crew left for two weeks.",
        "2000-01-15",
    )
    assert "37 years" not in found
    assert "three-quarters" not in found and "a quarter" not in found
    assert found["two weeks"] == "P2W"


def test_past_verb_bounding_a_later_date_takes_the_nearest(nlp):
    found = times(
        nlp,
        "The company extended the offer to Feb. 20 and said profits fell in November.",
        "2000-01-15",
    )
    assert found["Feb. 20"] == "2000-02-20"
    assert found["November"] == "1999-11"


def test_a_possessive_weekday_is_the_nearest_day(nlp):
    found = times(nlp, "Lawyers will look for ways to get around Wednesday's ruling.", "2000-01-14")
    assert found["Wednesday"] == "2000-01-12"
