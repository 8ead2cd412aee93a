"""A write's steps after the insert find the batch's rows by row id: every new row is at or
above the mark taken before the insert, every stored row below it, after deletions too."""

from __future__ import annotations

from storebuild import article, full_extraction, word_salad

from sitroom.store import Store, reading, writing
from sitroom.store.batch_rows import FirstRows


def test_new_rows_are_above_the_mark_and_stored_rows_below(db_path):
    store = Store(db_path)
    store.write([full_extraction(article(word_salad(seed))) for seed in range(3)])
    with writing(db_path) as con:
        con.execute("BEGIN TRANSACTION")
        # Deleting the newest rows must not let a later insert fall below the mark.
        newest = con.execute(
            "SELECT article_id FROM events ORDER BY rowid DESC LIMIT 1"
        ).fetchall()[0][0]
        con.execute("DELETE FROM events WHERE article_id = ?", [newest])
        mark = FirstRows.next_in(con)
        stored = con.execute("SELECT max(rowid) FROM events").fetchall()[0][0]
        con.execute(
            "INSERT INTO events SELECT * REPLACE ('new-article' AS article_id) FROM events LIMIT 1"
        )
        new = con.execute("SELECT rowid FROM events WHERE article_id = 'new-article'").fetchall()[
            0
        ][0]
        below = con.execute(f"SELECT count(*) FROM events WHERE rowid < {mark.events}").fetchall()[
            0
        ][0]
        con.execute("ROLLBACK")
    assert stored < mark.events <= new
    assert below == 4  # the three articles' six events, less the two of the one deleted


def test_every_event_and_article_of_each_batch_is_clustered_and_sourced(db_path):
    store = Store(db_path)
    for seed in range(4):  # one write per batch: each finds only its own rows
        store.write([full_extraction(article(word_salad(10 + seed)))])
    with reading(db_path) as con:
        unclustered = con.execute(
            "SELECT count(*) FROM events WHERE cluster_id IS NULL"
        ).fetchall()[0][0]
        unsourced = con.execute(
            "SELECT count(*) FROM articles WHERE source_key IS NULL"
        ).fetchall()[0][0]
        events = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    assert (events, unclustered, unsourced) == (8, 0, 0)
