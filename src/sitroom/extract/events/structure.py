"""How triggers of one sentence relate: outcomes of an act, purposes, state "protests".

ACLED-style reports give an attack and its toll in one sentence: "regime forces shelled
the town, killing two civilians", "shelling by regime forces killed two civilians", "an
IED exploded near a convoy, wounding three soldiers". The kill or wound verb reports the
outcome of the act, so both are one event with the act's mode and the outcome's counts.

PLOVER's PROTEST is civilian collective action. A state or its forces that "block" a road
restrict movement, a state that "protests" a decision disapproves of it, and a blockade
that is the purpose of a deployment ("deployed troops to block the road") is not a second
event. The words live in ``detect_rules.json``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

TABLE = Path(__file__).with_name("data") / "detect_rules.json"
_SUBJECT_LINKS = frozenset({"xcomp", "advcl", "conj"})
_OUTCOME_LINKS = frozenset({"advcl", "conj"})


@lru_cache(maxsize=1)
def rules() -> dict:
    return json.loads(TABLE.read_text(encoding="utf-8"))


def is_outcome(tok: Token) -> bool:
    """A verb reporting harm done ("killing", "wounded")."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() in rules()["outcome_lemmas"]


def outcome_host(tok: Token, assaults: set[int]) -> int | None:
    """The index of the ASSAULT trigger whose outcome the ASSAULT verb ``tok`` reports:
    the act it is an adverbial participle or a coordinated verb of ("shelled the town,
    killing two"), or the event noun or gerund that is its subject ("shelling killed
    two")."""
    if not is_outcome(tok):
        return None
    if tok.dep_ in _OUTCOME_LINKS and tok.head.i in assaults:
        if tok.dep_ == "advcl" or not any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children):
            return tok.head.i
    for child in tok.children:
        if child.dep_ in {"nsubj", "csubj"} and child.i in assaults:
            return child.i
    return None


def outcome_of_noun(tok: Token, assaults: set[int]) -> int | None:
    """The outcome verb an attack noun explains ("soldiers were killed in an air strike",
    "died in the shelling"): the noun is the object of one of ``cause_preps``."""
    head = tok.head
    if (
        tok.pos_ == "NOUN"
        and tok.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.lower_ in rules()["cause_preps"]
        and head.head.i in assaults
        and is_outcome(head.head)
    ):
        return head.head.i
    return None


def strike_subject(tok: Token) -> bool:
    """A "strike" that kills ("Israeli strikes kill 20") is an attack, not a walkout:
    the noun is the subject of an outcome verb."""
    return (
        tok.lemma_.lower() == "strike"
        and tok.dep_ == "nsubj"
        and tok.head.i != tok.i
        and is_outcome(tok.head)
    )


def subject_head(tok: Token) -> Token | None:
    """The subject of the trigger's clause, borrowed from the governing verb for an
    infinitive, adverbial or coordinated verb without its own ("deployed troops to
    block")."""
    for _ in range(3):
        for child in tok.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return child
        if tok.dep_ not in _SUBJECT_LINKS or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def is_state_actor(head: Token | None) -> bool:
    """A state (a country name) or its forces ("the army", "security forces")."""
    if head is None:
        return False
    data = rules()
    return head.ent_type_ in data["state_actor_labels"] or (
        head.pos_ == "NOUN" and head.lemma_.lower() in data["state_actor_nouns"]
    )


def state_protest(mode: str | None) -> tuple[str, str] | None:
    """The (type, mode) a protest mode becomes when a state or its forces act."""
    found = rules()["state_protest"].get(mode or "")
    return (found[0], found[1]) if found else None


def purpose_of(tok: Token, triggers: set[int]) -> bool:
    """The trigger is the purpose of another trigger ("deployed troops to block the
    road"): an infinitive complement or adverbial clause of it."""
    markers = rules()["purpose_markers"]
    return (
        tok.dep_ in {"xcomp", "advcl"}
        and tok.head.i in triggers
        and any(c.dep_ == "aux" and c.lower_ in markers for c in tok.children)
    )
