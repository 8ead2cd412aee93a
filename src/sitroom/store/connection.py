"""Opening the DuckDB file without keeping other processes out for long.

DuckDB lets one process hold a database file for writing, and a writer excludes readers
in other processes. So nobody keeps the file open: the writer opens it per batch
(open, write, checkpoint, close) and readers open it ``read_only`` per query. Whoever
finds the file locked waits with short, bounded retries and then fails with a clear
message, so two ingests serialise batch by batch and a web server keeps answering.

Readers and writers attach the file to one in-memory DuckDB kept per process instead of
starting a database of their own: starting one registers every built-in function (longer
than most queries take), attaching only reads the file's catalog, and detaching releases
the file lock exactly as closing does. One instance per process also bounds its address
space: every DuckDB instance keeps a large share of it reserved even after it is closed,
so a reader instance next to per-batch writer instances pushed an ingest past an address
space limit (``docs/scale.md`` has the figures). Readers of one file in one process (the
server's request threads) share the attachment while any of them runs. Inside a process the
lock DuckDB takes on the file does not separate threads, so ``reading`` and ``writing``
also wait for each other here, per file.

A write wears the instance out: DuckDB keeps memory from every write inside the instance,
outside its buffer pool (``duckdb_memory()`` reads zero between writes) and not given back
by detaching or ``malloc_trim``, so a long ingest's RSS grew with the store. Closing the
instance frees it. So after a write the instance is closed as soon as nothing in the
process has a file attached, and the next user starts a fresh one (a small cost next to a
batch's extraction): a long stream stays flat, and its address space too, since one
instance lives at a time. Reads alone do not wear it, so a serving process keeps its
instance between requests.
"""

from __future__ import annotations

import itertools
import os
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from sitroom import settings
from sitroom.store import readmodel
from sitroom.store.errors import StoreBusy, StoreError
from sitroom.store.migrate import LATEST, current_version


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("conflict" in text or "could not set" in text)


def _retrying(path: Path, wait_s: float, deadline: float, open_once):
    """``open_once()``, retried while another process holds the file, until ``deadline``."""
    delay = settings.number("store.lock_retry_first_s")
    longest = settings.number("store.lock_retry_max_s")
    while True:
        try:
            return open_once()
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
        delay = min(delay * 2, longest)


@dataclass
class _File:
    """Who in this process uses one store file: readers share one attachment."""

    cond: threading.Condition = field(default_factory=threading.Condition)
    readers: int = 0
    alias: str | None = None
    writer: int | None = None
    """The thread writing, if any; it may open the file again (nested ``writing``)."""
    writer_depth: int = 0
    write_alias: str | None = None
    """The read-write attachment, shared by the writer's nested ``writing`` blocks."""


_held: dict[tuple[object, str], int] = {}
"""Open ``reading`` blocks per (owner, file): by default the owner is the thread, so a
thread that reads a file and asks to write it (or the reverse) fails at once instead of
waiting for itself. A block is counted against the owner that opened it and released from
that entry even when another thread closes it (a web framework may enter a request's
dependency on one worker thread and leave it on another)."""
_held_lock = threading.Lock()


def _reads_held(owner: object, key: str) -> int:
    with _held_lock:
        return _held.get((owner, key), 0)


def _count_read(owner: object, key: str, step: int) -> None:
    with _held_lock:
        count = _held.get((owner, key), 0) + step
        if count:
            _held[(owner, key)] = count
        else:
            del _held[(owner, key)]


class _Process:
    """The in-memory database readers attach files to, and the files in use, for one
    process (a forked child starts afresh: DuckDB's threads do not survive a fork)."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.lock = threading.Lock()
        self.files: dict[str, _File] = {}
        self.names = itertools.count()
        self._db: duckdb.DuckDBPyConnection | None = None
        self._attached = 0
        """Files attached to the instance now: it is closed only when none is."""
        self._worn = False
        """A write ran on the instance since it started."""

    def attaching(self) -> duckdb.DuckDBPyConnection:
        """The instance, counted as in use until ``release``: it stays open till then."""
        with self.lock:
            self._attached += 1
        return self.db()

    def release(self, wrote: bool) -> None:
        """One attachment ended; close the instance if a write wore it and none is left."""
        with self.lock:
            self._attached -= 1
            self._worn |= wrote
            if self._attached == 0 and self._worn and self._db is not None:
                self._db.close()
                self._db, self._worn = None, False

    def db(self) -> duckdb.DuckDBPyConnection:
        """The instance, started on first use; callers hold an attachment (``attaching``)."""
        with self.lock:
            if self._db is None:
                self._db = duckdb.connect(":memory:")
                # Pages of rows from one table: DuckDB reads their wide columns last, for
                # up to the largest page the API serves. Compressed materialisation costs
                # more to plan than it saves at this size.
                rows = settings.integer("store.late_materialization_rows")
                self._db.execute(f"SET GLOBAL late_materialization_max_rows = {rows}")
                self._db.execute("SET GLOBAL disabled_optimizers = 'compressed_materialization'")
            return self._db

    def file(self, path: Path) -> tuple[str, _File]:
        key = str(path.resolve())
        with self.lock:
            return key, self.files.setdefault(key, _File())


_process: _Process | None = None
_process_lock = threading.Lock()


def _here() -> _Process:
    global _process
    with _process_lock:
        if _process is None or _process.pid != os.getpid():
            _process = _Process()
        return _process


def _wait(f: _File, ready, path: Path, wait_s: float, deadline: float) -> None:
    """Wait (holding ``f.cond``) until ``ready()``, or fail as a busy store would."""
    while not ready():
        left = deadline - time.monotonic()
        if left <= 0:
            raise StoreBusy(
                f"{path}: store is in use by a writer in this process for more than {wait_s:g}s"
            )
        f.cond.wait(left)


@contextmanager
def writing(path: Path, wait_s: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection held only for the ``with`` block, then checkpointed and
    closed so readers in other processes get the file back at once. ``wait_s`` bounds the
    wait for a lock held elsewhere (default ``store.wait_s``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wait_s = settings.number("store.wait_s") if wait_s is None else wait_s
    deadline = time.monotonic() + wait_s
    process = _here()
    key, f = process.file(path)
    me = threading.get_ident()
    if _reads_held(me, key):
        raise StoreError(f"{path}: cannot write the store while this thread is reading it")
    with f.cond:
        _wait(f, lambda: f.writer in (None, me) and f.readers == 0, path, wait_s, deadline)
        f.writer = me
        f.writer_depth += 1
    try:
        if f.write_alias is None:
            f.write_alias = _attach(process, path, wait_s, deadline, read_only=False)
        con = process.db().cursor()
        try:
            con.execute(f"USE {f.write_alias}")
            # a long refresh (filling a migrated store) must not draw a progress bar on stderr
            con.execute("SET enable_progress_bar = false")
            yield con
            con.execute(f"CHECKPOINT {f.write_alias}")
        finally:
            con.close()
    finally:
        with f.cond:
            f.writer_depth -= 1
            if f.writer_depth == 0:
                f.writer = None
                if f.write_alias is not None:
                    alias, f.write_alias = f.write_alias, None
                    _detach(process, alias, wrote=True)
            f.cond.notify_all()


def _attach(
    process: _Process, path: Path, wait_s: float, deadline: float, read_only: bool = True
) -> str:
    alias = f"sitroom_store_{next(process.names)}"
    literal = str(path).replace("'", "''")
    options = " (READ_ONLY)" if read_only else ""
    db = process.attaching()

    def once() -> str:
        cur = db.cursor()
        try:
            cur.execute(
                f"ATTACH '{literal}' AS {alias}{options}"
            )  # alias: generated, literal: quoted
        finally:
            cur.close()
        return alias

    try:
        return _retrying(path, wait_s, deadline, once)
    except BaseException:
        process.release(wrote=False)
        raise


def _detach(process: _Process, alias: str, wrote: bool = False) -> None:
    try:
        cur = process.db().cursor()
        try:
            cur.execute(f"DETACH {alias}")
        finally:
            cur.close()
    finally:
        process.release(wrote)


@contextmanager
def reading(
    path: Path, wait_s: float | None = None, owner: object | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for one query or request, on a store at the schema version
    this code knows (readers cannot migrate: that needs the write lock). ``owner`` is
    whom the open read is counted against (default: this thread); a server passes the
    request when the block may be left on another thread than it was entered on;
    ``wait_s`` defaults to ``store.wait_s``."""
    if not path.is_file():
        raise StoreError(f"{path}: no store here (run `sitroom ingest ... --db {path}` first)")
    wait_s = settings.number("store.wait_s") if wait_s is None else wait_s
    deadline = time.monotonic() + wait_s
    process = _here()
    key, f = process.file(path)
    if f.writer == threading.get_ident():
        raise StoreError(f"{path}: cannot read the store while this thread is writing it")
    with f.cond:
        _wait(f, lambda: f.writer is None, path, wait_s, deadline)
        if f.alias is None:
            f.alias = _attach(process, path, wait_s, deadline)
        f.readers += 1
        alias = f.alias
    owner = threading.get_ident() if owner is None else owner
    _count_read(owner, key, 1)
    try:
        con = process.db().cursor()
        try:
            con.execute(f"USE {alias}")
            version = current_version(con)
            if version != LATEST:
                raise StoreError(
                    f"{path}: store schema is version {version}, this sitroom reads {LATEST}"
                    + (
                        ": run `sitroom ingest` on it once to migrate"
                        if version < LATEST
                        else ": upgrade sitroom"
                    )
                )
            if not readmodel.is_filled(con):
                raise StoreError(
                    f"{path}: store is migrated but not yet filled for reading: "
                    "run `sitroom ingest` on it once to finish"
                )
            yield con
        finally:
            con.close()
    finally:
        _count_read(owner, key, -1)
        with f.cond:
            f.readers -= 1
            if f.readers == 0:
                f.alias = None
                _detach(process, alias)
                f.cond.notify_all()
