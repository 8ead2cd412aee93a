"""The process's in-memory DuckDB instance: started afresh after writes, kept by reads,
never closed under a reader."""

from __future__ import annotations

from storebuild import article, full_extraction, word_salad

from sitroom.store import Store, reading
from sitroom.store.connection import _here


def test_a_write_leaves_no_instance_and_reads_keep_theirs(db_path):
    Store(db_path).write([full_extraction(article(word_salad(1)))])
    assert _here()._db is None  # worn by the write, closed once the file was detached
    with reading(db_path) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]
    kept = _here()._db
    with reading(db_path) as con:
        con.execute("SELECT count(*) FROM events").fetchall()
    assert kept is not None and _here()._db is kept


def test_a_write_during_a_read_of_another_store_closes_the_instance_only_after_the_read(tmp_path):
    first, second = Store(tmp_path / "first.duckdb"), Store(tmp_path / "second.duckdb")
    first.write([full_extraction(article(word_salad(2)))])
    with reading(first.path) as con:
        second.write([full_extraction(article(word_salad(3)))])
        # The reader's connection still answers: the instance outlived the write.
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]
        assert _here()._db is not None
    assert _here()._db is None
    with reading(second.path) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]
