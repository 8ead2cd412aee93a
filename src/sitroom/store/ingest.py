"""Articles -> store: the ingest loop shared by ``sitroom ingest``, ``--follow`` and the
server's token-protected ingest.

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

from sitroom.model import Article, Extraction
from sitroom.store.errors import StoreBusy, StoreError
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
            f"ingested: {self.new} new, {self.duplicate} duplicate, {self.near_duplicate} near-duplicate, "
            f"{self.failed} failed, {self.not_coded} not coded (not English{self._languages()})"
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
        extractions = _extract(list(fresh.values()), on_problem)
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


def _extract(articles: list[Article], on_problem: Problem) -> list[Extraction]:
    """Extractions in input order; uncoded articles get an empty one. If the batch's NLP
    pass raises, each article is retried alone so one bad article costs only itself."""
    coded = [a for a in articles if is_coded(a)]
    if not coded:  # nothing to code: do not load the NLP pipeline at all
        return [Extraction(article=a) for a in articles]
    from sitroom.extract import extract_articles

    try:
        done = {x.article.id: x for x in extract_articles(coded)}
    except Exception:  # noqa: BLE001  (any component bug: isolate the article below)
        done = {}
        for article in coded:
            try:
                done.update((x.article.id, x) for x in extract_articles([article]))
            except Exception as exc:  # noqa: BLE001
                on_problem(f"{article.source}: extraction failed: {type(exc).__name__}: {exc}")
    return [done[a.id] if is_coded(a) else Extraction(article=a) for a in articles if a.id in done or not is_coded(a)]
