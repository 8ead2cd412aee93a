"""Modes from the clause's words and the ACLED sub-types they map to, on sentences written
in the style of ACLED event notes for these tests."""

from __future__ import annotations

import pytest

from sitroom.extract.events import mapping

ASSAULT = "ASSAULT"


@pytest.mark.parametrize(
    ("text", "mode", "sub_type"),
    [
        (
            "Government forces shelled the village of Tell Hamra, killing two civilians.",
            "heavy-weapons",
            "Shelling/artillery/missile attack",
        ),
        (
            "Artillery fire hit a market in Kafr Jaleel, killing three people.",
            "heavy-weapons",
            "Shelling/artillery/missile attack",
        ),
        (
            "A drone struck a pickup truck near Marib, killing two men.",
            "drone",
            "Air/drone strike",
        ),
        ("Warplanes bombed the town of Ras Atal on Monday.", "aerial", "Air/drone strike"),
        (
            "A roadside bomb killed two soldiers near Kirkuk.",
            "explosives",
            "Remote explosive/landmine/IED",
        ),
        (
            "A suicide bomber blew himself up at a market in Garowe, killing 9 people.",
            "suicide-attack",
            "Suicide bomb",
        ),
        ("Gunmen kidnapped a trader in Zinder.", "abduct", "Abduction/forced disappearance"),
        (
            "Police fired tear gas at demonstrators in Conakry.",
            "crowd-control",
            "Excessive force against protesters",
        ),
        ("Gunmen shot dead a teacher in Bouna.", "firearms", "Attack"),
    ],
)
def test_mode_and_sub_type(extract, text, mode, sub_type):
    events = [e for e in extract(text).events if e.type == ASSAULT]
    assert len(events) == 1, [e.explanation.rule for e in events]
    (event,) = events
    assert event.mode == mode
    assert event.acled["sub_type"] == sub_type


def test_shelling_that_kills_is_one_event_with_its_deaths(extract):
    (event,) = extract("Regime forces shelled the town of Ain Fara, killing four civilians.").events
    assert event.mode == "heavy-weapons"
    assert event.size.get("dead") == 4
    assert event.acled["sub_type"] == "Shelling/artillery/missile attack"


def test_outcome_of_an_air_strike_is_one_event(extract):
    events = extract("Five fighters were killed in an air strike on their base.").events
    assert [(e.type, e.mode) for e in events] == [(ASSAULT, "aerial")]


def test_a_strike_that_kills_is_an_attack_not_a_walkout(extract):
    types = _types(extract("Israeli strikes kill 20 people in Rafah."))
    assert "PROTEST" not in types and ASSAULT in types


@pytest.mark.parametrize(
    "text",
    [
        "The bodies of three men were found in Wadi Khalid.",
        "Two farmers were found dead near the village of Mreij.",
    ],
)
def test_bodies_found_are_an_attack(extract, text):
    (event,) = extract(text).events
    assert event.type == ASSAULT
    assert event.acled == {"type": "Violence against civilians", "sub_type": "Attack"}


def test_two_sided_fighting_stays_an_armed_clash(extract):
    (event,) = extract("Rebels and army units exchanged fire with mortars near Hama.").events
    assert event.acled["sub_type"] == "Armed clash"


def test_arrests_and_protests(extract):
    arrest = extract("Police arrested twelve students in Dhaka.").events[0]
    assert arrest.acled["sub_type"] == "Arrests"
    protest = extract("Hundreds of teachers demonstrated in Rabat on Sunday.").events[0]
    assert protest.acled["type"] == "Protests"


def test_a_listed_kind_of_violence_is_not_a_weapon(extract):
    (event,) = extract("The militia committed killings, torture and rape in 2014.").events
    assert event.mode is None


def test_victims_named_by_a_common_noun():
    assert mapping.civilian_phrase("the bodies of four villagers")
    assert not mapping.civilian_phrase("the bodies of two soldiers")
    found, _ = mapping.acled_type(ASSAULT, "firearms", set(), ["a shepherd"])
    assert found["sub_type"] == "Attack"


def test_a_cue_never_replaces_a_more_telling_mode(extract):
    (event,) = extract("Gunmen kidnapped a doctor in Kaduna.").events
    assert event.mode == "abduct"


def _types(ex) -> list[str]:
    return [e.type for e in ex.events]
