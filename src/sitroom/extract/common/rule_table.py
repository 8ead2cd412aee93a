"""The rule table of each extractor: every rule id it emits, with its score and why.

Each extractor keeps one ``data/rules.csv`` beside its code (``id,score,emits,why``). The
code asks for a score by the row's id (``score("events", "events.date.clause-time")``)
instead of holding a literal, so a rule's confidence is read and changed in one place,
and an unknown id fails loudly rather than scoring silently.

``emits`` is the rule id written on the output. It is the row's id except where one
emitted id is scored differently in different places (two rows, one emitted id) or where
the code fills in a part (``events.arg.prep-<preposition>``). A blank ``score`` marks a
rule whose score is computed (a fuzzy-match ratio, a sum of place evidence); the ``why``
says how.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

EXTRACT_DIR = Path(__file__).resolve().parent.parent
EXTRACTORS = ("actors", "claims", "events", "places", "times")
COLUMNS = ("id", "score", "emits", "why")


class RuleTableError(LookupError):
    """An unknown extractor or rule id, or a rule without a fixed score."""


@dataclass(frozen=True)
class Rule:
    """One row of an extractor's rule table."""

    id: str
    score: float | None
    emits: str
    why: str


_chosen: dict[str, Path] = {}


def table_path(extractor: str) -> Path:
    if extractor not in EXTRACTORS:
        raise RuleTableError(f"no extractor {extractor!r} (one of {', '.join(EXTRACTORS)})")
    return _chosen.get(extractor, EXTRACT_DIR / extractor / "data" / "rules.csv")


def use_table(extractor: str, path: Path) -> None:
    """Read ``extractor``'s rules from ``path`` from now on (a component's ``rule_table``
    config); the file must exist and have the table's columns."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh), [])
    except OSError as exc:
        raise RuleTableError(f"{path}: cannot read rule table: {exc.strerror}") from None
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise RuleTableError(f"{path}: rule table lacks columns {', '.join(missing)}")
    table_path(extractor)
    _chosen[extractor] = path
    rules.cache_clear()


@lru_cache(maxsize=len(EXTRACTORS))
def rules(extractor: str) -> dict[str, Rule]:
    """The extractor's rules by id, in table order."""
    with table_path(extractor).open(encoding="utf-8", newline="") as fh:
        return {
            row["id"]: Rule(
                id=row["id"],
                score=float(row["score"]) if row["score"] else None,
                emits=row["emits"] or row["id"],
                why=row["why"],
            )
            for row in csv.DictReader(fh)
        }


def score(extractor: str, rule_id: str) -> float:
    """The fixed score of rule ``rule_id`` in ``extractor``'s table."""
    try:
        found = rules(extractor)[rule_id].score
    except KeyError:
        raise RuleTableError(f"{table_path(extractor)} has no rule {rule_id!r}") from None
    if found is None:
        raise RuleTableError(f"rule {rule_id!r} of {extractor} has a computed score")
    return found
