"""PLOVER type + mode -> quad class, CAMEO code and ACLED type/sub-type.

The tables are data files shipped with the package: ``cameo_map.csv`` (derived from the
PLOVER project's conversion table by ``derive_cameo_table``) and ``acled_map.csv``
(written from ONTOLOGY.md's ACLED section; each row has a rule id).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).with_name("data")

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
"""The 16 PLOVER event types, in codebook order (cooperation first)."""

QUAD: dict[str, int] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
"""Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict."""

CIVILIAN_SECTORS = frozenset({"CVL", "REF", "EDU", "MED", "JRN", "LAB", "AGR", "BUS", "REL"})


def _rows(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def _cameo() -> dict[tuple[str, str], str]:
    return {(r["type"], r["mode"]): r["cameo"] for r in _rows("cameo_map.csv")}


@lru_cache(maxsize=1)
def _acled() -> list[dict[str, str]]:
    return _rows("acled_map.csv")


@lru_cache(maxsize=1)
def _victim_words() -> tuple[frozenset[str], frozenset[str]]:
    data = json.loads((HERE / "victim_words.json").read_text(encoding="utf-8"))
    return frozenset(data["civilian"]), frozenset(data["combatant"])


def civilian_phrase(text: str) -> bool:
    """A recipient phrase naming civilians by a common noun ("two civilians", "the bodies
    of three men"); a combatant word in it wins ("the bodies of two soldiers")."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    civilian, combatant = _victim_words()
    return bool(words & civilian) and not words & combatant


def cameo_code(ptype: str, mode: str | None) -> str | None:
    """The CAMEO code for a PLOVER type and mode; the type's root when the mode has none."""
    table = _cameo()
    return table.get((ptype, (mode or "").lower())) or table.get((ptype, ""))


def acled_type(
    ptype: str,
    mode: str | None,
    recipient_sectors: set[str],
    uncoded_recipients: Iterable[str] = (),
    trigger_rule: str = "",
) -> tuple[dict[str, str], str]:
    """ACLED ``{"type", "sub_type"}`` and the id of the table row that chose it.

    Rows are ordered most specific first; ``recipient`` "civilian" matches when any
    recipient sits in a civilian sector (one-sided violence against civilians), or when a
    recipient the actor KB left without a sector is named by a civilian common noun
    (``uncoded_recipients``: their texts). ``trigger`` rows match the lexicon rule that
    found the event by id prefix (bodies found dead are an attack on civilians whoever
    the victims were, as ACLED codes them).
    """
    civilian = bool(recipient_sectors & CIVILIAN_SECTORS) or any(
        civilian_phrase(text) for text in uncoded_recipients
    )
    for row in _acled():
        if row["type"] and row["type"] != ptype:
            continue
        if row["mode"] and row["mode"] != (mode or ""):
            continue
        if row["recipient"] == "civilian" and not civilian:
            continue
        if row["trigger"] and not trigger_rule.startswith(tuple(row["trigger"].split(";"))):
            continue
        return {"type": row["acled_type"], "sub_type": row["acled_sub_type"]}, row["rule_id"]
    raise LookupError(f"acled_map.csv has no default row for {ptype}")
