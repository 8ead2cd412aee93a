"""Opening the DuckDB file without keeping other processes out for long.

DuckDB lets one process hold a database file for writing, and a writer excludes readers
in other processes. So nobody keeps the file open: the writer opens it per batch
(open, write, checkpoint, close) and readers open it ``read_only`` per query. Whoever
finds the file locked waits with short, bounded retries and then fails with a clear
message, so two ingests serialise batch by batch and a web server keeps answering.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from sitroom.store.errors import StoreBusy, StoreError
from sitroom.store.migrate import LATEST, current_version

DEFAULT_WAIT_S = 30.0
"""How long a writer or reader waits for a lock held by another process before giving up.
A batch commit takes well under a second, so this only runs out when something is stuck."""


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("conflict" in text or "could not set" in text)


def _connect(path: Path, read_only: bool, wait_s: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait_s
    delay = 0.01
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if not _is_lock_conflict(exc):
                raise StoreError(f"{path}: cannot open store: {str(exc).splitlines()[0]}") from exc
            if time.monotonic() >= deadline:
                raise StoreBusy(
                    f"{path}: store is locked by another process for more than {wait_s:g}s "
                    f"({str(exc).splitlines()[0]})"
                ) from exc
        except duckdb.Error as exc:
            raise StoreError(f"{path}: cannot open store: {str(exc).splitlines()[0]}") from exc
        # Jitter keeps two waiting processes from retrying in lockstep.
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 0.1)


@contextmanager
def writing(path: Path, wait_s: float = DEFAULT_WAIT_S) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection held only for the ``with`` block, then checkpointed and
    closed so readers in other processes get the file back at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _connect(path, read_only=False, wait_s=wait_s)
    try:
        yield con
        con.execute("CHECKPOINT")
    finally:
        con.close()


@contextmanager
def reading(path: Path, wait_s: float = DEFAULT_WAIT_S) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for one query or request, on a store at the schema version
    this code knows (readers cannot migrate: that needs the write lock)."""
    if not path.is_file():
        raise StoreError(f"{path}: no store here (run `sitroom ingest ... --db {path}` first)")
    con = _connect(path, read_only=True, wait_s=wait_s)
    try:
        version = current_version(con)
        if version != LATEST:
            raise StoreError(
                f"{path}: store schema is version {version}, this sitroom reads {LATEST}"
                + (": run `sitroom ingest` on it once to migrate" if version < LATEST else ": upgrade sitroom")
            )
        yield con
    finally:
        con.close()
