"""Schema migrations: an old store is upgraded in place, a newer one is refused."""

from __future__ import annotations

import duckdb
import pytest

from sitroom.store import Store, StoreError, reading
from sitroom.store.migrate import LATEST, current_version, migrate, migrations


def test_migrations_are_numbered_without_gaps():
    assert [m.version for m in migrations()] == list(range(1, LATEST + 1))


def test_an_old_version_store_is_upgraded_keeping_its_rows(db_path):
    con = duckdb.connect(str(db_path))
    assert migrate(con, target=1) == 1
    con.execute(
        "INSERT INTO articles (id, source, summary, captions, text, coded, pipeline_version, "
        "ingested_at) VALUES ('old1', 'old.txt', [], [], 'an article stored by the first schema', "
        "true, '0.0.1', now()::TIMESTAMP)"
    )
    con.close()

    Store(db_path)  # opening for writing migrates

    with reading(db_path) as con:
        assert current_version(con) == LATEST
        versions = [
            r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()
        ]
        row = con.execute(
            "SELECT id, pipeline_version, minhash, provenance FROM articles"
        ).fetchall()
    assert versions == list(range(1, LATEST + 1))
    assert row == [("old1", "0.0.1", None, None)]


def test_migrating_twice_changes_nothing(db_path):
    Store(db_path)
    Store(db_path)
    with reading(db_path) as con:
        assert con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == LATEST


def test_a_store_from_a_newer_sitroom_is_refused_clearly(db_path):
    Store(db_path)
    con = duckdb.connect(str(db_path))
    con.execute("INSERT INTO schema_version VALUES (?, 'future', now()::TIMESTAMP)", [LATEST + 1])
    con.close()
    with pytest.raises(StoreError, match=rf"schema version {LATEST + 1} is newer"):
        Store(db_path)


def test_readers_name_an_old_schema_instead_of_failing_on_a_missing_column(db_path):
    con = duckdb.connect(str(db_path))
    migrate(con, target=1)
    con.close()
    with pytest.raises(StoreError, match=r"version 1, this sitroom reads .* run `sitroom ingest`"):
        with reading(db_path):
            pass
