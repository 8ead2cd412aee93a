"""The one place that wires the stages: articles -> extraction -> store.

``ingest_articles`` is the loop shared by ``sitroom ingest``, ``--follow``, the server's
token-protected ingest and the streaming benchmark; ``reextract`` runs the current pipeline
again over stored articles; ``extract_batch`` is the isolation both use, and so do the
multi-process extraction (``sitroom.scale.parallel``, which the benchmarks run) and the
Spark partition job.

Per batch: articles already stored are skipped before the (costly) NLP runs, English
articles are extracted, others are stored uncoded, and the batch is written in one
transaction. A failure stays local: an article whose extraction raises is reported and
dropped, a batch the store refuses is reported and counted failed, the next batch goes on.
Only a store locked for too long (``StoreBusy``) stops the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import duckdb
import pyarrow as pa

from sitroom import version
from sitroom.corrections.journal import reanchor
from sitroom.extract import extract_articles
from sitroom.model import Article, Extraction
from sitroom.store import readmodel
from sitroom.store.connection import writing
from sitroom.store.errors import StoreBusy, StoreError
from sitroom.store.reextract import load_articles, replace_rows, stale_ids
from sitroom.store.writer import Store, WriteReport, is_coded

Problem = Callable[[str], None]
"""Receives one line "<source>: <reason>" per failure."""


@dataclass
class IngestTotals(WriteReport):
    failed: int = 0

    def add(self, other: WriteReport) -> None:
        super().add(other)
        self.failed += getattr(other, "failed", 0)

    def summary(self) -> str:
        return (
            f"ingested: {self.new} new, {self.duplicate} duplicate, "
            f"{self.near_duplicate} near-duplicate, {self.failed} failed, "
            f"{self.not_coded} not coded (not English{self._languages()})"
        )

    def _languages(self) -> str:
        """``: ar 1, fr 1``: which languages were stored without coding, so none is
        mistaken for an article the pipeline read."""
        langs = ", ".join(f"{k} {v}" for k, v in sorted(self.not_coded_languages.items()))
        return f": {langs}" if langs else ""


def ingest_articles(
    store: Store,
    articles: Iterable[Article],
    batch_size: int = 32,
    on_problem: Problem = lambda line: None,
    on_batch: Callable[[IngestTotals], None] = lambda totals: None,
    stop: Callable[[], bool] = lambda: False,
) -> IngestTotals:
    """Extract and store ``articles`` batch by batch; return the running totals. ``stop()``
    is asked before each batch, so a stop request ends the run between two commits with
    totals that count every batch stored."""
    totals = IngestTotals()
    it = iter(articles)
    while not stop() and (batch := list(islice(it, max(1, batch_size)))):
        known = store.known_ids(a.id for a in batch)
        fresh: dict[str, Article] = {}
        for article in batch:
            if article.id in known or article.id in fresh:
                totals.duplicate += 1
            else:
                fresh[article.id] = article
        extractions = extract_batch(list(fresh.values()), on_problem)
        totals.failed += len(fresh) - len(extractions)
        try:
            totals.add(store.write_batch(extractions))
        except StoreBusy:
            raise
        except StoreError as exc:
            on_problem(str(exc))
            totals.failed += len(extractions)
        on_batch(totals)
    return totals


def extract_batch(
    articles: list[Article], on_problem: Problem, batch_size: int = 16
) -> list[Extraction]:
    """Extractions in input order; uncoded articles get an empty one. If the batch's NLP
    pass raises, each article is retried alone so one bad article costs only itself.
    ``batch_size`` is the spaCy batch (``nlp.pipe``) the coded articles go through."""
    coded = [a for a in articles if is_coded(a)]
    if not coded:  # nothing to code: do not load the NLP pipeline at all
        return [Extraction(article=a) for a in articles]
    try:
        done = {x.article.id: x for x in extract_articles(coded, batch_size=batch_size)}
    except Exception:
        done = {}
        for article in coded:
            try:
                done.update((x.article.id, x) for x in extract_articles([article]))
            except Exception as exc:
                on_problem(f"{article.source}: extraction failed: {type(exc).__name__}: {exc}")
    return [
        done[a.id] if is_coded(a) else Extraction(article=a)
        for a in articles
        if a.id in done or not is_coded(a)
    ]


@dataclass
class ReextractReport:
    articles: int = 0
    coded: int = 0
    failed: int = 0
    reanchored: int = 0
    pipeline_version: str = ""

    def summary(self) -> str:
        return (
            f"re-extracted: {self.articles} articles with pipeline {self.pipeline_version} "
            f"({self.coded} coded, {self.failed} failed), {self.reanchored} corrections re-anchored"
        )


def reextract(
    db: Path | str,
    batch_size: int = 32,
    everything: bool = False,
    on_problem: Callable[[str], None] = lambda line: None,
    on_batch: Callable[[ReextractReport], None] = lambda report: None,
) -> ReextractReport:
    """Re-extract every article whose ``pipeline_version`` is not the running one.

    Articles stay as stored (same id, seq, near-duplicate and source links); only their
    extracted rows are replaced, one transaction per batch: the old rows go, the new rows
    and the article's new ``pipeline_version`` come in, the new events join clusters,
    corrections whose event or claim got a new id are re-anchored and the read tables
    follow, all or nothing. Corrections live in their own table and are never touched, so
    they apply to the new rows as they did to the old."""
    store = Store(db)  # migrates
    stamp = version.PIPELINE_VERSION
    report = ReextractReport(pipeline_version=stamp)
    it = iter(stale_ids(store.path, stamp, everything))
    while ids := list(islice(it, max(1, batch_size))):
        articles = load_articles(store.path, ids)
        extractions = extract_batch(articles, on_problem)
        report.failed += len(articles) - len(extractions)
        try:
            with writing(store.path, store.wait_s) as con:
                con.execute("BEGIN TRANSACTION")
                try:
                    report.reanchored += replace_extractions(con, extractions, stamp)
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
        except StoreBusy:
            raise
        except (duckdb.Error, pa.ArrowException) as exc:
            first_line = str(exc).splitlines()[0]
            on_problem(f"{store.path}: batch of {len(ids)} articles not re-extracted: {first_line}")
            report.failed += len(extractions)
            continue
        report.articles += len(extractions)
        report.coded += sum(is_coded(x.article) for x in extractions)
        on_batch(report)
    return report


def replace_extractions(con: duckdb.DuckDBPyConnection, batch: list[Extraction], stamp: str) -> int:
    """Inside the caller's transaction: the batch's new rows replace the old, corrections
    whose target got a new id are re-anchored and the read tables follow. Returns how
    many corrections moved."""
    replace_rows(con, batch, stamp)
    ids = [x.article.id for x in batch]
    moved = reanchor(con, ids, stamp)
    readmodel.refresh_articles(con, ids)
    return moved
