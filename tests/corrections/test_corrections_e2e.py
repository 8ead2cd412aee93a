"""The analyst's loop end to end on the example corpus, with the real CLI, the real NLP
pipeline and a real server: corrections survive a full re-extraction by a newer pipeline
version; French and Arabic articles are stored, reported and never coded; a watchlist's
feed picks up a newly ingested event; corrections go in and out over HTTP."""

from __future__ import annotations

import json
import subprocess
import sys

import feedparser
import pytest

from liveserver import TOKEN, copy_store, examples_store, run_cli, serve
from sitroom.query import queries
from sitroom.store import reading
from testpaths import EXAMPLES, REPO

pytestmark = pytest.mark.slow
BUMPED = "9.9.9-test"
CHILD_TABLES = ("mentions", "actors", "actor_roles", "places", "times", "events", "claims")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return copy_store(examples_store(tmp_path_factory), tmp_path_factory.mktemp("analyst"))


def cli(*args: str) -> str:
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def rows(db, sql: str, params: list | None = None) -> list[dict]:
    with reading(db) as con:
        return queries.fetch(con, queries.Query(sql, params or []))


def test_french_and_arabic_examples_are_stored_reported_and_not_coded(db, tmp_path_factory):
    summary = (tmp_path_factory.getbasetemp() / "examples-store" / "done").read_text()
    assert "not coded (not English: ar 1, fr 1)" in summary
    french_title = json.loads(
        (EXAMPLES / "records" / "syria-transition-2024-2025.jsonl").read_text().splitlines()[2]
    )["title"]
    found = {
        r["language"]: r
        for r in rows(db, "SELECT id, language, coded, title, source FROM articles WHERE NOT coded")
    }
    assert set(found) == {"fr", "ar"}
    assert found["fr"]["title"] == french_title
    assert found["ar"]["source"].endswith("html/rafidain-today-election-ar.html")
    with reading(db) as con:
        assert queries.stats(con)["not_coded_languages"] == {"ar": 1, "fr": 1}
    for article in found.values():
        for table in CHILD_TABLES:
            n = rows(
                db, f"SELECT count(*) AS n FROM {table} WHERE article_id = ?", [article["id"]]
            )[0]["n"]
            assert n == 0, f"{article['language']} article has {n} {table} rows"
    coded = rows(db, "SELECT count(*) AS n FROM articles WHERE coded AND language = 'en'")[0]["n"]
    assert coded >= 20 and rows(db, "SELECT count(*) AS n FROM events")[0]["n"] > 0


def test_corrections_survive_a_full_reextraction_by_a_newer_pipeline(db, tmp_path):
    events = rows(
        db, "SELECT id, type, article_id FROM events ORDER BY article_id, evidence_start, id"
    )
    claims = rows(db, "SELECT id, high FROM claims WHERE high IS NOT NULL ORDER BY article_id, id")
    assert len(events) >= 3 and claims
    recoded, rejected, confirmed = events[0], events[1], events[2]
    new_type = "COERCE" if recoded["type"] != "COERCE" else "PROTEST"
    cli(
        "correct",
        "event",
        recoded["id"],
        "--set",
        f"type={new_type}",
        "--why",
        "misread trigger",
        "--by",
        "tester",
        "--db",
        str(db),
    )
    cli("correct", "event", rejected["id"], "--reject", "--why", "not an event", "--db", str(db))
    cli("correct", "event", confirmed["id"], "--confirm", "--db", str(db))
    cli("correct", "claim", claims[0]["id"], "--set", "high=12345", "--db", str(db))
    trail = json.loads(cli("corrections", "list", "--db", str(db), "--format", "json"))
    assert [c["target_id"] for c in trail] == [
        recoded["id"],
        rejected["id"],
        confirmed["id"],
        claims[0]["id"],
    ]
    assert trail[0]["operator"] == "tester" and trail[0]["old"] == recoded["type"]
    before = {t: rows(db, f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in CHILD_TABLES}

    bumped = [
        sys.executable,
        "-c",
        f"import sitroom.version as v; v.PIPELINE_VERSION = {BUMPED!r}; from sitroom.cli import "
        "main; main()",
    ]
    result = subprocess.run(
        [*bumped, "reextract", "--db", str(db)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    total = rows(db, "SELECT count(*) AS n FROM articles")[0]["n"]
    assert f"re-extracted: {total} articles with pipeline {BUMPED}" in result.stdout
    assert {
        r["pipeline_version"] for r in rows(db, "SELECT DISTINCT pipeline_version FROM articles")
    } == {BUMPED}
    for table in CHILD_TABLES:
        versions = {r["v"] for r in rows(db, f"SELECT DISTINCT pipeline_version AS v FROM {table}")}
        assert versions <= {BUMPED}, f"{table} still holds rows of {versions - {BUMPED}}"
    after = {t: rows(db, f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in CHILD_TABLES}
    assert after == before, "the same pipeline code re-extracted the same rows"

    with reading(db) as con:
        listed = {e["id"]: e for e in queries.fetch(con, queries.events(limit=None))}
        hidden = queries.fetch(con, queries.events(limit=None, include_rejected=True))
        [claim] = [
            c for c in queries.fetch(con, queries.claims(limit=None)) if c["id"] == claims[0]["id"]
        ]
    assert listed[recoded["id"]]["type"] == new_type and listed[recoded["id"]]["corrected"] == [
        "type"
    ]
    assert listed[recoded["id"]]["pipeline_version"] == BUMPED
    assert listed[confirmed["id"]]["review"] == "confirmed"
    assert rejected["id"] not in listed and rejected["id"] in {e["id"] for e in hidden}
    assert claim["high"] == 12345 and claim["corrected"] == ["high"]
    assert len(json.loads(cli("corrections", "list", "--db", str(db), "--format", "json"))) == 4

    exported = tmp_path / "fixes.jsonl"
    cli("corrections", "export", str(exported), "--db", str(db))
    assert "imported: 0 new, 4 already stored" in cli(
        "corrections", "import", str(exported), "--db", str(db)
    )


def test_watchlist_feed_lists_a_newly_ingested_event_and_corrections_over_http(db, tmp_path):
    cli("watch", "add", "desk", "--since", "2026-06-01", "--db", str(db))
    cli("watch", "run", "desk", "--db", str(db))
    record = {
        "id": "desk-1",
        "title": "Border guards clash with smugglers",
        "published": "2026-06-15",
        "url": "https://desk.example/2026/06/15/border",
        "text": "AMMAN: Jordanian border guards clashed with armed smugglers near the Syrian "
        "border on Sunday, killing three of them, the Jordanian army said in a statement on "
        "Monday. The army said the smugglers had tried to cross with weapons and drugs.",
    }
    feed_in = tmp_path / "new.jsonl"
    feed_in.write_text(json.dumps(record) + "\n")
    cli("ingest", str(feed_in), "--db", str(db), "--quiet")
    new = json.loads(cli("watch", "run", "desk", "--db", str(db), "--format", "json"))
    assert new and {e["article_title"] for e in new} == {record["title"]}

    with serve(db, env={"SITROOM_INGEST_TOKEN": TOKEN}) as live, live.client() as client:
        listed = client.get("/api/watchlists").json()
        assert [w["name"] for w in listed["items"]] == ["desk"]
        response = client.get("/api/watchlists/desk/feed.atom")
        assert response.status_code == 200 and response.headers["content-type"].startswith(
            "application/atom+xml"
        )
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo and parsed.version == "atom10"
        assert {f"urn:sitroom:event:{e['id']}" for e in new} <= {e.id for e in parsed.entries}
        assert client.get("/api/watchlists/nope/feed.atom").status_code == 404

        target = new[0]["id"]
        body = {
            "kind": "event",
            "id": target,
            "set": {"type": "ASSAULT"},
            "why": "armed clash",
            "by": "http-desk",
        }
        assert client.post("/api/corrections", json=body).status_code == 401
        assert (
            client.post(
                "/api/corrections", json=body, headers={"Authorization": "Bearer wrong"}
            ).status_code
            == 401
        )
        made = client.post(
            "/api/corrections", json=body, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert made.status_code == 200, made.text
        assert made.json()["items"][0]["operator"] == "http-desk"
        bad = client.post(
            "/api/corrections",
            json={**body, "set": {"type": "SHOUT"}},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert bad.status_code == 400 and "PLOVER" in bad.json()["error"]["message"]
        events = client.get(
            "/api/events", params={"article": new[0]["article_id"], "limit": 100}
        ).json()["items"]
        [fixed] = [e for e in events if e["id"] == target]
        assert (
            fixed["type"] == "ASSAULT"
            and fixed["corrected"] == ["type"]
            and fixed["review"] == "corrected"
        )
        trail = client.get("/api/corrections", params={"target": target}).json()
        assert trail["total"] == 1 and trail["items"][0]["why"] == "armed clash"
        compared = client.get("/api/claims/compare").json()
        assert compared["total"] >= 1 and all("disagreements" in s for s in compared["items"])
