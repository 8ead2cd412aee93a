"""Concurrency with real processes: readers keep working while an ingest writes, two
writers serialise, and a lock held too long fails clearly."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitroom.store import Store, StoreBusy, reading

WORKER = Path(__file__).with_name("store_worker.py")


def worker(*args: object) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WORKER), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(proc: subprocess.Popen) -> dict:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    return json.loads(out)


def test_reader_keeps_answering_while_another_process_ingests(db_path):
    Store(db_path)
    writer = worker("write", db_path, 0, 60, 3)
    seen: list[int] = []
    reads_during_ingest = 0
    while writer.poll() is None:
        with reading(db_path) as con:
            seen.append(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        reads_during_ingest += writer.poll() is None
        time.sleep(0.02)  # requests arrive, they do not hold the file back to back
    assert finish(writer) == {"new": 60, "duplicate": 0}
    assert reads_during_ingest > 0
    assert seen == sorted(seen)  # batches appear whole and in order, never rolled back
    assert all(n % 3 == 0 for n in seen)  # never half a batch
    with reading(db_path) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 60


def test_two_ingests_at_once_serialise_without_duplicates(db_path):
    Store(db_path)
    first, second = worker("write", db_path, 0, 40, 4), worker("write", db_path, 20, 60, 4)
    a, b = finish(first), finish(second)
    assert a["new"] + b["new"] == 60
    assert a["duplicate"] + b["duplicate"] == 20
    with reading(db_path) as con:
        assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (
            60,
            60,
        )


def test_a_lock_held_too_long_fails_with_a_clear_message(db_path):
    Store(db_path)
    holder = worker("hold", db_path)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreBusy, match=rf"{db_path.name}: store is locked by another process"):
            with reading(db_path, wait_s=0.3):
                pass
        with pytest.raises(StoreBusy, match="locked"):
            Store(db_path, wait_s=0.3)
    finally:
        holder.kill()
        holder.wait()
    with reading(db_path) as con:  # usable again once the holder is gone
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
