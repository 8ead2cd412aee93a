"""Detection and typing: lexicon triggers over the parse, statements that are not events,
negation, tense and modality, announced acts coded as promises or threats."""

from __future__ import annotations

import pytest


def _types(ex) -> list[str]:
    return [e.type for e in ex.events]


@pytest.mark.parametrize(
    ("text", "ptype"),
    [
        ("Israeli troops attacked Palestinian protesters in Nablus on Monday.", "ASSAULT"),
        ("The foreign ministers of Egypt and Jordan met in Cairo on Tuesday.", "CONSULT"),
        ("Thousands of protesters rallied outside parliament in Baghdad on Sunday.", "PROTEST"),
        ("The European Union imposed sanctions on Iran last month.", "SANCTION"),
        ("Police arrested 40 protesters in Tehran.", "COERCE"),
        ("The opposition demanded the release of political prisoners.", "REQUEST"),
        ("Russia withdrew its troops from the border area.", "RETREAT"),
    ],
)
def test_sentence_types(extract, text, ptype):
    assert ptype in _types(extract(text))


def test_plain_statement_is_not_an_event(extract):
    assert extract("The minister said the economy was growing.").events == []


def test_negated_agreement_is_a_rejection(extract):
    (event,) = extract("Egypt did not agree to the proposal.").events
    assert event.type == "REJECT"
    assert event.modality == "asserted"
    assert "negation-retyped" in event.explanation.rule


def test_negated_arrest_keeps_type_and_is_negated(extract):
    (event,) = extract("Police did not arrest the protesters.").events
    assert (event.type, event.modality) == ("COERCE", "negated")


@pytest.mark.parametrize(
    ("text", "ptype", "modality"),
    [
        (
            "The foreign ministers of Egypt and Jordan will meet in Cairo next week.",
            "CONSULT",
            "planned",
        ),
        ("Turkey could attack Kurdish positions in Syria.", "ASSAULT", "hypothetical"),
        ("Turkish troops attacked Kurdish positions in Syria on Monday.", "ASSAULT", "asserted"),
    ],
)
def test_modality(extract, text, ptype, modality):
    event = next(e for e in extract(text).events if e.type == ptype)
    assert event.modality == modality


@pytest.mark.parametrize(
    ("text", "ptype"),
    [
        ("The rebels said they will release the hostages.", "AGREE"),
        ("Farmers said they would blockade the capital.", "THREATEN"),
    ],
)
def test_announced_acts_are_promises_or_threats(extract, text, ptype):
    (event,) = extract(text).events
    assert event.type == ptype
    assert "promise-retyped" in event.explanation.rule


def test_historical_flag_against_publication_date(extract):
    old = next(
        e for e in extract("Rebels captured the town in 2019.").events if e.type == "ASSAULT"
    )
    recent = next(
        e for e in extract("Rebels attacked the town on Monday.").events if e.type == "ASSAULT"
    )
    assert old.historical and not recent.historical


def test_content_of_a_demand_is_not_a_second_event(extract):
    ex = extract(
        "The union reiterated its demand that the government ease restrictions on workers."
    )
    assert _types(ex) == ["REQUEST"]


def test_coordinated_acts_of_one_kind_are_one_event(extract):
    events = extract("Gunmen killed 5 villagers and wounded 12 others in Borno state.").events
    assert len(events) == 1
    assert events[0].size == {"dead": 5, "injured": 12}
