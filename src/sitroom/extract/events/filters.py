"""Triggers that are not events: idioms, reporting formulas, background mentions.

A lexicon word is only a trigger in its literal sense. "Struck a conciliatory tone",
"released two videos", "asked not to be identified", "a heart attack" and "to evade
attacks" name no political event, and the parse shows why: the verb's object is a
document, a substance or an abstraction, the complement is a reporting verb, the noun
is modified by a body part or is what someone evades. Each reason is a rule of ``not_events.json``
naming trigger lemmas, the place in the parse to look (``object``, ``subject``,
``complement``, ``modifier``, ``particle``, ``preposition``, ``governor``) and word
lists.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

TABLE = Path(__file__).with_name("data") / "not_events.json"

_OBJECT_DEPS = frozenset({"dobj", "nsubjpass"})
_SUBJECT_DEPS = frozenset({"nsubj"})
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
_GOVERNED_DEPS = frozenset({"dobj", "pobj", "nsubjpass", "attr"})


@dataclass(frozen=True)
class NotEventRule:
    rule_id: str
    lemmas: frozenset[str]
    where: str
    words: frozenset[str]
    hides_complement: bool


def _expand(items: list[str], sets: dict[str, list[str]]) -> frozenset[str]:
    out: set[str] = set()
    for item in items:
        out.update(sets[item[1:]] if item.startswith("@") else [item])
    return frozenset(out)


@lru_cache(maxsize=1)
def table() -> dict[str, list[NotEventRule]]:
    """Trigger lemma -> the rules that can unmake it."""
    data = json.loads(TABLE.read_text(encoding="utf-8"))
    sets = data["word_sets"]
    by_lemma: dict[str, list[NotEventRule]] = {}
    for row in data["rules"]:
        rule = NotEventRule(
            rule_id=f"events.not.{row['id']}",
            lemmas=frozenset(row["lemmas"]),
            where=row["where"],
            words=_expand(row.get("words", []), sets),
            hides_complement=row.get("hides_complement", False),
        )
        for lemma in rule.lemmas:
            by_lemma.setdefault(lemma, []).append(rule)
    return by_lemma


def _objects(tok: Token) -> Iterator[Token]:
    return (c for c in tok.children if c.dep_ in _OBJECT_DEPS)


def _subjects(tok: Token) -> Iterator[Token]:
    return (c for c in tok.children if c.dep_ in _SUBJECT_DEPS)


def _complement_words(tok: Token) -> Iterator[Token]:
    """The verb of the trigger's infinitive complement and its objects ("declined to
    comment", "asked not to be identified", "refused to confirm the figures"), when the
    trigger has no object of its own ("asked the court to disclose" asks someone)."""
    if any(c.dep_ in {"dobj", "dative"} for c in tok.children):
        return
    for comp in tok.children:
        if comp.dep_ == "xcomp":
            yield comp
            yield from (c for c in comp.children if c.dep_ in _COMPLEMENT_DEPS | _OBJECT_DEPS)


def _modifiers(tok: Token) -> Iterator[Token]:
    return (c for c in tok.children if c.dep_ in _MODIFIER_DEPS)


def _particles(tok: Token) -> Iterator[Token]:
    return (c for c in tok.children if c.dep_ == "prt")


def _prepositions(tok: Token) -> Iterator[Token]:
    """The prepositions of a verb without a direct object: "seized on the remarks" is an
    idiom, "seized the tanker on suspicion of smuggling" a seizure."""
    if any(c.dep_ == "dobj" for c in tok.children):
        return iter(())
    return (c for c in tok.children if c.dep_ == "prep")


def _governors(tok: Token) -> Iterator[Token]:
    """The word whose object the trigger is: a verb ("to evade attacks") or, through one
    preposition, a verb, noun or adjective ("the risk of attacks", "vulnerable to")."""
    if tok.dep_ not in _GOVERNED_DEPS or tok.head.i == tok.i:
        return
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.i != head.i:
        head = head.head
    yield head


_WHERE = {
    "object": _objects,
    "subject": _subjects,
    "complement": _complement_words,
    "modifier": _modifiers,
    "particle": _particles,
    "preposition": _prepositions,
    "governor": _governors,
}


def not_event_rule(tok: Token) -> NotEventRule | None:
    """The rule saying the trigger ``tok`` names no event, or None."""
    for rule in table().get(tok.lemma_.lower(), ()):
        found = list(_WHERE[rule.where](tok))
        if any(t.lemma_.lower() in rule.words for t in found):
            return rule
    return None


def hidden_span(tok: Token, rule: NotEventRule) -> range:
    """Token positions whose triggers go with a dropped reporting formula: its
    complement ("declined to disclose details or offer an estimate")."""
    if not rule.hides_complement:
        return range(0)
    comps = [c for c in tok.children if c.dep_ == "xcomp"]
    if not comps:
        return range(0)
    return range(min(c.left_edge.i for c in comps), max(c.right_edge.i for c in comps) + 1)
