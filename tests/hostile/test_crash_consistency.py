"""Crash consistency: ``sitroom ingest`` is SIGKILLed at seeded random points while it
writes, restarted each time, and then run to the end.

After every kill the store must open, hold no row whose article is missing, hold every
article whole (the same extraction rows a clean run stores for it: batches are one
transaction), and still hold everything committed before the kill. The final store must
hold exactly the articles of a clean single run, each once."""

from __future__ import annotations

import random
import signal
import time

import pytest
from cli_run import run, start, store_state
from crash_corpus import write

from sitroom.store import StoreError

pytestmark = pytest.mark.slow

ARTICLES = 60
KILLS = 5
SEED = 20240301
BATCH = "3"


def _count(db) -> int:
    try:
        return len(store_state(db).articles)
    except StoreError:  # not created yet, or locked by the writer right now
        return -1


def _kill_while_writing(db, inputs, rng: random.Random, seen: int) -> bool:
    """Start an ingest, wait until it has committed something new, let it run a random
    moment more, SIGKILL it. True if it was still running when killed."""
    proc = start("ingest", inputs, "--db", db, "--quiet", "--batch-size", BATCH)
    deadline = time.monotonic() + 300
    while proc.poll() is None and _count(db) <= seen and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(rng.uniform(0.0, 1.0))
    alive = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    return alive


@pytest.fixture(scope="module")
def crashes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash")
    inputs = folder / "inputs"
    write(inputs, ARTICLES, per_file=10)
    clean_db, crash_db = folder / "clean.duckdb", folder / "crash.duckdb"
    clean = start(
        "ingest", inputs, "--db", clean_db, "--quiet", "--batch-size", BATCH
    )  # runs alongside
    rng = random.Random(SEED)
    history = []
    committed: frozenset[str] = frozenset()
    for _ in range(KILLS):
        alive = _kill_while_writing(crash_db, inputs, rng, len(committed))
        state = store_state(crash_db)
        history.append((alive, committed, state))
        committed = state.articles
    final = run("ingest", inputs, "--db", crash_db, "--quiet", "--batch-size", BATCH)
    _, clean_err = clean.communicate(timeout=900)
    assert clean.returncode == 0, clean_err
    assert final.returncode == 0, final.stderr
    return history, store_state(crash_db), store_state(clean_db), final


def test_every_kill_leaves_a_consistent_store(crashes):
    history, _, clean, _ = crashes
    for _, _, state in history:
        assert state.orphans == 0
        for article_id in state.articles:
            assert article_id in clean.articles
            assert state.rows_of(article_id) == clean.rows_of(article_id), (
                f"{article_id} stored partially"
            )
    survived = sum(alive for alive, _, _ in history)
    assert survived >= KILLS - 1, (
        "the ingest finished before it could be killed: the kills tested nothing"
    )
    print(
        f"\nkills survived: {survived}; "
        f"articles after each kill: {[len(s.articles) for _, _, s in history]}"
    )


def test_nothing_committed_before_a_kill_is_lost(crashes):
    history, final, _, _ = crashes
    lost = sum(len(before - state.articles) for _, before, state in history)
    lost += len(history[-1][2].articles - final.articles)
    assert lost == 0
    counts = [len(state.articles) for _, _, state in history]
    assert counts == sorted(counts) and counts[-1] > 0
    print(f"\nrecords lost: {lost}")


def test_final_run_equals_a_clean_run_without_duplicates(crashes):
    _, final, clean, proc = crashes
    assert final.articles == clean.articles and len(clean.articles) == ARTICLES
    assert final.children == clean.children
    assert final.orphans == 0
    assert "Traceback" not in proc.stderr
