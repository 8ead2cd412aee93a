"""The mode of an event from the words of its clause: what an attack was made with.

The lexicon gives a trigger's mode when the word itself says it ("shelled", "air
strike"); a plain "killed" or "attacked" takes it from the clause: "a roadside bomb
killed two soldiers" is explosives, "an Israeli drone struck a car" a drone strike,
"shelling killed two civilians" heavy weapons. ``mode_cues.csv`` lists the cue words in
priority order, so the most telling one wins ("a suicide bomber blew himself up" is a
suicide attack, not explosives) and a cue replaces a lexicon mode that comes later in
that order (an assassination "in a drone strike" is a drone strike). Two-sided fighting
keeps its own mode: a battle with artillery is still a battle.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

TABLE = Path(__file__).with_name("data") / "mode_cues.csv"


@dataclass(frozen=True)
class Cue:
    rule_id: str
    type: str
    lemma: str
    with_: str
    mode: str


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    with TABLE.open(encoding="utf-8", newline="") as fh:
        return tuple(
            Cue(r["rule_id"], r["type"], r["lemma"], r["with"], r["mode"])
            for r in csv.DictReader(fh)
        )


@lru_cache(maxsize=1)
def cue_types() -> frozenset[str]:
    """The types some cue can give a mode to."""
    return frozenset(cue.type for cue in cues())


@lru_cache(maxsize=1)
def _rank() -> dict[tuple[str, str], int]:
    """(type, mode) -> its priority: the row of its first cue."""
    rank: dict[tuple[str, str], int] = {}
    for n, cue in enumerate(cues()):
        rank.setdefault((cue.type, cue.mode), n)
    return rank


@lru_cache(maxsize=1)
def _by_lemma() -> dict[str, list[tuple[int, Cue]]]:
    table: dict[str, list[tuple[int, Cue]]] = {}
    for n, cue in enumerate(cues()):
        table.setdefault(cue.lemma, []).append((n, cue))
    return table


def _with_found(tok: Token, word: str) -> bool:
    """The cue's second word next to it: a child ("air strike") or the word before."""
    if any(c.lemma_.lower() == word for c in tok.children):
        return True
    return tok.i > 0 and tok.doc[tok.i - 1].lemma_.lower() == word


def cue_mode(ptype: str, mode: str | None, tokens: Iterable[Token]) -> tuple[str, str] | None:
    """(mode, cue rule id) when a cue word among ``tokens`` gives ``ptype`` a mode that
    ranks before ``mode``; None when the words say nothing better."""
    rank = _rank()
    limit = rank.get((ptype, mode), len(cues())) if mode else len(cues())
    best: tuple[int, Cue] | None = None
    table = _by_lemma()
    for tok in tokens:
        for n, cue in table.get(tok.lemma_.lower(), ()):
            if cue.type != ptype or rank[(cue.type, cue.mode)] >= limit:
                continue
            if cue.with_ and not _with_found(tok, cue.with_):
                continue
            if best is None or n < best[0]:
                best = (n, cue)
    return (best[1].mode, best[1].rule_id) if best else None
