"""Analysts' corrections: audited edits kept apart from extraction and laid over it when
reading, so they survive re-extraction by newer pipelines and can be shared as JSONL.

    >>> from sitroom import corrections
    >>> corrections.make(
    ...     db,
    ...     lambda con: corrections.edits.event_set(
    ...         con, "3f2a...", "type", "ACCUSE", "misread", None
    ...     ),
    ... )
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from sitroom.corrections import edits, journal
from sitroom.corrections.records import Correction, CorrectionError, operator
from sitroom.store import Store, overlay, reading, readmodel, writing

__all__ = [
    "Correction",
    "CorrectionError",
    "edits",
    "export_file",
    "import_file",
    "journal",
    "list_corrections",
    "make",
    "operator",
    "overlay",
]

Builder = Callable[[duckdb.DuckDBPyConnection], Correction | list[Correction]]


def make(db: Path | str, build: Builder) -> list[Correction]:
    """Build edits against the store's current state and append them, in one transaction."""
    store = Store(db)
    with writing(store.path, store.wait_s) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            built = build(con)
            built = built if isinstance(built, list) else [built]
            journal.append(con, built)
            _refresh(con, built)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return built


def _refresh(con: duckdb.DuckDBPyConnection, made: list[Correction]) -> None:
    """The read tables follow the corrections in the same transaction."""
    if made:
        readmodel.refresh_corrections(
            con, {c.target_kind for c in made}, {c.target_id for c in made}
        )


def list_corrections(
    db: Path | str, kind: str | None = None, target: str | None = None
) -> list[dict]:
    with reading(Path(db)) as con:
        return journal.rows(con, kind, target)


def export_file(db: Path | str, path: Path) -> int:
    """Write every edit to ``path`` (JSONL); return how many."""
    with reading(Path(db)) as con:
        lines = list(journal.export_lines(con))
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def import_file(db: Path | str, path: Path) -> tuple[int, int]:
    """Append the edits of ``path`` not stored yet; return (new, already stored)."""
    found = journal.read_file(path)
    store = Store(db)
    with writing(store.path, store.wait_s) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            added = journal.append(con, found)
            _refresh(con, found)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return added, len(found) - added
