"""Concurrency through the user-facing entry points (the store-level cases live in
tests/store/test_store_concurrency.py, the HTTP ones in tests/http): ``sitroom articles``
and ``sitroom.open`` keep answering while a ``sitroom ingest`` commits batch by batch, and
two ``sitroom ingest`` runs on one store serialise without duplicates.

Records are marked French so the ingest stores them uncoded: the store's locking is
under test here, not the NLP pipeline (which would only make each run slower)."""

from __future__ import annotations

import json
import time

import pytest
from cli_run import run, start, store_state

import sitroom

pytestmark = pytest.mark.slow

TEXT = (
    "Les autorités de la province ont annoncé lundi la réouverture de la route principale "
    "vers la ville, fermée depuis trois semaines après des affrontements, "
    "selon un communiqué publié dans la soirée ({n})."
)


def _records(path, first: int, last: int):
    path.write_text(
        "".join(
            json.dumps(
                {
                    "id": f"c{n}",
                    "text": TEXT.format(n=n),
                    "language": "fr",
                    "title": f"Route rouverte {n}",
                }
            )
            + "\n"
            for n in range(first, last)
        )
    )
    return path


def test_cli_and_python_readers_answer_while_an_ingest_writes(tmp_path):
    db = tmp_path / "store.duckdb"
    assert (
        run("ingest", _records(tmp_path / "seed.jsonl", 0, 3), "--db", db, "--quiet").returncode
        == 0
    )
    writer = start(
        "ingest",
        _records(tmp_path / "more.jsonl", 3, 60),
        "--db",
        db,
        "--quiet",
        "--batch-size",
        "1",
    )
    cli_counts, api_counts = [], []
    while writer.poll() is None and len(cli_counts) < 10:
        listed = run("articles", "--db", db, "--format", "json", "--limit", "1000", timeout=120)
        assert listed.returncode == 0, listed.stderr
        cli_counts.append(len(json.loads(listed.stdout)))
        api_counts.append(sitroom.open(db).stats()["articles"])
        time.sleep(0.05)
    out, err = writer.communicate(timeout=600)
    assert writer.returncode == 0, err
    assert cli_counts and api_counts and min(cli_counts + api_counts) >= 3
    assert cli_counts == sorted(cli_counts) and api_counts == sorted(api_counts)
    assert max(cli_counts + api_counts) > 3, "no read saw the ingest's commits"
    assert len(store_state(db).articles) == 60


def test_two_cli_ingests_on_one_store_serialise(tmp_path):
    db = tmp_path / "store.duckdb"
    a = start(
        "ingest", _records(tmp_path / "a.jsonl", 0, 40), "--db", db, "--quiet", "--batch-size", "2"
    )
    b = start(
        "ingest", _records(tmp_path / "b.jsonl", 20, 60), "--db", db, "--quiet", "--batch-size", "2"
    )
    (out_a, err_a), (out_b, err_b) = a.communicate(timeout=600), b.communicate(timeout=600)
    assert (a.returncode, b.returncode) == (0, 0), err_a + err_b
    new = [int(out.split("ingested: ")[1].split(" new")[0]) for out in (out_a, out_b)]
    assert sum(new) == 60
    state = store_state(db)
    assert len(state.articles) == 60 and state.orphans == 0
