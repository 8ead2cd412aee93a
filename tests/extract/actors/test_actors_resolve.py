"""resolve_text: KB aliases, near spellings, date-aware codes, compositional coding."""

from __future__ import annotations

import pytest

from sitroom.extract.actors.resolve import compose, resolve_text


@pytest.mark.parametrize(
    ("text", "date", "code"),
    [
        ("Ahmed al-Sharaa", "2020-01-01", ("SYR", "REB")),
        ("Ahmed al-Sharaa", "2026-01-01", ("SYR", "GOV")),
        ("Abu Mohammad al-Jolani", "2019-06-01", ("SYR", "REB")),
        ("Vladimir Putin", "2010-01-01", ("RUS", "GOV")),
        ("Daesh", "2023-03-13", ("IMG", "REB")),
    ],
)
def test_known_actor_is_coded_for_the_date(text, date, code):
    actor = resolve_text(text, date)
    assert actor is not None and (actor.country, actor.sector) == code


@pytest.mark.parametrize(
    "variant", ["Ahmed Al-Sharaa", "ahmed al sharaa", "Ahmed Sharaa", "AHMED AL-SHARAA"]
)
def test_spelling_variants_share_one_id(variant):
    assert resolve_text(variant, "2026-01-01").id == "ahmed-al-sharaa"


def test_near_spelling_is_matched_and_says_so():
    actor = resolve_text("Michael Kurrilla", "2023-03-01")
    assert actor.id == "michael-kurilla"
    assert actor.explanation.rule == "actors.fuzzy" and actor.explanation.score < 1


@pytest.mark.parametrize(
    ("text", "code", "actor_id"),
    [
        ("Iraqi General Foo Bar", ("IRQ", "MIL"), "foo-bar"),
        ("US General Zed Quorm", ("USA", "MIL"), "zed-quorm"),
        ("Syrian Interior Minister Wasim Qadri", ("SYR", "GOV"), "wasim-qadri"),
        ("Turkish police", ("TUR", "COP"), "turkey-police"),
        ("Iraqi forces", ("IRQ", "MIL"), "iraq-military"),
    ],
)
def test_unknown_names_code_compositionally(text, code, actor_id):
    actor = resolve_text(text, "2024-05-01")
    assert actor.id == actor_id
    assert (actor.country, actor.sector) == code
    assert actor.explanation.rule.startswith("actors.compositional")


def test_kurdish_forces_keep_the_ethnicity_without_a_state():
    actor = resolve_text("Kurdish forces")
    assert actor.ethnicity == "Kurdish" and actor.country is None and actor.sector == "UAF"


def test_a_title_before_a_known_name_keeps_the_kb_id():
    assert resolve_text("Iraqi General Qais Al-Mohamadawi", "2023-03-13").id == "qais-al-mohamadawi"


def test_capital_is_its_government():
    actor = resolve_text("Damascus")
    assert (actor.id, actor.country, actor.sector) == ("syria-government", "SYR", "GOV")


def test_plain_unknown_name_is_not_invented():
    assert resolve_text("Quentin Blorbury") is None
    assert compose("the weather") is None
