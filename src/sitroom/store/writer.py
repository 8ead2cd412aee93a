"""Writes extractions to the store, one transaction per batch of articles.

A batch is all-or-nothing: its articles and every row extracted from them commit together
or not at all, so a crash or a bad record never leaves half an article behind, and the
batches before it stay. The database file is held only while a batch commits (see
``connection``), so readers and other ingests get turns. Re-ingesting content already
stored adds nothing: the article id is the content hash, checked inside the transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from sitroom import settings
from sitroom.link import neardup
from sitroom.link.neardup import Candidate
from sitroom.model import Article, Extraction
from sitroom.store import clusters, readmodel, rows, source_links
from sitroom.store.batch_rows import FirstRows
from sitroom.store.connection import reading, writing
from sitroom.store.errors import StoreError
from sitroom.store.migrate import migrate
from sitroom.version import PIPELINE_VERSION

_UNSTORED_SEQ = 2**62
CHILD_TABLES = ("mentions", "actors", "actor_roles", "places", "times", "events", "claims")


def is_coded(article: Article) -> bool:
    """Whether extraction runs on an article: the rules and model are English-only, so other
    languages are stored for search and deduplication but not coded."""
    return article.language is None or article.language.lower().startswith("en")


@dataclass
class WriteReport:
    """What a write did, article by article: ``new`` counts every article stored (of which
    ``near_duplicate`` were linked to an earlier one and ``not_coded`` skipped extraction);
    ``duplicate`` counts articles whose content was already stored."""

    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    not_coded: int = 0
    stored_ids: list[str] = field(default_factory=list)
    not_coded_languages: dict[str, int] = field(default_factory=dict)
    """Articles not coded, by detected language ("und" when none was detected)."""

    def add(self, other: WriteReport) -> None:
        self.new += other.new
        self.duplicate += other.duplicate
        self.near_duplicate += other.near_duplicate
        self.not_coded += other.not_coded
        for language, n in other.not_coded_languages.items():
            self.not_coded_languages[language] = self.not_coded_languages.get(language, 0) + n
        self.stored_ids.extend(other.stored_ids)


class Store:
    """The embedded DuckDB store at ``path``: created and migrated on first use."""

    def __init__(self, path: Path | str, wait_s: float | None = None) -> None:
        self.path = Path(path)
        self.wait_s = settings.number("store.wait_s") if wait_s is None else wait_s
        with writing(self.path, self.wait_s) as con:
            migrate(con, label=str(self.path))
            _fill_clusters_and_sources(con)
            readmodel.ensure_filled(con)

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored already, so ingest can skip extracting them."""
        ids = list(ids)
        if not ids:
            return set()
        with reading(self.path, self.wait_s) as con:
            found = con.execute(
                "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
            ).fetchall()
        return {r[0] for r in found}

    def write(
        self, extractions: Iterable[Extraction], batch_size: int | None = None
    ) -> WriteReport:
        """Store extractions in batches of ``batch_size`` articles (default
        ``store.write_batch_size``), one transaction each."""
        report = WriteReport()
        size = settings.integer("store.write_batch_size") if batch_size is None else batch_size
        for batch in _chunks(extractions, size):
            report.add(self.write_batch(batch))
        return report

    def write_batch(self, batch: list[Extraction]) -> WriteReport:
        """Store one batch atomically; raise ``StoreError`` (nothing written) on failure."""
        signatures = {x.article.id: neardup.signature(x.article.text) for x in batch}
        try:
            with writing(self.path, self.wait_s) as con:
                con.execute("BEGIN TRANSACTION")
                try:
                    report = self._insert(con, batch, signatures)
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
        except (duckdb.Error, pa.ArrowException) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise StoreError(
                f"{self.path}: batch of {len(batch)} articles not written: {first}"
            ) from exc
        return report

    def _insert(
        self, con: duckdb.DuckDBPyConnection, batch: list[Extraction], signatures: dict
    ) -> WriteReport:
        report = WriteReport()
        ids = [x.article.id for x in batch]
        existing = {
            r[0]
            for r in con.execute(
                "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
            ).fetchall()
        }
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        # Candidates by LSH band key: the stored articles sharing a key with this batch
        # (one lookup), then each article of the batch once stored.
        unlinked = [
            x.article
            for x in batch
            if x.article.id not in existing and x.article.duplicate_of is None
        ]
        known = _stored_candidates(con, [signatures[a.id] for a in unlinked])
        tables: dict[str, list[rows.Row]] = {
            t: [] for t in ("articles", "article_lsh", *CHILD_TABLES)
        }
        for x in batch:
            article = x.article
            if article.id in existing:
                report.duplicate += 1
                continue
            existing.add(article.id)
            sig = signatures[article.id]
            if sig is not None and article.duplicate_of is None:
                match = neardup.best_match(sig, known)
                if match is not None:
                    article.duplicate_of = match.root
            if article.duplicate_of is not None:
                report.near_duplicate += 1
            coded = is_coded(article)
            report.not_coded += not coded
            if not coded:
                language = article.language or "und"
                report.not_coded_languages[language] = (
                    report.not_coded_languages.get(language, 0) + 1
                )
            report.new += 1
            report.stored_ids.append(article.id)
            stamp = {"pipeline_version": PIPELINE_VERSION}
            tables["articles"].append(
                {
                    **rows.article_row(x, coded),
                    **stamp,
                    "ingested_at": now,
                    "minhash": sig.hashvalues.tolist() if sig else None,
                }
            )
            if sig is not None:
                # Not yet numbered by the database: order after everything already stored.
                seq = _UNSTORED_SEQ + len(report.stored_ids)
                candidate = Candidate(
                    article.id, article.duplicate_of or article.id, seq, sig.hashvalues
                )
                for key in sig.keys:
                    tables["article_lsh"].append({"key": key, "article_id": article.id})
                    known.setdefault(key, []).append(candidate)
            for table, table_rows in rows.extraction_rows(x).items():
                tables[table].extend({**r, **stamp} for r in table_rows)
        first = FirstRows.next_in(con)
        for table, table_rows in tables.items():
            insert_rows(con, table, table_rows)
        # Same transaction: a batch's events join clusters, its articles get their
        # independent source and the read tables their rows before anyone can read them.
        clusters.assign(con, first)
        source_links.assign(con, first)
        readmodel.refresh_articles(con, report.stored_ids)
        return report


def _fill_clusters_and_sources(con: duckdb.DuckDBPyConnection) -> None:
    """Cluster events and count sources stored before the clusters migration, once."""
    pending = con.execute(
        "SELECT (SELECT count(*) FROM events WHERE cluster_id IS NULL) "
        "+ (SELECT count(*) FROM articles WHERE source_key IS NULL)"
    ).fetchall()[0][0]
    if pending:
        con.execute("BEGIN TRANSACTION")
        try:
            clusters.assign(con)
            source_links.assign(con)
            readmodel.mark_stale(con)
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"clustering stored events failed: {exc}") from exc


def _stored_candidates(
    con: duckdb.DuckDBPyConnection, sigs: list[neardup.Signature | None]
) -> dict[int, list[Candidate]]:
    """Stored articles sharing an LSH band key with any of ``sigs``, by key."""
    keys = sorted({key for sig in sigs if sig is not None for key in sig.keys})
    by_key: dict[int, list[Candidate]] = {}
    if not keys:
        return by_key
    shared = con.execute(
        "SELECT key, article_id FROM article_lsh WHERE key IN (SELECT unnest(?::BIGINT[]))", [keys]
    ).fetchall()
    if not shared:
        return by_key
    # Each article once, however many of its bands match: a story stored many times over
    # shares every band with each copy.
    found = {
        r[0]: Candidate(r[0], r[1], r[2], np.asarray(r[3], dtype=np.uint64))
        for r in con.execute(
            "SELECT id, coalesce(duplicate_of, id), seq, minhash FROM articles "
            "WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [sorted({article_id for _, article_id in shared})],
        ).fetchall()
    }
    for key, article_id in shared:
        if article_id in found:
            by_key.setdefault(key, []).append(found[article_id])
    return by_key


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, table_rows: list[rows.Row]) -> None:
    """Bulk insert through Arrow (one statement per table), matching columns by name."""
    if not table_rows:
        return
    con.register("_sitroom_batch", pa.Table.from_pylist(table_rows))
    try:
        con.execute(
            f"INSERT INTO {table} BY NAME SELECT * FROM _sitroom_batch"
        )  # table: a constant above
    finally:
        con.unregister("_sitroom_batch")


def _chunks(items: Iterable[Extraction], size: int) -> Iterator[list[Extraction]]:
    it = iter(items)
    while batch := list(islice(it, max(1, size))):
        yield batch
