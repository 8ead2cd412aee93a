"""Every correction refreshes the store's read tables in its own transaction: after each
kind of edit (and after importing a teammate's file, or writing an article that names a
corrected actor) they hold what a rebuild from the extracted rows and corrections gives."""

from __future__ import annotations

from corrbuild import STORY_A, article, build, extraction_a

from readcheck import assert_in_step
from sitroom import corrections as C
from sitroom.corrections import edits
from sitroom.query import queries
from sitroom.store import Store, reading


def _timeline(db) -> dict[str, int]:
    with reading(db) as con:
        return {r["type"]: r["events"] for r in queries.fetch(con, queries.events_per_day())}


def test_each_kind_of_correction_leaves_the_read_tables_as_a_rebuild_makes_them(tmp_path):
    db = tmp_path / "s.duckdb"
    a, b = build(db)
    assert _timeline(db) == {"ASSAULT": 1, "CONSULT": 1}
    steps = [
        lambda con: edits.event_set(con, f"{a.id}-e1", "type", "COERCE", "a raid", None),
        lambda con: edits.event_set(
            con, f"{a.id}-e1", "place", "geonames:102", "it was Hilltown", None
        ),
        lambda con: edits.event_set(
            con, f"{b.id}-e1", "actors", "hill-militia", "the militia spoke", None
        ),
        lambda con: edits.review(con, "event", f"{b.id}-e1", "reject", "not talks", None),
        lambda con: edits.review(con, "event", f"{a.id}-e1", "confirm", "checked", None),
        lambda con: edits.claim_set(con, f"{a.id}-c1", "high", "600", "misread digit", None),
        lambda con: edits.review(con, "claim", f"{b.id}-c1", "reject", "duplicate", None),
        lambda con: edits.actor_merge(con, "militia-leaders", "hill-militia", "same group", None),
        lambda con: edits.actor_role(
            con, "hill-militia", "SYR", "REB", "2024-05-01", None, None, "moved", None
        ),
        lambda con: edits.actor_split(
            con, "hill-militia", "river-brigade", [a.id], "another group", None
        ),
    ]
    for step in steps:
        C.make(db, step)
        assert_in_step(db)
    assert _timeline(db) == {"COERCE": 1}, "recoded, and the rejected talks left out"


def test_an_imported_file_and_a_later_article_are_laid_over_too(tmp_path):
    here, there = tmp_path / "here.duckdb", tmp_path / "there.duckdb"
    a, _ = build(here)
    build(there)
    C.make(here, lambda con: edits.actor_merge(con, "militia-leaders", "hill-militia", None, None))
    C.make(here, lambda con: edits.review(con, "event", f"{a.id}-e1", "reject", None, None))
    C.export_file(here, tmp_path / "edits.jsonl")
    assert C.import_file(there, tmp_path / "edits.jsonl") == (2, 0)
    assert_in_step(there)
    later = article(
        STORY_A + " Witnesses said the fighters withdrew by nightfall.",
        "Checkpoint attack: more",
        "2024-05-08",
        "c.txt#1",
    )
    x = extraction_a(later)
    x.events[0].recipients = [x.events[0].actors[0].__class__("militia-leaders", "IRQ", "REB")]
    Store(there).write([x])
    assert_in_step(there)
    with reading(there) as con:
        [event] = queries.fetch(con, queries.events(article=later.id))
    assert "hill-militia" in event["actor_ids"] and "militia-leaders" not in event["actor_ids"]
