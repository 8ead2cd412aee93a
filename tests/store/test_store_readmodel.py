"""The read tables (migration 0006) follow every write: after each batch, a re-extraction
or an import they hold what a rebuild from the extracted rows gives, readers see the new
counts, and a store from before them is filled when next opened for writing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import duckdb
import pytest
from storebuild import BASE_STORY, article, full_extraction, word_salad

from readcheck import assert_in_step
from sitroom.model import Event, EventDate, Extraction, Location, Participant
from sitroom.query import queries
from sitroom.store import Store, StoreBusy, StoreError, clusters, reading, source_links, writing
from sitroom.store.migrate import LATEST, current_version, migrate
from sitroom.store.rows import extraction_rows
from sitroom.store.writer import insert_rows


def story(seed: int, published: str = "2024-05-07", text: str | None = None) -> Extraction:
    """A full record (its events share type, place, day and actors with every other seed's,
    so they cluster) on a body of its own unless ``text`` is given."""
    return full_extraction(
        article(
            text or word_salad(seed),
            title=f"Convoy report {seed}",
            published=published,
            source=f"outlet{seed}.html#1",
        )
    )


def event_rows(path, **filters) -> list[dict]:
    with reading(path) as con:
        return queries.fetch(con, queries.events(limit=None, **filters))


def test_each_batch_leaves_the_read_tables_as_a_rebuild_makes_them(db_path):
    store = Store(db_path)
    store.write([story(1)])
    assert_in_step(db_path)
    store.write([story(2), story(3)], batch_size=1)
    assert_in_step(db_path)
    copy = story(4, text=BASE_STORY)  # then a near-duplicate of it
    store.write([copy])
    store.write([story(5, text=BASE_STORY.replace("about two thousand", "some 2,000"))])
    assert_in_step(db_path)


def test_a_later_article_updates_the_counts_of_the_events_it_joins(db_path):
    store = Store(db_path)
    first = story(1)
    store.write([first])
    [before] = [
        e for e in event_rows(db_path) if e["article_id"] == first.article.id and e["type"] == "AID"
    ]
    assert (before["sources"], before["source_articles"]) == (1, 1)
    store.write([story(2)])
    [after] = [
        e for e in event_rows(db_path) if e["article_id"] == first.article.id and e["type"] == "AID"
    ]
    assert after["sources"] == 2, "the second outlet's report joined the first one's cluster"
    with reading(db_path) as con:
        timeline = queries.fetch(con, queries.events_per_day())
        by_type = {r["type"]: r["events"] for r in timeline}
    assert by_type == {"AID": 2, "ENGAGE": 2}


def test_the_stored_timeline_and_map_equal_the_same_grouping_under_a_filter(db_path):
    Store(db_path).write([story(1), story(2, published="2024-06-01")])
    with reading(db_path) as con:
        stored = (
            queries.fetch(con, queries.events_per_day()),
            queries.fetch(con, queries.event_points()),
        )
        # a filter every event passes takes the computed path
        computed = (
            queries.fetch(con, queries.events_per_day(since="1900-01-01")),
            queries.fetch(con, queries.event_points(since="1900-01-01")),
        )
    assert stored == computed and stored[0] and stored[1]


def test_re_extraction_replaces_the_read_rows_of_its_articles(db_path):
    from sitroom import version
    from sitroom.ingest import replace_extractions as _replace

    first, second = story(1), story(2)
    Store(db_path).write([first, second])
    newer = dataclasses.replace(
        first,
        events=[
            Event(
                id=f"{first.article.id}-new",
                type="ASSAULT",
                quad=4,
                modality="asserted",
                actors=[Participant("hill-militia", "SYR", "REB")],
                location=Location("geonames:99", "Rivertown"),
                date=EventDate("2024-05-06", "day"),
            )
        ],
    )
    with writing(db_path) as con:
        con.execute("BEGIN TRANSACTION")
        _replace(con, [newer], version.PIPELINE_VERSION + "-next")
        con.execute("COMMIT")
    assert_in_step(db_path)
    mine = {e["id"] for e in event_rows(db_path, article=first.article.id)}
    assert mine == {f"{first.article.id}-new"}
    [left] = [e for e in event_rows(db_path, article=second.article.id) if e["type"] == "AID"]
    assert left["sources"] == 1, "the cluster it shared with the old extraction lost that source"


def test_an_actor_filter_finds_events_by_id_name_and_alias_through_the_actor_rows(db_path):
    Store(db_path).write([story(1)])
    for name in ("relief-agency", "Relief Agency", "the agency", "RA", "ra"):
        assert {e["type"] for e in event_rows(db_path, actor=name)} == {"AID"}, name
    assert {e["type"] for e in event_rows(db_path, actor="provincial-council")} == {"AID", "ENGAGE"}
    assert event_rows(db_path, actor="nobody") == []
    with reading(db_path) as con:
        as_recipient = queries.fetch(con, queries.actor_events("provincial-council", "recipient"))
        as_actor = queries.fetch(con, queries.actor_events("provincial-council", "actor"))
    assert [e["type"] for e in as_recipient] == ["AID"] and [e["type"] for e in as_actor] == [
        "ENGAGE"
    ]


def _store_at_0005(path, extractions: list[Extraction]) -> None:
    """A store as sitroom wrote it before the read tables: schema 0005, rows, clusters and
    sources assigned in the write's transaction."""
    con = duckdb.connect(str(path))
    try:
        migrate(con, target=5)
        con.execute("BEGIN TRANSACTION")
        tables: dict[str, list] = {}
        for x in extractions:
            tables.setdefault("articles", []).append(
                {
                    "id": x.article.id,
                    "source": x.article.source,
                    "title": x.article.title,
                    "published": x.article.published,
                    "summary": [],
                    "captions": [],
                    "text": x.article.text,
                    "language": "en",
                    "coded": True,
                    "pipeline_version": "0.5",
                    "ingested_at": dt.datetime(2025, 1, 1),
                }
            )
            for table, rows in extraction_rows(x).items():
                tables.setdefault(table, []).extend({**r, "pipeline_version": "0.5"} for r in rows)
        for table, rows in tables.items():
            insert_rows(con, table, rows)
        clusters.assign(con)
        source_links.assign(con)
        con.execute("COMMIT")
    finally:
        con.close()


def test_a_store_at_0005_with_data_is_migrated_and_filled_in_place(tmp_path):
    old, direct = tmp_path / "old.duckdb", tmp_path / "direct.duckdb"
    records = [story(1), story(2), story(3, published="2025-02-02")]
    _store_at_0005(old, records)
    with pytest.raises(StoreError, match="version 5"):
        with reading(old):
            pass
    Store(old)  # opening for writing migrates and fills
    with reading(old) as con:
        assert current_version(con) == LATEST
        assert con.execute("SELECT count(*) FROM read_events").fetchone()[0] == 6
    assert_in_step(old)
    Store(direct).write(records)  # the same records written by this sitroom, batch by batch

    def seen(path) -> tuple:
        with reading(path) as con:
            events = [
                {k: v for k, v in e.items() if k != "pipeline_version"}
                for e in queries.fetch(con, queries.events(limit=None))
            ]
            return (
                events,
                queries.fetch(con, queries.actors()),
                queries.fetch(con, queries.claim_subjects()),
                queries.fetch(con, queries.events_per_day()),
                queries.fetch(con, queries.event_points()),
            )

    assert seen(old) == seen(direct)
    assert seen(old)[0] and seen(old)[1]


def test_a_store_whose_read_tables_were_never_filled_is_refused_by_readers(db_path):
    Store(db_path).write([story(1)])
    with writing(db_path) as con:
        con.execute("UPDATE read_state SET filled = false")
    with pytest.raises(StoreError, match="not yet filled"):
        with reading(db_path):
            pass
    Store(db_path)
    assert len(event_rows(db_path)) == 2


def test_a_reader_waits_for_a_writer_of_the_same_file_in_this_process(db_path):
    Store(db_path)
    held, release = threading.Event(), threading.Event()

    def write() -> None:
        with writing(db_path):
            held.set()
            release.wait(10)

    writer = threading.Thread(target=write)
    writer.start()
    held.wait(10)
    try:
        with pytest.raises(StoreBusy, match="writer in this process"):
            with reading(db_path, wait_s=0.2):
                pass
    finally:
        release.set()
        writer.join()
    with reading(db_path) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_a_thread_cannot_write_a_store_it_is_reading(db_path):
    Store(db_path)
    with reading(db_path):
        with pytest.raises(StoreError, match="while this thread is reading"):
            with writing(db_path):
                pass


def test_a_read_left_on_another_thread_is_released_from_the_thread_that_opened_it(db_path):
    # A web framework may enter a request's read on one worker thread and leave it on
    # another, and the first worker may meanwhile serve a write.
    Store(db_path)

    def write() -> None:
        with writing(db_path) as con:
            con.execute("SELECT 1").fetchall()

    with ThreadPoolExecutor(1) as opener, ThreadPoolExecutor(1) as closer:
        block = reading(db_path)
        opener.submit(block.__enter__).result()
        closer.submit(block.__exit__, None, None, None).result()
        opener.submit(write).result()
