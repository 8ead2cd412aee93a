"""Every alias of the shipped actor base earns its place (the rule of kb.actors.hygiene)."""

from __future__ import annotations

import pytest

from sitroom.extract.pipeline import MODEL_PACKAGE
from sitroom.kb.actors import load_kb
from sitroom.kb.actors.hygiene import alias_problem, common_words, looks_like_person
from sitroom.kb.actors.names import norm_alias


@pytest.fixture(scope="module")
def base():
    return load_kb()


def test_no_alias_of_the_base_breaks_the_rule(base):
    common = common_words(MODEL_PACKAGE)
    bad = [
        (alias, aid, why)
        for aid, texts in base.alias_text.items()
        for alias in texts
        if (
            why := alias_problem(
                alias, base.actors[aid].kind, common, canonical=base.actors[aid].name
            )
        )
    ]
    assert bad == [], bad[:20]


def test_no_group_answers_to_a_person_of_the_base(base):
    people = {
        norm_alias(a)
        for aid, texts in base.alias_text.items()
        if base.actors[aid].kind == "person"
        for a in texts
    }
    groups = {"armed_group", "organisation", "party", "igo"}
    bad = [
        (alias, aid)
        for aid, texts in base.alias_text.items()
        if base.actors[aid].kind in groups
        for alias in texts
        if looks_like_person(norm_alias(alias), people, base.actors[aid].name)
        and not alias.isupper()
    ]
    assert bad == [], bad[:20]


def test_phoenix_members_no_longer_name_their_group(base):
    for member in ("Zarqawi", "Haitham Al-Badri", "Imad Mughniyeh"):
        assert not any(base.actors[a].kind != "person" for a in base.lookup(member)), member


@pytest.mark.parametrize(
    ("alias", "kind", "why"),
    [
        ("Pa", "party", "shorter"),
        ("UN", "igo", None),
        ("Labour", "party", "common"),
        ("IS", "armed_group", None),
        ("Japan", "state", None),
        ("Abu Ayyub Al-Masri", "armed_group", "person"),
        ("Islamic State of Iraq", "armed_group", None),
    ],
)
def test_the_rule_on_written_cases(alias, kind, why):
    found = alias_problem(alias, kind, common_words(MODEL_PACKAGE))
    assert (found is None) if why is None else (why in (found or ""))
