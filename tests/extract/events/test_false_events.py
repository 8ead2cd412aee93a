"""Words of the lexicon used in a non-event sense: idioms, reporting formulas, objects that
are not people, background mentions, medical events, page calls to action, and a state's
"protest". Each sentence here was written for these tests, one per kind of mistake."""

from __future__ import annotations

import pytest


def _types(ex) -> list[str]:
    return [e.type for e in ex.events]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # idioms: a violent verb whose object is an abstraction, a document or an ill
        ("The two leaders struck a conciliatory tone at the press conference.", "ASSAULT"),
        ("The president seized the opportunity to announce new reforms.", "COERCE"),
        ("The party seized on the remarks in its campaign.", "COERCE"),
        ("The crew shot a short video in the old market.", "ASSAULT"),
        ("Volunteers fought the wildfire for three days.", "ASSAULT"),
        # reporting formulas
        ("The official asked not to be identified because he was not authorised.", "REQUEST"),
        ("The ministry declined to comment on the report.", "REJECT"),
        ("The spokesman refused to give details of the raid.", "REJECT"),
        # objects that are not people
        ("The militants released two videos on Tuesday.", "RETREAT"),
        ("The central bank released its inflation figures.", "RETREAT"),
        ("The refinery released 300 tonnes of sulphur last year.", "RETREAT"),
        ("The city runs three gas-fired power stations.", "ASSAULT"),
        # background mentions of an event noun
        ("The fighters moved at night to evade attacks.", "ASSAULT"),
        ("Villagers live in fear of air strikes.", "ASSAULT"),
        # a medical event, a page's call to action, a panel's finding
        ("The senator died of a heart attack on Monday.", "ASSAULT"),
        ("Sign up for our newsletter to get the latest updates.", "SUPPORT"),
        ("The UN body found that the election was flawed.", "ASSAULT"),
    ],
)
def test_not_an_event(extract, text, absent):
    assert absent not in _types(extract(text))


@pytest.mark.parametrize(
    ("text", "ptype"),
    [
        ("The rebels released two hostages on Sunday.", "RETREAT"),
        ("The coast guard seized a fishing boat on suspicion of smuggling.", "COERCE"),
        ("The militia released the cargo ship it had held for a month.", "RETREAT"),
        ("The authorities freed 40 prisoners in Tunis.", "RETREAT"),
        ("The army struck rebel positions near the border.", "ASSAULT"),
        ("Gunmen fired at a checkpoint, wounding two policemen.", "ASSAULT"),
    ],
)
def test_literal_sense_is_still_an_event(extract, text, ptype):
    assert ptype in _types(extract(text))


@pytest.mark.parametrize(
    ("text", "ptype"),
    [
        ("The union demanded that the ministry reveal the names of the officers.", "REQUEST"),
        ("The lawyers asked the court to disclose the documents.", "REQUEST"),
        ("The junta released the separatists on Friday.", "RETREAT"),
    ],
)
def test_a_request_about_disclosure_is_not_a_reporting_formula(extract, text, ptype):
    assert ptype in _types(extract(text))


def test_a_declined_comment_hides_its_complement(extract):
    text = "The company declined to disclose the figures or offer an estimate of the cost."
    assert _types(extract(text)) == []


def test_a_state_blockade_is_a_restriction_not_a_protest(extract):
    events = extract("Turkey blocked the border crossing to trucks on Friday.").events
    assert "PROTEST" not in [e.type for e in events]
    (event,) = [e for e in events if e.type == "COERCE"]
    assert event.mode == "restrict"
    assert "events.protest.state-actor" in event.explanation.rule


def test_a_state_protest_is_a_verbal_disapproval(extract):
    (event,) = extract("Egypt protested the decision of the council.").events
    assert (event.type, event.mode) == ("ACCUSE", "disapprove")


def test_a_blockade_that_is_the_purpose_of_a_deployment_is_not_a_second_event(extract):
    events = extract("The army deployed soldiers to block the main road.").events
    assert [e.type for e in events] == ["MOBILIZE"]


def test_civilians_blocking_a_road_still_protest(extract):
    assert "PROTEST" in _types(extract("Farmers blocked the highway near Lyon."))
