"""``sitroom_times`` inside a spaCy pipeline: spans, tense-directed weekdays, time_at."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitroom.extract.pipeline import build_nlp
from sitroom.extract.times.component import time_at
from sitroom.model import Article, Extraction

TIMES_ONLY = ["sitroom_times"]


@pytest.fixture(scope="session")
def nlp() -> Language:
    return build_nlp(TIMES_ONLY)


def run(nlp: Language, text: str, published: str | None):
    doc = nlp.make_doc(text)
    doc._.extraction = Extraction(
        article=Article(id="t", source="test", text=text, published=published)
    )
    return nlp(doc)


def by_text(doc) -> dict[str, object]:
    return {t.text: t for t in doc._.extraction.times}


MONDAY_STORY = (
    "Security forces killed nine gunmen in a raid on Sunday, the governor said. "
    "A spokesman warned Saturday that 300 fighters and $25 million in weapons were still missing. "
    "Last month the army held a 14-year-old suspect, and the group seized the town in 2014."
)


def test_weekdays_follow_the_past_tense(nlp):
    times = by_text(run(nlp, MONDAY_STORY, "2023-03-13"))
    assert times["Sunday"].value == "2023-03-12"
    assert times["Saturday"].value == "2023-03-11"
    assert times["Last month"].value == "2023-02"
    assert (times["2014"].value, times["2014"].precision) == ("2014", "year")


def test_no_dates_from_money_counts_or_ages(nlp):
    doc = run(nlp, MONDAY_STORY, "2023-03-13")
    for expr in doc._.extraction.times:
        assert not any(word in expr.text for word in ("$", "million", "300", "nine", "14-year"))


def test_duration_14_year(nlp):
    times = by_text(run(nlp, "The 14-year conflict has displaced millions.", "2023-03-13"))
    assert (times["14-year"].type, times["14-year"].timex, times["14-year"].value) == (
        "DURATION",
        "P14Y",
        None,
    )


WEDNESDAY_STORY = (
    "The ministers will meet on Wednesday in the capital. Envoys met on Tuesday, "
    "and talks earlier this week "
    "followed a ceasefire that collapsed in October."
)


def test_future_weekday_counts_the_publication_day(nlp):
    times = by_text(run(nlp, WEDNESDAY_STORY, "2026-01-28"))
    assert times["Wednesday"].value == "2026-01-28"
    assert times["Tuesday"].value == "2026-01-27"
    week = times["earlier this week"]
    assert (week.value, week.precision, week.timex) == ("2026-01-26", "week", "2026-W05")
    assert times["October"].value == "2025-10"


def test_offsets_point_into_the_body(nlp):
    doc = run(nlp, WEDNESDAY_STORY, "2026-01-28")
    for expr in doc._.extraction.times:
        assert WEDNESDAY_STORY[expr.start : expr.end] == expr.text
        assert expr.explanation.rule.startswith("time.")


def test_time_at_prefers_a_dated_expression(nlp):
    text = "The 14-year war flared again on Sunday when rebels attacked."
    doc = run(nlp, text, "2023-03-13")
    found = time_at(doc, 0, len(text))
    assert found is not None and found.text == "Sunday"
    assert time_at(doc, text.index("rebels"), len(text)) is None


def test_component_copes_without_an_extraction(nlp):
    doc = nlp("They met on Friday.")
    assert doc._.extraction.times and doc._.extraction.times[0].value is None


def test_set_in_context(nlp):
    times = by_text(run(nlp, "Protesters gather every Friday outside the ministry.", "2023-03-13"))
    assert (times["every Friday"].type, times["every Friday"].timex) == ("SET", "XXXX-WXX-5")
