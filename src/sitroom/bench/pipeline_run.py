"""The whole sitroom pipeline over the benchmark corpus, one stage at a time.

Stages run one after the other over the whole corpus (read, segment, NLP + extract,
store) so each one's wall time is its own and the shares add up; the extraction and store
code are the ones ``sitroom ingest`` runs.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sitroom.bench.corpus import kind_of, raw_documents, segmented, word_count
from sitroom.bench.cpu import cpu_seconds
from sitroom.extract.pipeline import get_nlp
from sitroom.model import Article, Extraction
from sitroom.scale.parallel import extract_parallel
from sitroom.store.writer import Store, is_coded


@dataclass
class PipelineRun:
    documents: int = 0
    articles: list[Article] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    segment_failures: int = 0
    stored: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    model_load_seconds: float = 0.0

    @property
    def coded(self) -> list[Article]:
        return [a for a in self.articles if is_coded(a)]

    def words(self) -> int:
        return sum(word_count(a.text) for a in self.articles)

    def kinds(self) -> dict[str, int]:
        return dict(Counter(kind_of(a.source) for a in self.articles))

    def counts(self) -> dict[str, int]:
        return {
            "mentions": sum(len(x.mentions) for x in self.extractions),
            "actors": sum(len(x.actors) for x in self.extractions),
            "places": sum(len(x.places) for x in self.extractions),
            "times": sum(len(x.times) for x in self.extractions),
            "events": sum(len(x.events) for x in self.extractions),
            "claims": sum(len(x.claims) for x in self.extractions),
        }


def run_pipeline(
    shared: Path, db: Path, limit: int | None, processes: int, batch_size: int
) -> PipelineRun:
    run = PipelineRun()
    clock = time.perf_counter

    def timed(stage: str, start: float, cpu: float) -> None:
        run.seconds[stage] = clock() - start
        run.cpu_seconds[stage] = cpu_seconds() - cpu

    start, cpu = clock(), cpu_seconds()
    raws = list(raw_documents(shared, limit))
    run.documents = len(raws)
    timed("read", start, cpu)

    start, cpu = clock(), cpu_seconds()
    run.articles, run.segment_failures = segmented(raws)
    timed("segment", start, cpu)

    if processes <= 1:  # one-time model load, reported apart (workers load theirs in the stage)
        start = clock()
        get_nlp()
        run.model_load_seconds = clock() - start
    start, cpu = clock(), cpu_seconds()
    run.extractions = list(extract_parallel(run.coded, processes=processes, batch_size=batch_size))
    coded_ids = {x.article.id for x in run.extractions}
    run.extractions += [Extraction(article=a) for a in run.articles if a.id not in coded_ids]
    timed("nlp_extract", start, cpu)

    start, cpu = clock(), cpu_seconds()
    report = Store(db).write(run.extractions, batch_size=64)
    run.stored = report.new
    timed("store", start, cpu)
    return run
