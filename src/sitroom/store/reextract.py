"""Re-extraction's SQL: which articles an older pipeline coded, reading them back, and
replacing their extracted rows inside one transaction (the loop lives in ``sitroom.ingest``)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from sitroom.model import Article, Explanation, Extraction
from sitroom.store import clusters, rows
from sitroom.store.connection import reading
from sitroom.store.writer import CHILD_TABLES, insert_rows

_ARTICLE_COLUMNS = (
    "id",
    "source",
    "text",
    "title",
    "published",
    "updated",
    "dateline",
    "summary",
    "captions",
    "url",
    "outlet",
    "site",
    "author",
    "language",
    "duplicate_of",
    "provenance",
)


def stale_ids(path: Path, pipeline_version: str, everything: bool = False) -> list[str]:
    """Articles another pipeline version produced (or every article), in storage order."""
    with reading(path) as con:
        sql = (
            "SELECT id FROM articles "
            + ("" if everything else "WHERE pipeline_version <> ? ")
            + "ORDER BY seq"
        )
        return [r[0] for r in con.execute(sql, [] if everything else [pipeline_version]).fetchall()]


def load_articles(path: Path, ids: list[str]) -> list[Article]:
    with reading(path) as con:
        cur = con.execute(
            f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles WHERE id IN "
            "(SELECT unnest(?::VARCHAR[])) ORDER BY seq",
            [ids],
        )
        found = [dict(zip(_ARTICLE_COLUMNS, r, strict=True)) for r in cur.fetchall()]
    out = []
    for r in found:
        prov = json.loads(r.pop("provenance") or "{}")
        r["summary"], r["captions"] = list(r["summary"] or []), list(r["captions"] or [])
        out.append(Article(**r, provenance={k: Explanation(**v) for k, v in prov.items()}))
    return out


def replace_rows(con: duckdb.DuckDBPyConnection, batch: list[Extraction], stamp: str) -> None:
    """Inside the caller's transaction: drop these articles' extracted rows, insert the new
    ones stamped with ``stamp`` and cluster the new events."""

    ids = [x.article.id for x in batch]
    for table in CHILD_TABLES:  # constants from the writer
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    tables: dict[str, list[rows.Row]] = {t: [] for t in CHILD_TABLES}
    for x in batch:
        for table, table_rows in rows.extraction_rows(x).items():
            tables[table].extend({**r, "pipeline_version": stamp} for r in table_rows)
    for table, table_rows in tables.items():
        insert_rows(con, table, table_rows)
    con.execute(
        "UPDATE articles SET pipeline_version = ? WHERE id IN (SELECT unnest(?::VARCHAR[]))",
        [stamp, ids],
    )
    clusters.assign(con)
