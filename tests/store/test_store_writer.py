"""Writer: full records round-trip, idempotence, near-duplicates, batch atomicity."""

from __future__ import annotations

import dataclasses
import json

import pytest
from storebuild import BASE_STORY, article, full_extraction, word_salad

from sitroom import PIPELINE_VERSION
from sitroom.model import Event, Extraction
from sitroom.query import queries
from sitroom.store import Store, StoreError, reading

TABLES = ("articles", "mentions", "actors", "actor_roles", "places", "times", "events", "claims")


def counts(path) -> dict[str, int]:
    with reading(path) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_every_part_of_a_full_record_is_stored(db_path, story):
    x = full_extraction(story)
    report = Store(db_path).write([x])
    assert (report.new, report.duplicate) == (1, 0)
    assert counts(db_path) == {
        "articles": 1,
        "mentions": 2,
        "actors": 2,
        "actor_roles": 1,
        "places": 1,
        "times": 1,
        "events": 2,
        "claims": 1,
    }
    with reading(db_path) as con:
        ev = queries.fetch(con, queries.events(type="AID"))[0]
        assert ev["record"] == json.loads(json.dumps(dataclasses.asdict(x.events[0])))
        assert (ev["location_lat"], ev["location_country"], ev["day"].isoformat()) == (
            33.4,
            "IRQ",
            "2024-05-07",
        )
        assert ev["actor_ids"] == ["provincial-council", "relief-agency"]
        assert (ev["rule"], ev["score"], ev["evidence_start"], ev["evidence_end"]) == (
            "test.hand-built",
            0.75,
            0,
            120,
        )
        planned = queries.fetch(con, queries.events(type="ENGAGE"))[0]
        assert planned["date_fallback"] is True and planned["day"].isoformat() == story.published
        claim = queries.fetch(con, queries.claims())[0]
        assert (claim["low"], claim["qualifier"], claim["claimant_actor"]) == (
            2000,
            "about",
            "provincial-council",
        )
        assert claim["places"] == ["geonames:99"] and claim["day"].isoformat() == "2024-05-01"
        role = queries.fetch(con, queries.actor_roles("relief-agency"))[0]
        assert (role["title"], role["evidence_text"]) == ("aid body", story.text[0:9])
        versions = {
            con.execute(f"SELECT DISTINCT pipeline_version FROM {t}").fetchone()[0] for t in TABLES
        }
        assert versions == {PIPELINE_VERSION}
        ids = {
            con.execute(f"SELECT DISTINCT article_id FROM {t}").fetchone()[0]
            for t in TABLES
            if t != "articles"
        }
        assert ids == {story.id}


def test_writing_the_same_content_twice_adds_nothing(db_path, story):
    store = Store(db_path)
    store.write([full_extraction(story)])
    before = counts(db_path)
    again = Store(db_path).write([full_extraction(story), full_extraction(story)])
    assert (again.new, again.duplicate) == (0, 2)
    assert counts(db_path) == before


def test_near_duplicate_is_linked_across_separate_runs(db_path, story):
    Store(db_path).write([Extraction(article=story)])
    edited = BASE_STORY.replace("about two thousand families", "roughly 2,000 households in need")
    copy = article(edited, title="Aid convoy arrives after delays", source="other-outlet.html")
    unrelated = article(word_salad(1), title="Something else")
    report = Store(db_path).write([Extraction(article=copy), Extraction(article=unrelated)])
    assert (report.new, report.near_duplicate) == (2, 1)
    with reading(db_path) as con:
        rows = {r["id"]: r for r in queries.fetch(con, queries.articles())}
    assert rows[copy.id]["duplicate_of"] == story.id
    assert rows[unrelated.id]["duplicate_of"] is None and rows[story.id]["duplicate_of"] is None


def test_near_duplicates_in_one_batch_point_at_the_first_version(db_path, story):
    second = article(BASE_STORY.replace("Tuesday", "Wednesday"), title="Convoy, updated")
    third = article(BASE_STORY.replace("calm", "quiet"), title="Convoy, again")
    Store(db_path).write(
        [Extraction(article=story), Extraction(article=second), Extraction(article=third)]
    )
    with reading(db_path) as con:
        links = dict(con.execute("SELECT id, duplicate_of FROM articles").fetchall())
    assert links == {story.id: None, second.id: story.id, third.id: story.id}


def test_a_failing_batch_leaves_earlier_batches_and_nothing_of_itself(db_path):
    good = [full_extraction(article(word_salad(i), title=f"good {i}")) for i in range(3)]
    bad = [full_extraction(article(word_salad(10 + i), title=f"bad {i}")) for i in range(3)]
    bad[2].events.append(
        Event(id="broken", type=None)
    )  # NOT NULL violation after other rows went in
    store = Store(db_path)
    store.write(good, batch_size=3)
    with pytest.raises(StoreError, match=r"batch of 3 articles not written"):
        store.write(bad, batch_size=3)
    with reading(db_path) as con:
        stored = {r[0] for r in con.execute("SELECT id FROM articles").fetchall()}
        orphans = con.execute(
            "SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
    assert stored == {x.article.id for x in good}
    assert orphans == 0
    assert counts(db_path)["events"] == 2 * len(good)


def test_articles_in_other_languages_are_stored_but_marked_not_coded(db_path):
    foreign = article(word_salad(5), title="Ailleurs", language="fr")
    report = Store(db_path).write([Extraction(article=foreign)])
    assert (report.new, report.not_coded) == (1, 1)
    with reading(db_path) as con:
        assert queries.stats(con)["not_coded"] == 1


def test_store_refuses_a_file_that_is_not_a_database(tmp_path):
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("just some notes\n" * 100)
    with pytest.raises(StoreError, match="notes.duckdb"):
        Store(bogus)


def test_store_creates_missing_parent_directories(tmp_path):
    path = tmp_path / "deep" / "er" / "sitroom.duckdb"
    Store(path)
    assert path.is_file()


def test_claim_bounds_of_mixed_kinds_in_one_batch_are_stored(db_path):
    # One article's claim holds a float, another's an int past 2**53: Arrow infers the
    # column from the first and refused the second, failing the whole batch.
    xs = [full_extraction(article(word_salad(20 + i), title=f"bounds {i}")) for i in range(3)]
    xs[0].claims[0] = dataclasses.replace(xs[0].claims[0], low=2.5, high=2.5)
    xs[1].claims[0] = dataclasses.replace(xs[1].claims[0], low=2**60, high=2**60)
    xs[2].claims[0] = dataclasses.replace(xs[2].claims[0], low=None, high=10**400)
    Store(db_path).write(xs, batch_size=3)
    with reading(db_path) as con:
        bounds = dict(con.execute("SELECT id, [low, high] FROM claims").fetchall())
    assert bounds[xs[0].claims[0].id] == [2.5, 2.5]
    assert bounds[xs[1].claims[0].id] == [float(2**60)] * 2
    assert bounds[xs[2].claims[0].id] == [None, float("inf")]
