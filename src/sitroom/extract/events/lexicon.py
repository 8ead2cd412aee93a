"""The trigger lexicon: verbs, nouns and adjectives that name a PLOVER event.

Each row of ``lexicon.csv`` is one rule: a lemma and part of speech, optionally a word
that must stand next to it in the parse (``with``: "open" + "fire", "air" + "strike"),
the PLOVER type, mode and contexts it codes, whether violence is two-sided, a
confidence score, and the type it becomes when negated ("did not agree" is a REJECT).
The row's ``rule_id`` is stored on every event it produces.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.attrs import POS
from spacy.tokens import Doc, Token

from sitroom.extract.common.doc_views import lower_forms, lower_lemmas, sentence_starts, view
from sitroom.extract.events.headlines import is_headline_case

LEXICON = Path(__file__).with_name("data") / "lexicon.csv"

_POS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", "LAW", "EVENT"})
_INFLECTIONS = (
    ("ies", "y"),
    ("ied", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", "e"),
    ("ed", ""),
    ("d", ""),
    ("ing", "e"),
    ("ing", ""),
)
"""Endings a headline word may carry and what replaces them in its base form."""


@dataclass(frozen=True)
class Entry:
    rule_id: str
    lemma: str
    pos: str
    with_: str
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    sides: str
    score: float
    if_negated: str | None


@lru_cache(maxsize=1)
def entries() -> dict[tuple[str, str], list[Entry]]:
    """(lemma, coarse POS) -> lexicon rows, most specific (with a ``with`` word) first."""
    table: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    with LEXICON.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            entry = Entry(
                rule_id=row["rule_id"],
                lemma=row["lemma"],
                pos=row["pos"],
                with_=row["with"],
                type=row["type"],
                mode=row["mode"] or None,
                contexts=tuple(c for c in row["contexts"].split(";") if c),
                sides=row["sides"],
                score=float(row["score"]),
                if_negated=row["if_negated"] or None,
            )
            table[(entry.lemma, entry.pos)].append(entry)
    for rows in table.values():
        rows.sort(key=lambda e: (not e.with_, -e.score))
    return dict(table)


def neighbourhood(token: Token) -> set[str]:
    """Lower-cased lemmas of the words a ``with`` condition may name: children,
    grandchildren, the head, and the two words before (split compounds such as
    "counter-offensive")."""
    words = {token.head.lemma_.lower()}
    for child in token.children:
        words.add(child.lemma_.lower())
        words.update(g.lemma_.lower() for g in child.children)
    doc = token.doc
    sent_start = sentence_starts(doc)[token.i]
    for i in (token.i - 1, token.i - 2):
        if i >= sent_start:
            words.add(doc[i].lemma_.lower())
    return words


def candidate_positions(doc: Doc) -> list[int]:
    """The tokens ``match`` may fire on (a lexicon lemma or word form under a part of
    speech the lexicon uses), read from the token arrays once per Doc so the sentence
    scans make Tokens only there."""
    return view(doc, "event_trigger_candidates", lambda: _candidates_of(doc))


def _candidates_of(doc: Doc) -> list[int]:
    table = entries()
    strings = doc.vocab.strings
    coarse = {p: _POS.get(strings[p]) for p in set(doc.to_array(POS).tolist())}
    rows = zip(doc.to_array(POS).tolist(), lower_lemmas(doc), lower_forms(doc), strict=True)
    found, propn = [], strings["PROPN"]
    for i, (pos, lemma, lower) in enumerate(rows):
        kind = coarse[pos]
        if kind is not None and ((lemma, kind) in table or (lower, kind) in table):
            found.append(i)
        elif pos == propn and _headline_rows(lower) and is_headline_case(doc[i].sent):
            found.append(i)
    return found


def headline_stems(lower: str) -> list[str]:
    """The base forms an inflected word may come from ("kills", "shelled", "airstrikes"):
    in a Title Case headline the small model tags such a word as a proper noun and keeps
    its own form as the lemma."""
    return [
        lower[: -len(end)] + base
        for end, base in _INFLECTIONS
        if lower.endswith(end) and len(lower) - len(end) >= 3
    ]


@lru_cache(maxsize=4096)
def _headline_rows(lower: str) -> list[Entry]:
    """The lexicon rows a headline's proper-noun-tagged word would fire as a common word:
    its bare form as a noun ("Attack on ..."), else an inflected form as a verb, then as a
    noun ("Kills", "Airstrikes")."""
    table = entries()
    bare = table.get((lower, "NOUN")) or table.get((lower, "VERB"))
    if bare:
        return bare
    for stem in headline_stems(lower):
        rows = table.get((stem, "VERB")) or table.get((stem, "NOUN"))
        if rows:
            return rows
    return []


def _headline_word(token: Token) -> list[Entry]:
    """A headline word tagged as a proper noun fires when it reads as a common word; inside
    a name the model found, only an inflected form does ("KNU Fire Kills"), so a name such
    as "Rally for Culture" stays a name."""
    rows = _headline_rows(token.lower_)
    if rows and token.ent_type_ in _NAMED and (token.lower_, rows[0].pos) in entries():
        return []
    return rows


def match(token: Token) -> Entry | None:
    """The lexicon rule that fires on ``token``, or None.

    Tokens inside a name ("Rally for Culture and Democracy") do not fire, except a
    headline's inflected verb or plural noun the model took for part of a name.
    """
    pos = _POS.get(token.pos_)
    if pos is None:
        return None
    rows = None
    if token.ent_type_ not in _NAMED or token.pos_ != "PROPN":
        rows = entries().get((token.lemma_.lower(), pos)) or entries().get((token.lower_, pos))
    if not rows and token.pos_ == "PROPN" and is_headline_case(token.sent):
        rows = _headline_word(token)
    if not rows:
        return None
    near = None
    for entry in rows:
        if not entry.with_:
            return entry
        near = near if near is not None else neighbourhood(token)
        if entry.with_ in near:
            return entry
    return None
