"""Re-extraction: run the current pipeline again on stored articles an older one coded.

Articles stay as stored (same id, seq, near-duplicate and source links); only their
extracted rows are replaced, one transaction per batch: the old rows go, the new rows and
the article's new ``pipeline_version`` come in, the new events join clusters,
corrections whose event or claim got a new id are re-anchored and the read tables follow,
all or nothing. Corrections
live in their own table and are never touched, so they apply to the new rows as they did to
the old.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import duckdb
import pyarrow as pa

from sitroom import version
from sitroom.model import Article, Explanation, Extraction
from sitroom.store import rows
from sitroom.store.connection import reading, writing
from sitroom.store.errors import StoreBusy
from sitroom.store.writer import CHILD_TABLES, Store, _insert_rows, is_coded

_ARTICLE_COLUMNS = ("id", "source", "text", "title", "published", "updated", "dateline", "summary", "captions",
                    "url", "outlet", "site", "author", "language", "duplicate_of", "provenance")


@dataclass
class ReextractReport:
    articles: int = 0
    coded: int = 0
    failed: int = 0
    reanchored: int = 0
    pipeline_version: str = ""

    def summary(self) -> str:
        return (f"re-extracted: {self.articles} articles with pipeline {self.pipeline_version} "
                f"({self.coded} coded, {self.failed} failed), {self.reanchored} corrections re-anchored")


def stale_ids(path: Path, pipeline_version: str, everything: bool = False) -> list[str]:
    """Articles another pipeline version produced (or every article), in storage order."""
    with reading(path) as con:
        sql = "SELECT id FROM articles " + ("" if everything else "WHERE pipeline_version <> ? ") + "ORDER BY seq"
        return [r[0] for r in con.execute(sql, [] if everything else [pipeline_version]).fetchall()]


def _load(path: Path, ids: list[str]) -> list[Article]:
    with reading(path) as con:
        cur = con.execute(f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles WHERE id IN "
                          "(SELECT unnest(?::VARCHAR[])) ORDER BY seq", [ids])
        found = [dict(zip(_ARTICLE_COLUMNS, r)) for r in cur.fetchall()]
    out = []
    for r in found:
        prov = json.loads(r.pop("provenance") or "{}")
        r["summary"], r["captions"] = list(r["summary"] or []), list(r["captions"] or [])
        out.append(Article(**r, provenance={k: Explanation(**v) for k, v in prov.items()}))
    return out


def _replace(con: duckdb.DuckDBPyConnection, batch: list[Extraction], stamp: str) -> int:
    from sitroom.corrections.journal import reanchor
    from sitroom.store import clusters, readmodel

    ids = [x.article.id for x in batch]
    for table in CHILD_TABLES:  # constants from the writer
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    tables: dict[str, list[rows.Row]] = {t: [] for t in CHILD_TABLES}
    for x in batch:
        for table, table_rows in rows.extraction_rows(x).items():
            tables[table].extend({**r, "pipeline_version": stamp} for r in table_rows)
    for table, table_rows in tables.items():
        _insert_rows(con, table, table_rows)
    con.execute("UPDATE articles SET pipeline_version = ? WHERE id IN (SELECT unnest(?::VARCHAR[]))", [stamp, ids])
    clusters.assign(con)
    moved = reanchor(con, ids, stamp)
    readmodel.refresh_articles(con, ids)
    return moved


def reextract(
    db: Path | str,
    batch_size: int = 32,
    everything: bool = False,
    on_problem: Callable[[str], None] = lambda line: None,
    on_batch: Callable[[ReextractReport], None] = lambda report: None,
) -> ReextractReport:
    """Re-extract every article whose ``pipeline_version`` is not the running one."""
    store = Store(db)  # migrates
    stamp = version.PIPELINE_VERSION
    report = ReextractReport(pipeline_version=stamp)
    it = iter(stale_ids(store.path, stamp, everything))
    while ids := list(islice(it, max(1, batch_size))):
        articles = _load(store.path, ids)
        extractions = _extract(articles, on_problem)
        report.failed += len(articles) - len(extractions)
        try:
            with writing(store.path, store.wait_s) as con:
                con.execute("BEGIN TRANSACTION")
                try:
                    report.reanchored += _replace(con, extractions, stamp)
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
        except StoreBusy:
            raise
        except (duckdb.Error, pa.ArrowException) as exc:
            on_problem(f"{store.path}: batch of {len(ids)} articles not re-extracted: {str(exc).splitlines()[0]}")
            report.failed += len(extractions)
            continue
        report.articles += len(extractions)
        report.coded += sum(is_coded(x.article) for x in extractions)
        on_batch(report)
    return report


def _extract(articles: list[Article], on_problem: Callable[[str], None]) -> list[Extraction]:
    """As ingest does: English articles through the pipeline, one by one when the batch
    fails; others get an empty extraction (stored uncoded, as before)."""
    from sitroom.store.ingest import _extract as ingest_extract

    return ingest_extract(articles, on_problem)

