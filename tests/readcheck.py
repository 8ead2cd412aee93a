"""The read tables compared with a rebuild from scratch (tests of store and corrections).

A plain module with a name no other test folder uses, so test modules import it directly."""

from __future__ import annotations

from pathlib import Path

from sitroom.store import readmodel
from sitroom.store.connection import writing

SNAPSHOT = {
    "read_events": "SELECT * EXCLUDE (rid) FROM read_events ORDER BY article_id, id",
    "read_event_actors": "SELECT * EXCLUDE (rid) FROM read_event_actors ORDER BY ALL",
    "read_timeline": "SELECT * FROM read_timeline ORDER BY ALL",
    "read_map": "SELECT * FROM read_map ORDER BY ALL",
    "read_actors": "SELECT * FROM read_actors ORDER BY ALL",
    "read_actor_list": "SELECT * FROM read_actor_list ORDER BY ALL",
    "read_actor_keys": "SELECT * FROM read_actor_keys ORDER BY ALL",
    "read_claims": "SELECT * FROM read_claims ORDER BY article_id, id",
    "read_claim_subjects": "SELECT * FROM read_claim_subjects ORDER BY ALL",
}
"""Every read table, in a fixed order, without the row numbers a refresh renews."""


def snapshot(con) -> dict[str, list[tuple]]:
    found = {name: con.execute(sql).fetchall() for name, sql in SNAPSHOT.items()}
    # the actor rows name their event by its row number: compare the event's key instead
    found["read_event_actors"] = con.execute(
        "SELECT e.article_id, e.id, x.actor_id, x.as_actor, x.as_recipient "
        "FROM read_event_actors x JOIN read_events e USING (rid) ORDER BY ALL"
    ).fetchall()
    return found


def kept_and_rebuilt(path: Path) -> tuple[dict, dict]:
    """The read tables as the writes and corrections left them, and as a rebuild from the
    extracted rows and corrections makes them (the rebuild is rolled back)."""
    with writing(path) as con:
        kept = snapshot(con)
        con.execute("BEGIN TRANSACTION")
        readmodel.rebuild(con)
        rebuilt = snapshot(con)
        con.execute("ROLLBACK")
    return kept, rebuilt


def assert_in_step(path: Path) -> None:
    kept, rebuilt = kept_and_rebuilt(path)
    for table in SNAPSHOT:
        assert kept[table] == rebuilt[table], f"{table} differs from a rebuild"
