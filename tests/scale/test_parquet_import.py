"""Importing partition output (``process_input``, what each Spark task runs) into the store,
without a Spark session: an article found in two inputs is imported once."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from sitroom.scale.parquet_import import import_parquet
from sitroom.scale.partition import process_input

SHARED = {
    "id": "shared-1",
    "title": "Ministers meet in Amman",
    "text": (
        "AMMAN: Foreign ministers from Jordan and Egypt met in Amman on Tuesday to discuss aid "
        "deliveries, officials said. About 40 trucks crossed the border on Monday, according to "
        "the Jordanian Red Crescent."
    ),
    "published": "2025-03-04",
}
OWN = {
    "id": "own-1",
    "title": "Protest in Cairo",
    "text": (
        "CAIRO: Hundreds of workers protested outside a textile factory in Cairo on Sunday over "
        "unpaid wages, a union leader said."
    ),
    "published": "2025-03-02",
}


def _write(path: Path, records: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # t: constants below
            for t in ("articles", "mentions", "events", "claims")
        }
    finally:
        con.close()


def test_an_article_in_two_inputs_is_imported_once_with_one_inputs_rows(tmp_path):
    out = tmp_path / "out"
    one = _write(tmp_path / "a.jsonl", [SHARED, OWN])
    two = _write(tmp_path / "b.jsonl", [SHARED])
    for path in (one, two):
        assert process_input(path, str(out))["problems"] == []
    alone = tmp_path / "alone"
    process_input(one, str(alone))

    both_db, alone_db = tmp_path / "both.duckdb", tmp_path / "alone.duckdb"
    added = import_parquet(out, both_db)
    import_parquet(alone, alone_db)
    assert added["articles"] == 2
    assert _counts(both_db) == _counts(alone_db)
    assert _counts(both_db)["mentions"] > 0
    assert set(import_parquet(out, both_db).values()) == {0}
