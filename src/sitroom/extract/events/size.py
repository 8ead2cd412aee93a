"""Event size from the clause: dead, injured, arrested, participants.

"killed 22 Daesh members" -> dead 22: the number modifying the object (or the passive
subject) of a size verb listed in ``size_lexicon.csv``. Only written numbers in digits
are read; vague amounts ("dozens") stay out of the size.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token


@lru_cache(maxsize=1)
def size_verbs() -> dict[str, tuple[str, str]]:
    """lemma -> (size field, rule id)."""
    with (
        Path(__file__)
        .with_name("data")
        .joinpath("size_lexicon.csv")
        .open(encoding="utf-8", newline="") as fh
    ):
        return {r["lemma"]: (r["field"], r["rule_id"]) for r in csv.DictReader(fh)}


def _number(noun: Token) -> int | None:
    for child in noun.children:
        if child.dep_ == "nummod":
            digits = child.text.replace(",", "")
            if digits.isdigit():
                return int(digits)
    return None


def clause_size(tokens: list[Token]) -> tuple[dict[str, int], list[str]]:
    """(size fields, rule ids used) from the size verbs among the clause's tokens."""
    table = size_verbs()
    size: dict[str, int] = {}
    used: list[str] = []
    for tok in tokens:
        hit = table.get(tok.lemma_.lower())
        if hit is None or tok.pos_ != "VERB":
            continue
        fieldname, rule = hit
        roles = {"dobj", "nsubjpass"} if fieldname != "participants" else {"nsubj"}
        for child in tok.children:
            count = _number(child) if child.dep_ in roles else None
            if count is not None and fieldname not in size:
                size[fieldname] = count
                used.append(rule)
    return size, used
