"""Quad class, CAMEO and ACLED mappings, and the learned layer agreeing with the rules."""

from __future__ import annotations

import pytest

from sitroom.extract.events import classifier
from sitroom.extract.events.mapping import PLOVER_TYPES, QUAD, acled_type, cameo_code
from sitroom.extract.pipeline import get_nlp


def test_every_type_has_quad_cameo_and_acled():
    for ptype in PLOVER_TYPES:
        assert QUAD[ptype] in (1, 2, 3, 4)
        assert cameo_code(ptype, None), ptype
        found, rule = acled_type(ptype, None, set())
        assert found["type"] and found["sub_type"] and rule.startswith("acled.")


@pytest.mark.parametrize(
    ("ptype", "mode", "sectors", "acled"),
    [
        ("ASSAULT", "aerial", set(), ("Explosions/Remote violence", "Air/drone strike")),
        ("COERCE", "arrest", set(), ("Strategic developments", "Arrests")),
        ("ASSAULT", None, {"CVL"}, ("Violence against civilians", "Attack")),
        ("ASSAULT", None, {"MIL"}, ("Battles", "Armed clash")),
        ("PROTEST", "riot", set(), ("Riots", "Violent demonstration")),
    ],
)
def test_acled_rows(ptype, mode, sectors, acled):
    found, _ = acled_type(ptype, mode, sectors)
    assert (found["type"], found["sub_type"]) == acled


def test_cameo_codes_follow_quad():
    """CAMEO roots 01-05 are verbal cooperation ... 18-20 material conflict; a mode the
    conversion table lacks falls back to the type's root."""
    assert cameo_code("ASSAULT", "heavy-weapons") == "194"
    assert cameo_code("ASSAULT", "aerial") == cameo_code("ASSAULT", None) == "18"
    assert cameo_code("CONSULT", None).startswith("04")
    assert cameo_code("SANCTION", None).startswith("16")


def test_event_records_carry_mappings(extract):
    event = next(
        e for e in extract("Russian jets carried out air strikes on Idlib on Monday.").events
    )
    assert (event.type, event.mode, event.quad) == ("ASSAULT", "aerial", 4)
    assert event.cameo[:2] in {"18", "19", "20"}
    assert event.acled == {"type": "Explosions/Remote violence", "sub_type": "Air/drone strike"}


@pytest.mark.parametrize(
    ("text", "ptype"),
    [
        (
            "Protesters marched through the capital demanding the resignation of the government.",
            "PROTEST",
        ),
        ("The European Union imposed new economic sanctions on the regime.", "SANCTION"),
        ("Gunmen opened fire on a bus, killing 12 passengers.", "ASSAULT"),
    ],
)
def test_learned_layer_agrees_with_rules(extract, text, ptype):
    """Where a confident rule fires, the sentence model ranks its type among its first choices."""
    assert ptype in {e.type for e in extract(text).events}
    doc = get_nlp()(text)
    probs = classifier.type_probabilities([doc[:]])[0]
    assert classifier.rank_of(probs, ptype) < 3
