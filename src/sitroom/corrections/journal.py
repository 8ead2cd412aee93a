"""The corrections table: append edits, list them, exchange them as JSONL, and re-find
corrected events and claims after a re-extraction.

Appending is idempotent (the id is the edit's content hash), so importing a teammate's
file twice, or a file that contains edits already made here, adds each edit once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from sitroom.corrections.records import Correction, CorrectionError

_COLUMNS = (
    "id",
    "target_kind",
    "target_id",
    "article_id",
    "anchor_start",
    "anchor_end",
    "action",
    "field",
    "old_value",
    "new_value",
    "effect",
    "why",
    "operator",
    "made_at",
    "pipeline_version",
)


def append(con: duckdb.DuckDBPyConnection, corrections: Iterable[Correction]) -> int:
    """Insert edits not stored yet, in order; return how many were new. Runs in the
    caller's transaction."""
    added = 0
    for c in corrections:
        row = c.row()
        cur = con.execute(
            f"INSERT INTO corrections ({', '.join(_COLUMNS)}) VALUES "
            f"({', '.join('?' for _ in _COLUMNS)}) ON CONFLICT (id) DO NOTHING RETURNING id",
            [row[k] for k in _COLUMNS],
        )
        added += len(cur.fetchall())
    return added


def rows(
    con: duckdb.DuckDBPyConnection, kind: str | None = None, target: str | None = None
) -> list[dict[str, Any]]:
    """Stored edits, oldest first, as exchange-file objects."""
    sql = (
        f"SELECT {', '.join(_COLUMNS)}, seq FROM corrections "
        "WHERE (? IS NULL OR target_kind = ?) AND (? IS NULL OR target_id = ?) ORDER BY seq"
    )
    cur = con.execute(sql, [kind, kind, target, target])
    names = [d[0] for d in cur.description]
    out = []
    for values in cur.fetchall():
        r = dict(zip(names, values, strict=True))
        out.append(
            {
                "id": r["id"],
                "seq": r["seq"],
                "target_kind": r["target_kind"],
                "target_id": r["target_id"],
                "article_id": r["article_id"],
                "anchor_start": r["anchor_start"],
                "anchor_end": r["anchor_end"],
                "action": r["action"],
                "field": r["field"],
                "old": json.loads(r["old_value"]) if r["old_value"] else None,
                "new": json.loads(r["new_value"]) if r["new_value"] else None,
                "effect": json.loads(r["effect"]),
                "why": r["why"],
                "operator": r["operator"],
                "made_at": r["made_at"].isoformat(timespec="microseconds"),
                "pipeline_version": r["pipeline_version"],
            }
        )
    return out


def export_lines(con: duckdb.DuckDBPyConnection) -> Iterator[str]:
    """One JSON object per edit (no ``seq``: it is local to a store)."""
    for r in rows(con):
        r.pop("seq")
        yield json.dumps(r, ensure_ascii=False, sort_keys=True)


def read_file(path: Path) -> list[Correction]:
    """Every edit of a JSONL file; a bad line is an error naming the file and line, and
    nothing of the file is imported (a half-imported file would be hard to reason about)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionError(f"{path}: cannot read: {exc}") from None
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(Correction.from_json(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise CorrectionError(f"{path}:{n}: not JSON: {exc.msg}") from None
        except (CorrectionError, TypeError) as exc:
            raise CorrectionError(f"{path}:{n}: {exc}") from None
    return out


def reanchor(con: duckdb.DuckDBPyConnection, article_ids: list[str], pipeline_version: str) -> int:
    """After these articles were re-extracted, point each correction whose event or claim
    id is gone at the new record of the same article whose evidence overlaps the old
    evidence most (ties: the longest overlap, then the id). Returns how many moved."""
    moved = 0
    for kind, table in (("event", "events"), ("claim", "claims")):
        cur = con.execute(
            f"""
            INSERT OR REPLACE INTO correction_anchors
            SELECT '{kind}', l.target_id,
                   arg_max(t.id, (least(t.evidence_end, l.anchor_end)
                                  - greatest(t.evidence_start, l.anchor_start)) * 1e6
                                 - abs(t.evidence_start - l.anchor_start)),
                   ?, now()::TIMESTAMP
            FROM (SELECT DISTINCT k.target_id, k.article_id, k.anchor_start, k.anchor_end
                  FROM corrections k LEFT JOIN correction_anchors n
                    ON n.target_kind = k.target_kind AND n.old_id = k.target_id
                  WHERE k.target_kind = '{kind}' AND k.anchor_start IS NOT NULL
                    AND k.article_id IN (SELECT unnest(?::VARCHAR[]))
                    AND NOT EXISTS (SELECT 1 FROM {table} x
                                    WHERE x.id = coalesce(n.new_id, k.target_id))) l
            JOIN {table} t ON t.article_id = l.article_id
                 AND t.evidence_start < l.anchor_end AND t.evidence_end > l.anchor_start
            GROUP BY l.target_id
            RETURNING old_id
            """,  # kind/table: constants above
            [pipeline_version, article_ids],
        )
        moved += len(cur.fetchall())
    return moved
