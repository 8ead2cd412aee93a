"""The real ``sitroom ingest``, ``articles`` and ``stats`` commands over DuckDB files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.store import StoreError, reading

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "corpus" / "arabnews-2023-2026.txt"
EXPECTED = REPO.parent / "shared" / "gold" / "seed" / "expected.json"
EXAMPLES = REPO / "examples"

STORY = (
    "Engineers from the water ministry said on Monday they had restored pumping at a treatment "
    "plant on the edge of the city after a power cut left tens of thousands of homes without "
    "running water for three days. The ministry blamed a fault on a high-voltage line and said "
    "tankers had been sent to the worst affected districts while repairs went on. Neighbourhood "
    "representatives said supplies were returning slowly and asked the authorities to publish a "
    "timetable for the remaining work on the network."
)
EDITED = STORY.replace("three days", "nearly four days").replace("slowly", "only gradually")
FRENCH = (
    "Les ingenieurs du ministere de l'eau ont annonce lundi avoir retabli le pompage dans une "
    "station de traitement situee en bordure de la ville, apres une coupure de courant qui a prive "
    "des dizaines de milliers de foyers d'eau courante pendant trois jours. Le ministere a evoque "
    "une panne sur une ligne a haute tension et a envoye des camions-citernes dans les quartiers "
    "les plus touches."
)

runner = CliRunner()


def sitroom(*args: object):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def summary(output: str) -> str:
    return next(line for line in output.splitlines() if line.startswith("ingested:"))


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.skipif(not SEED.exists(), reason="../shared corpus not present")
def test_seed_dump_ingested_twice_lists_exactly_its_two_articles(db_path):
    first = sitroom("ingest", SEED, "--db", db_path)
    assert first.exit_code == 0, first.output
    assert summary(first.stdout).startswith("ingested: 2 new, 0 duplicate")
    second = sitroom("ingest", SEED, "--db", db_path)
    assert summary(second.stdout).startswith("ingested: 0 new, 2 duplicate")
    listed = sitroom("articles", "--db", db_path, "--format", "json")
    articles = json.loads(listed.stdout)
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))["articles"]
    assert len(articles) == 2
    by_title = {a["title"]: a for a in articles}
    for want in expected:
        got = by_title[want["title"]]
        assert got["published"] == want["published"] and got["dateline"] == want["dateline"]
        assert (len(got["summary"]), len(got["captions"])) == (
            want["summary_count"],
            want["captions_count"],
        )
        assert got["text"].startswith(want["body_starts_with"])
    assert set(articles[0]) >= {
        "id",
        "source",
        "url",
        "outlet",
        "site",
        "author",
        "title",
        "published",
        "updated",
        "dateline",
        "summary",
        "captions",
        "text",
        "language",
        "duplicate_of",
    }


def test_own_records_count_new_near_duplicate_and_not_coded(tmp_path, db_path):
    feed = write_jsonl(
        tmp_path / "batch.jsonl",
        [
            {
                "id": "w1",
                "title": "Water back after outage",
                "text": STORY,
                "published": "2025-06-02",
            },
            {
                "id": "w2",
                "title": "Water supply restored to city",
                "text": EDITED,
                "published": "2025-06-03",
            },
            {"id": "w3", "title": "L'eau revient", "text": FRENCH, "published": "2025-06-02"},
        ],
    )
    result = sitroom("ingest", feed, "--db", db_path, "--quiet")
    assert result.exit_code == 0, result.output
    assert (
        summary(result.stdout) == "ingested: 3 new, 0 duplicate, 1 near-duplicate, 0 failed, "
        "1 not coded (not English: fr 1)"
    )
    rows = {
        a["title"]: a
        for a in json.loads(sitroom("articles", "--db", db_path, "--format", "json").stdout)
    }
    assert (
        rows["Water supply restored to city"]["duplicate_of"]
        == rows["Water back after outage"]["id"]
    )
    found = json.loads(
        sitroom("articles", "--db", db_path, "--format", "json", "--search", "gradually").stdout
    )
    assert [a["title"] for a in found] == ["Water supply restored to city"]
    stats = json.loads(sitroom("stats", "--db", db_path, "--format", "json").stdout)
    assert (stats["articles"], stats["near_duplicates"], stats["not_coded"]) == (3, 1, 1)


def test_bad_inputs_print_one_line_each_and_fail_but_keep_the_good(tmp_path, db_path):
    feed = tmp_path / "mixed.jsonl"
    feed.write_text(
        json.dumps({"id": "ok", "title": "Water back", "text": STORY}) + "\n[1, 2, 3]\n",
        encoding="utf-8",
    )
    result = sitroom("ingest", feed, tmp_path / "missing.txt", "--db", db_path)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert any("missing.txt" in line for line in errors) and any(
        "mixed.jsonl#line:2" in line for line in errors
    )
    assert (
        summary(result.stdout)
        == "ingested: 1 new, 0 duplicate, 0 near-duplicate, 2 failed, 0 not coded (not English)"
    )
    with reading(db_path) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_reading_commands_name_a_missing_store(tmp_path):
    for command in ("articles", "stats"):
        result = sitroom(command, "--db", tmp_path / "none.duckdb")
        assert result.exit_code == 1
        assert (
            result.stderr.strip() == f"error: {tmp_path / 'none.duckdb'}: no store here "
            f"(run `sitroom ingest ... --db {tmp_path / 'none.duckdb'}` first)"
        )


@pytest.mark.skipif(
    not EXAMPLES.is_dir() or not any(EXAMPLES.iterdir()), reason="examples/ not written yet"
)
def test_example_corpus_ingests_and_re_ingests_idempotently(db_path):
    first = sitroom("ingest", EXAMPLES, "--db", db_path, "--quiet")
    new = int(summary(first.stdout).split()[1])
    assert new >= 20, first.output
    with reading(db_path) as con:
        before = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    second = sitroom("ingest", EXAMPLES, "--db", db_path, "--quiet")
    assert summary(second.stdout).startswith("ingested: 0 new")
    with reading(db_path) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == before == new


def test_follow_picks_up_a_dropped_file_and_stops_on_signal(tmp_path, db_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    env = {**os.environ, "SITROOM_DB": str(db_path)}
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("sitroom")),
            "ingest",
            "--follow",
            str(inbox),
            "--interval",
            "0.1",
            "--quiet",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        # French: stored without coding, so the follower need not load the NLP model.
        write_jsonl(inbox / "drop.jsonl", [{"id": "d1", "title": "L'eau revient", "text": FRENCH}])
        titles = _wait_for_titles(db_path, proc)
        assert titles == ["L'eau revient"]
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert out.strip().splitlines()[-1].startswith("ingested: 1 new, 0 duplicate")


def _wait_for_titles(db_path: Path, proc: subprocess.Popen) -> list[str]:
    """Poll the store as a reader would until the follower has stored something."""
    for _ in range(600):
        assert proc.poll() is None, proc.stderr.read()
        try:
            with reading(db_path) as con:
                titles = [r[0] for r in con.execute("SELECT title FROM articles").fetchall()]
        except StoreError:  # not created or not migrated yet
            titles = []
        if titles:
            return titles
        time.sleep(0.1)
    raise AssertionError("the follower stored nothing within 60 s")
