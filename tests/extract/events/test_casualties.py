"""Casualty counts read from the parse: the patterns ``casualties.sentence_counts`` ties a
number to a casualty word with, the headline re-parse, and sentences that hold no count.

The sentences are written for these tests. Each case names the count fields expected and
the word the count is anchored at, since the events component keeps only the counts whose
anchor lies in an event's clause.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitroom.extract.events.casualties import Count, merge, sentence_counts
from sitroom.extract.events.headlines import is_headline_case, sentence_cased
from sitroom.extract.pipeline import MODEL_PACKAGE

Reparse = Callable[[str], Doc]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load(MODEL_PACKAGE)


@pytest.fixture(scope="module")
def reparse() -> Reparse:
    """A second copy of the model without its recogniser: the copy only needs a parse."""
    return spacy.load(MODEL_PACKAGE, exclude=["ner"])


def _read(nlp: Language, text: str, reparse: Reparse | None = None) -> list[tuple[dict, str]]:
    """(size, anchor text) of every count in the text, sentence by sentence."""
    doc = nlp(text)
    out: list[tuple[dict, str]] = []
    for sent in doc.sents:
        counts: list[Count] = sentence_counts(sent, reparse=reparse)
        out += [(c.as_size(), doc[c.anchor].text) for c in counts]
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Militants killed seven farmers near the river on Sunday.", [({"dead": 7}, "killed")]),
        ("Eleven villagers died when the bridge was shelled.", [({"dead": 11}, "died")]),
        (
            "At least 18 people were killed and 30 wounded in the explosion.",
            [({"dead": 18}, "killed"), ({"injured": 30}, "wounded")],
        ),
        (
            "Hundreds of residents were killed in the siege.",
            [({"dead_min": 200, "dead_max": 999}, "killed")],
        ),
        ("Eight fatalities were recorded.", [({"dead": 8}, "fatalities")]),
        ("The ambush left 5 dead.", [({"dead": 5}, "dead")]),
        ("The death toll climbed to 27 by evening.", [({"dead": 27}, "toll")]),
        ("Patrols clashed near the pass, incurring fatalities.", [({"dead_min": 1}, "fatalities")]),
        (
            "The drone strike killed two soldiers and an interpreter.",
            [({"dead": 3}, "killed")],
        ),
        ("A police officer was killed at the checkpoint.", [({"dead": 1}, "killed")]),
        ("Police detained 9 students at the campus.", [({"arrested": 9}, "detained")]),
    ],
)
def test_existing_patterns(nlp: Language, text: str, expected: list) -> None:
    assert _read(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The militia released two videos showing 4 fighters.",
        "The ministry opened 12 new schools in the district.",
        "No one was killed in the fire.",
        "She said one thing about the ceasefire.",
    ],
)
def test_no_count(nlp: Language, text: str) -> None:
    assert _read(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One dead as storms hit the coast", [({"dead": 1}, "dead")]),
        ("Troops kill one teenager at a roadblock.", [({"dead": 1}, "kill")]),
        ("One of the guards was killed in the raid.", [({"dead": 1}, "killed")]),
        (
            "One porter was killed and another was injured on the trail.",
            [({"dead": 1}, "killed"), ({"injured": 1}, "injured")],
        ),
    ],
)
def test_one_counts(nlp: Language, text: str, expected: list) -> None:
    assert _read(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Six reported dead after the landslide.", [({"dead": 6}, "dead")]),
        ("Officials said three were found dead in the forest.", [({"dead": 3}, "dead")]),
        ("Rescuers recovered the bodies of nine miners.", [({"dead": 9}, "bodies")]),
        ("Gunmen shot four travellers dead.", [({"dead": 4}, "dead")]),
    ],
)
def test_dead_as_a_state(nlp: Language, text: str, expected: list) -> None:
    assert _read(nlp, text) == expected


def test_headline_test(nlp: Language) -> None:
    assert is_headline_case(nlp("Rebels Seize Two Outposts Near Northern Border")[:])
    assert is_headline_case(nlp("FLOODS SWEEP THROUGH THREE DISTRICTS")[:])
    assert not is_headline_case(nlp("Rebels seized two outposts near the Thai border.")[:])


def test_sentence_cased_copy_keeps_offsets(nlp: Language) -> None:
    title = "Artillery Fire in Northern Sagaing Kills 6 Farmers, UN Says"
    shout = "GUERRILLAS AMBUSH CONVOY, KILL NINE"
    for text in (title, shout):
        cased = sentence_cased(nlp(text)[:])
        assert len(cased) == len(text)
        assert cased.lower() == text.lower()
    cased = sentence_cased(nlp(title)[:])
    assert cased.startswith("Artillery fire in")
    assert "kills 6 farmers" in cased
    assert "UN" in cased
    assert sentence_cased(nlp(shout)[:]).startswith("Guerrillas ambush convoy, kill nine")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Shelling in Northern Karen State Reportedly Kills 4 Villagers, 3 Fighters",
            [({"dead": 4}, "Kills")],
        ),
        ("GUERRILLAS AMBUSH CONVOY, KILL NINE", [({"dead": 9}, "KILL")]),
        ("Late-Night Mortar Strike in Border Township Kills 5", [({"dead": 5}, "Kills")]),
        ("Sniper Attack Kills One Person in Market Town", [({"dead": 1}, "Kills")]),
        (
            "One Teacher Killed and Another Injured in Village Raid",
            [({"dead": 1}, "Killed"), ({"injured": 1}, "Injured")],
        ),
        ("Three Boys Dead after Mine Blast near School", [({"dead": 3}, "Dead")]),
    ],
)
def test_headlines_reparsed(nlp: Language, reparse: Reparse, text: str, expected: list) -> None:
    assert _read(nlp, text, reparse=reparse) == expected


def test_reparse_anchors_are_original_tokens(nlp: Language, reparse: Reparse) -> None:
    """The anchor is an index into the original doc, past any sentence before it."""
    doc = nlp("The army denied it. REBELS KILL 12 SOLDIERS IN HILL BATTLE")
    sents = list(doc.sents)
    assert len(sents) == 2
    counts = sentence_counts(sents[1], reparse=reparse)
    assert [(c.field, c.low, doc[c.anchor].text) for c in counts] == [("dead", 12, "KILL")]
    assert counts[0].anchor >= sents[1].start


def test_reparse_leaves_prose_alone(nlp: Language) -> None:
    """A sentence in ordinary case never calls the re-parser."""

    def refuse(text: str) -> Doc:
        raise AssertionError(f"re-parsed {text!r}")

    assert _read(nlp, "Militants killed seven farmers near the river.", reparse=refuse) == [
        ({"dead": 7}, "killed")
    ]


def test_merge_first_count_per_field() -> None:
    counts = [
        Count("dead", 4, 4, 2, "size.killed"),
        Count("dead", 9, 9, 7, "size.dead"),
        Count("injured", 10, None, 9, "size.wounded"),
    ]
    assert merge(counts) == ({"dead": 4, "injured_min": 10}, ["size.killed", "size.wounded"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Twelve fishermen were reported killed near the island.", [({"dead": 12}, "killed")]),
        ("Seven guards were believed killed in the blast.", [({"dead": 7}, "killed")]),
    ],
)
def test_reported_participle(nlp: Language, text: str, expected: list) -> None:
    assert _read(nlp, text) == expected
