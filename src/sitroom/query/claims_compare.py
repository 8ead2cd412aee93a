"""Claims compared: every estimate of one subject over time, and which ones contradict.

A claim's stated numbers become the interval of values it allows, read through its
qualifier: "up to 500" allows [0, 500], "at least 5,000" [5,000, ∞), "about 450" 450 give or
take ``query.about_margin``, "exactly 22" only 22. Two claims disagree when they are about the same
``subject_key`` (same actor, measure and place scope: ``islamic-state/fighters/IRQ`` and
``.../IRQ+SYR`` are different questions, never a contradiction), in the same unit, dated in
the same month, from different articles, and their intervals do not overlap. Other scopes
of the same actor and measure are listed as ``related`` so a reader sees them side by side.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import duckdb

from sitroom import settings
from sitroom.query import clusters as cluster_queries
from sitroom.query import queries

_UPPER = {"up_to", "at_most", "less_than"}
_LOWER = {"at_least", "more_than"}


@dataclass(frozen=True)
class Interval:
    low: float
    high: float  # math.inf when open

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    def to_json(self) -> dict[str, float | None]:
        return {"low": self.low, "high": None if math.isinf(self.high) else self.high}


def interval(low: float | None, high: float | None, qualifier: str | None) -> Interval | None:
    """The values a claim allows; ``None`` when it states no number."""
    lo, hi = (low if low is not None else high), (high if high is not None else low)
    if lo is None or hi is None:
        return None
    q = qualifier or "exact"
    if q in _UPPER:
        return Interval(0.0, float(hi))
    if q in _LOWER:
        return Interval(float(lo), math.inf)
    if q == "about":
        margin = settings.number("query.about_margin")
        return Interval(float(lo) * (1 - margin), float(hi) * (1 + margin))
    return Interval(float(lo), float(hi))  # exact (a point when low == high) or range


def _month(row: dict[str, Any]) -> str | None:
    if row.get("date_value") and len(row["date_value"]) >= 7:
        return row["date_value"][:7]
    day = row.get("day")
    return day.isoformat()[:7] if day else None


def _scope_family(subject_key: str) -> str:
    """actor/measure without the place scope: the subjects worth showing side by side."""
    return "/".join(subject_key.split("/")[:2])


def _claim(row: dict[str, Any]) -> dict[str, Any]:
    span = interval(row["low"], row["high"], row["qualifier"])
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "day": row["day"].isoformat() if row["day"] else None,
        "month": _month(row),
        "date_fallback": row["date_fallback"],
        "low": row["low"],
        "high": row["high"],
        "unit": row["unit"],
        "qualifier": row["qualifier"],
        "vague": row["vague"],
        "interval": span.to_json() if span else None,
        "claimant": row["claimant_actor"] or row["claimant_text"],
        "claimant_text": row["claimant_text"],
        "article_title": row["article_title"],
        "evidence_text": row["evidence_text"],
        "independent_sources": row.get("claim_independent_sources"),
        "corrected": row["corrected"],
        "review": row["review"],
        "disagrees_with": [],
    }


def _disagreements(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            if a["month"] is None or a["month"] != b["month"] or a["unit"] != b["unit"]:
                continue
            if a["article_id"] == b["article_id"] or a["interval"] is None or b["interval"] is None:
                continue
            ia, ib = (interval(c["low"], c["high"], c["qualifier"]) for c in (a, b))
            if ia is None or ib is None or ia.overlaps(ib):
                continue
            gap = ib.low - ia.high if ia.high < ib.low else ia.low - ib.high
            a["disagrees_with"].append(b["id"])
            b["disagrees_with"].append(a["id"])
            found.append(
                {
                    "month": a["month"],
                    "claims": [a["id"], b["id"]],
                    "claimants": [a["claimant"], b["claimant"]],
                    "intervals": [a["interval"], b["interval"]],
                    "gap": gap,
                }
            )
    return found


_MONTH = (
    "CASE WHEN length(date_value) >= 7 THEN left(date_value, 7) WHEN day IS NOT NULL THEN "
    "lpad(CAST(year(day) AS VARCHAR), 4, '0') || '-' || lpad(CAST(month(day) AS VARCHAR), 2, '0') "
    "END"
)
"""``_month`` in SQL."""

_BOUNDS = "coalesce(low, high) AS lo, coalesce(high, low) AS hi, coalesce(qualifier, 'exact') AS q"


def _interval_sql() -> str:
    """``interval`` in SQL: the bounds a claim allows (NULL when it states no number)."""
    upper = ", ".join(f"'{q}'" for q in sorted(_UPPER))
    lower = ", ".join(f"'{q}'" for q in sorted(_LOWER))
    margin = settings.number("query.about_margin")
    return (
        f"CASE WHEN q IN ({upper}) THEN 0.0 WHEN q = 'about' THEN lo * {1 - margin!r} ELSE lo END "
        f"AS lo, CASE WHEN q IN ({lower}) THEN 'infinity'::DOUBLE WHEN q = 'about' THEN hi * "
        f"{1 + margin!r} ELSE hi END AS hi"
    )


def disputed_subjects(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Subject keys that may hold a disagreement: two claims from different articles, same
    month and unit, one interval above the other (with a little slack, so every subject
    ``_disagreements`` flags is among them; the comparison itself decides)."""
    claims = (
        f"SELECT subject_key, article_id, unit, month, {_interval_sql()} FROM ("
        f"SELECT subject_key, article_id, unit, {_MONTH} AS month, {_BOUNDS} FROM read_claims "
        "WHERE review <> 'rejected' AND (low IS NOT NULL OR high IS NOT NULL))"
    )
    return [
        r[0]
        for r in con.execute(
            f"WITH c AS ({claims}) SELECT DISTINCT a.subject_key FROM c a JOIN c b ON "
            "a.subject_key = b.subject_key AND a.month = b.month AND a.unit IS NOT DISTINCT FROM "
            "b.unit AND a.article_id <> b.article_id WHERE a.lo > b.hi - 1e-9 * (1 + abs(b.hi)) "
            "ORDER BY 1"
        ).fetchall()
    ]


def compare(
    con: duckdb.DuckDBPyConnection, subject_key: str | None = None, only_disagreements: bool = False
) -> list[dict[str, Any]]:
    """One entry per subject_key: its claims oldest first (corrections applied), the
    pairs that disagree, and the related scopes of the same actor and measure. Only the
    claims of the subjects asked about are read (with ``only_disagreements``, those of the
    subjects ``disputed_subjects`` names)."""
    every_key = [
        r[0] for r in con.execute("SELECT subject_key FROM read_claim_subjects").fetchall()
    ]
    families: dict[str, set[str]] = defaultdict(set)
    for key in every_key:
        families[_scope_family(key)].add(key)
    if subject_key:
        query: queries.Query | None = cluster_queries.claims(limit=None, subject_key=subject_key)
    elif only_disagreements:
        disputed = disputed_subjects(con)
        query = cluster_queries.claims(limit=None, subject_keys=disputed) if disputed else None
    else:
        query = cluster_queries.claims(limit=None)
    by_key: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in queries.fetch(con, query) if query is not None else []:
        by_key[row["subject_key"]].append(row)
    keys = [subject_key] if subject_key else sorted(by_key)
    out = []
    for key in keys:
        claims = [_claim(r) for r in by_key.get(key, [])]
        disagreements = _disagreements(claims)
        if only_disagreements and not disagreements:
            continue
        out.append(
            {
                "subject_key": key,
                "subject": by_key[key][0]["subject"] if claims else None,
                "claims": claims,
                "disagreements": disagreements,
                "related": sorted(families.get(_scope_family(key), set()) - {key}),
            }
        )
    return out
