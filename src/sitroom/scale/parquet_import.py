"""Parquet written by the Spark job -> the embedded store, in one transaction.

The files carry the store's own columns, so each table is one ``INSERT ... BY NAME``
from ``read_parquet``. Articles already stored (same content id) are left out with every
row that came with them, so importing the same output twice adds nothing. The store's
sequence numbers and ``ingested_at`` are filled here, in publication order.
Near-duplicate links across inputs are not computed on import (each task saw only its
own input); articles keep their MinHash and band keys, so later ingests link to them.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from sitroom.scale.partition import TABLES
from sitroom.store import clusters, readmodel, source_links
from sitroom.store.connection import writing
from sitroom.store.errors import StoreError
from sitroom.store.writer import Store


def _glob(root: Path, table: str) -> str | None:
    folder = root / table
    return str(folder / "**" / "*.parquet") if any(folder.rglob("*.parquet")) else None


def import_parquet(root: Path, db: Path) -> dict[str, int]:
    """Rows added per table from the job output at ``root``."""
    if not (root / "articles").is_dir():
        raise StoreError(f"{root}: no sitroom Parquet output here (expected an articles/ folder)")
    store = Store(db)
    added: dict[str, int] = {}
    try:
        with writing(store.path, store.wait_s) as con:
            con.execute("BEGIN TRANSACTION")
            try:
                articles = _glob(root, "articles")
                # The same content in two inputs is one article: the copy from the input
                # whose output file name sorts first is kept, with the rows of that input.
                con.execute(
                    "CREATE TEMP TABLE _new_articles AS "
                    "SELECT id, min(parse_filename(filename)) AS file "
                    "FROM read_parquet(?, hive_partitioning = false, filename = true) "
                    "WHERE id NOT IN (SELECT id FROM articles) GROUP BY id",
                    [articles],
                )
                for table in TABLES:
                    pattern = _glob(root, table)
                    if pattern is None:
                        added[table] = 0
                        continue
                    key = "id" if table == "articles" else "article_id"
                    extra = ", now()::TIMESTAMP AS ingested_at" if table == "articles" else ""
                    order = " ORDER BY published NULLS LAST, id" if table == "articles" else ""
                    count = f"SELECT count(*) FROM {table}"  # table: a constant
                    before = con.execute(count).fetchall()[0][0]
                    con.execute(
                        f"INSERT INTO {table} BY NAME SELECT p.* EXCLUDE (filename){extra} "
                        "FROM read_parquet(?, hive_partitioning = false, filename = true) p "
                        f"SEMI JOIN _new_articles n ON p.{key} = n.id "
                        f"AND parse_filename(p.filename) = n.file{order}",
                        [pattern],
                    )
                    added[table] = con.execute(count).fetchall()[0][0] - before
                new_ids = [r[0] for r in con.execute("SELECT id FROM _new_articles").fetchall()]
                con.execute("DROP TABLE _new_articles")
                # As the writer does per batch: new events join clusters, new articles get
                # their independent source and the read tables their rows, before anyone
                # can read them.
                clusters.assign(con)
                source_links.assign(con)
                readmodel.refresh_articles(con, new_ids)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
    except duckdb.Error as exc:
        raise StoreError(
            f"{root}: Parquet import into {db} failed: {str(exc).splitlines()[0]}"
        ) from exc
    return added
