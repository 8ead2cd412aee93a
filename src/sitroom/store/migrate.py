"""Numbered schema migrations (``migrations/NNNN_name.sql``), applied in order.

Each migration runs in its own transaction together with its ``schema_version`` row, so
a store is always at exactly one version: a failed migration leaves the previous one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import duckdb

from sitroom.store.errors import StoreError

_NAME = re.compile(r"^(\d{4})_(\w+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


@lru_cache(maxsize=1)
def _shipped() -> tuple[Migration, ...]:
    found = []
    for entry in resources.files("sitroom.store").joinpath("migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    return tuple(sorted(found, key=lambda m: m.version))


def migrations() -> list[Migration]:
    """Every migration shipped with the package, oldest first (read once per process:
    every reader checks the store's version against them)."""
    return list(_shipped())


LATEST = migrations()[-1].version


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    """Every migration version recorded in the store; empty for a new file."""
    # The connection's own database only: a reader's connection sees every store attached
    # in its process.
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND table_name = 'schema_version'"
    ).fetchall()[0][0]
    if not exists:
        return set()
    return {r[0] for r in con.execute("SELECT version FROM schema_version").fetchall()}


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The store's schema version: the highest version up to which every migration this
    code ships is applied (0 for a new file). Migrations may land out of number order
    (0005 before 0004), so a store holding 5 but not 4 is at 3 until 4 is applied."""
    applied = applied_versions(con)
    version = 0
    for migration in migrations():
        if migration.version not in applied:
            break
        version = migration.version
    return max([version, *(v for v in applied if v > LATEST)])


def migrate(con: duckdb.DuckDBPyConnection, target: int | None = None, label: str = "store") -> int:
    """Bring the schema up to ``target`` (default: the latest); return the version reached."""
    target = LATEST if target is None else target
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version "
        "(version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    version = current_version(con)
    if version > LATEST:
        raise StoreError(
            f"{label}: schema version {version} is newer than this sitroom knows ({LATEST}); "
            "upgrade sitroom"
        )
    applied = applied_versions(con)
    for migration in migrations():
        if migration.version not in applied and migration.version <= target:
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute(migration.sql)
                con.execute(
                    "INSERT INTO schema_version VALUES (?, ?, now()::TIMESTAMP)",
                    [migration.version, migration.name],
                )
                con.execute("COMMIT")
            except duckdb.Error as exc:
                con.execute("ROLLBACK")
                raise StoreError(
                    f"{label}: migration {migration.version:04d}_{migration.name} failed: {exc}"
                ) from exc
    return current_version(con)
