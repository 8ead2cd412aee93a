"""Rule tables of the segmenter, read once from the CSV files in ``data/``.

Lexicons live in data files rather than code so each entry can be reviewed, extended for a
new site or language without touching logic, and traced: the ``rule`` column is the id that
ends up in ``Article.provenance`` for every field the entry decided.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class Rule:
    """One table row: a rule id, how it matches and the compiled pattern."""

    rule: str
    kind: str
    pattern: re.Pattern[str]
    value: str = ""


def table_rows(name: str) -> list[dict[str, str]]:
    text = files("sitroom.articles").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def boilerplate_rules() -> tuple[Rule, ...]:
    """Site furniture: exact short labels, line prefixes ("Read more: ...") and regexes."""
    out = []
    for row in table_rows("boilerplate.csv"):
        text = row["pattern"]
        if row["match"] == "exact":
            pattern = re.compile(rf"{re.escape(text)}", re.IGNORECASE)
        elif row["match"] == "prefix":
            pattern = re.compile(rf"{re.escape(text)}(?:\W|$)", re.IGNORECASE)
        else:
            pattern = re.compile(text, re.IGNORECASE)
        out.append(Rule(row["rule"], row["match"], pattern))
    return tuple(out)


@cache
def date_label_rules() -> tuple[Rule, ...]:
    """Labels in front of a date ("Updated", "Posted on"), longest first so "last updated"
    wins over "updated"; ``value`` is the role the date plays (published or updated)."""
    rows = sorted(table_rows("date_labels.csv"), key=lambda r: -len(r["label"]))
    return tuple(
        Rule(
            r["rule"],
            "label",
            re.compile(rf"{re.escape(r['label'])}\b\s*(?:on\b)?\s*:?\s*", re.IGNORECASE),
            r["role"],
        )
        for r in rows
    )


@cache
def caption_rules() -> tuple[Rule, ...]:
    """Photo-credit patterns; ``kind`` is where they apply: ``anywhere`` or only in the
    ``header`` above the body (a bare "(AFP)" there ends a caption, in the body it is a
    wire credit)."""
    return tuple(
        Rule(r["rule"], r["where"], re.compile(r["pattern"]))
        for r in table_rows("photo_credits.csv")
    )
