"""Hostile inputs through the real ``sitroom ingest`` (child process, 3 GiB address-space
limit, timeout): gzip bombs, nested gzip, 100k-deep HTML, 100 MB lines, broken and mixed
encodings, NUL bytes, WARC records whose Content-Length lies, feeds with external
entities and entity expansion, JSONL lines that are not records.

Each input is either refused with one ``error: <file>...: <reason>`` line or read, never
dropped in silence; the run ends with a non-zero status and no traceback; the good input
given alongside is stored; what the store held before is untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_run import run, sources, store_state
from hostile_corpus import GOOD_BEFORE, GOOD_DURING, build

pytestmark = pytest.mark.slow

MUST_BE_REFUSED = {
    "bomb-zeros.txt.gz",
    "bomb-blank-lines.jsonl.gz",
    "bomb-nested.txt.gz",
    "nested-gzip.html.gz",
    "line-100mb.txt",
    "line-100mb.jsonl",
    "line-100mb.html",
    "invalid-utf8.txt",
    "nul-bytes.txt",
    "png-named.html",
    "warc-length-huge.warc",
    "warc-length-long.warc",
    "warc-length-short.warc",
    "warc-length-negative.warc",
    "warc-length-text.warc",
    "warc-cut.warc.gz",
    "not-objects.jsonl",
    "wrong-field-types.jsonl",
    "truncated.txt.gz",
    "empty.rss",
    "surrogate-charref.rss",
}
REASONS = {
    "bomb-blank-lines.jsonl.gz": "decompressed-size limit",
    "line-100mb.txt": "line limit",
    "line-100mb.jsonl": "limit for one record",
    "line-100mb.html": "limit for a single document",
    "warc-length-huge.warc": "record limit",
    "wrong-field-types.jsonl": '"title" is a JSON array',
}
SECRET_MARKERS = ("root:x:0:0", "/bin/bash", "/usr/sbin/nologin")


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    built = build(folder / "inputs")
    db = folder / "store.duckdb"
    before = folder / "before.jsonl"
    before.write_text(json.dumps(GOOD_BEFORE) + "\n")
    first = run("ingest", before, "--db", db, "--quiet")
    assert first.returncode == 0, first.stderr
    state_before = store_state(db)
    during = folder / "during.jsonl"
    during.write_text(json.dumps(GOOD_DURING) + "\n")
    proc = run("ingest", *built, during, "--db", db, "--quiet", timeout=900)
    return built, db, state_before, proc, during


def _errors_for(stderr: str, path: Path) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(f"error: {path}")]


def test_run_fails_cleanly(outcome):
    built, _, _, proc, _ = outcome
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    assert proc.stdout.strip().splitlines()[-1].startswith("ingested: ")
    print(f"\nhostile inputs tried: {len(built)}")


def test_every_hostile_input_is_refused_with_a_reason_or_read(outcome):
    built, db, _, proc, _ = outcome
    stored = sources(db)
    report = []
    for path, item in built.items():
        errors = _errors_for(proc.stderr, path)
        read = [s for s in stored if s == str(path) or s.startswith(f"{path}#")]
        report.append(
            f"{item.name:28} {'refused' if errors else 'read':8} "
            f"{len(read)} stored  ({item.attack})"
        )
        assert errors or read, f"{item.name} ({item.attack}) was dropped without a word"
        for line in errors:
            reason = line[len(f"error: {path}") :].split(": ", 1)
            assert len(reason) == 2 and reason[1].strip(), f"no reason in {line!r}"
        if item.name in MUST_BE_REFUSED:
            assert errors, f"{item.name} ({item.attack}) was not refused"
        if item.name in REASONS:
            assert any(REASONS[item.name] in line for line in errors), errors
    print("\n" + "\n".join(report))


def test_no_local_file_leaks_through_entities(outcome):
    _, db, _, proc, _ = outcome
    everything = "\n".join(sources(db).values()) + proc.stderr + proc.stdout
    with __import__("duckdb").connect(str(db), read_only=True) as con:
        everything += "\n".join(
            str(r) for r in con.execute("SELECT title, summary, captions FROM articles").fetchall()
        )
    assert not any(marker in everything for marker in SECRET_MARKERS)


def test_good_input_stored_and_earlier_rows_intact(outcome):
    _, db, state_before, _, during = outcome
    after = store_state(db)
    assert state_before.articles <= after.articles
    for article_id in state_before.articles:
        assert after.rows_of(article_id) == state_before.rows_of(article_id)
    assert f"{during}#line:1" in sources(db)
    assert after.orphans == 0
