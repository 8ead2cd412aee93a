"""A store of synthetic events and the web page's queries timed against it.

The rows are generated inside DuckDB (``range`` plus hashes), so a million events take
seconds to build; they are spread over three years, 16 PLOVER types, 400 geocoded places
and 500 actors so filters select realistic fractions. The queries are the store's own
builders in ``sitroom.store.queries`` (timeline, map points, filtered event list and its
count), each opened, run and fetched as the HTTP API does per request.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from sitroom.store import queries
from sitroom.store.connection import reading, writing
from sitroom.store.writer import Store

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
EVENTS_PER_ARTICLE = 4
PLACES = 400
ACTORS = 500

_TYPES_SQL = "[" + ", ".join(f"'{t}'" for t in TYPES) + "]"

_ARTICLES = f"""
INSERT INTO articles BY NAME
SELECT 'bench-a' || i AS id, 'bench/synthetic' AS source, 'Synthetic article ' || i AS title,
       strftime(DATE '2023-01-01' + CAST(hash(i, 'd') % 1096 AS INTEGER), '%Y-%m-%d') AS published,
       [] AS summary, [] AS captions, 'Synthetic text ' || i AS text, 'en' AS language,
       true AS coded, 'bench' AS pipeline_version, TIMESTAMP '2026-01-01' AS ingested_at
FROM range(?) t(i)
"""

_ACTORS = """
INSERT INTO actors BY NAME
SELECT 'bench-a' || i AS article_id, 'actor:' || (hash(i, 'x') % ?) AS id,
       'Actor ' || (hash(i, 'x') % ?) AS name, ['Alias ' || (hash(i, 'x') % ?)] AS aliases,
       'state' AS kind, 'C' || lpad(CAST(hash(i, 'x') % 60 AS VARCHAR), 2, '0') AS country,
       'bench' AS pipeline_version
FROM range(?) t(i)
"""

_EVENTS = f"""
INSERT INTO events BY NAME
SELECT 'bench-a' || (i // {EVENTS_PER_ARTICLE}) AS article_id, 'e' || (i % {EVENTS_PER_ARTICLE}) AS id,
       {_TYPES_SQL}[CAST(1 + hash(i, 't') % {len(TYPES)} AS BIGINT)] AS type, [] AS contexts,
       DATE '2023-01-01' + CAST(hash(i // {EVENTS_PER_ARTICLE}, 'd') % 1096 AS INTEGER) AS day,
       false AS date_fallback, 'asserted' AS modality, false AS historical,
       CASE WHEN hash(i, 'g') % 10 < 8 THEN 'place:' || (hash(i, 'p') % {PLACES}) END AS location_place,
       CASE WHEN hash(i, 'g') % 10 < 8 THEN 'Place ' || (hash(i, 'p') % {PLACES}) END AS location_text,
       CASE WHEN hash(i, 'g') % 10 < 8 THEN -60 + (hash(i, 'p') % {PLACES}) * 0.3 END AS location_lat,
       CASE WHEN hash(i, 'g') % 10 < 8 THEN -170 + (hash(i, 'p') % {PLACES}) * 0.85 END AS location_lon,
       'C' || lpad(CAST(hash(i, 'p') % 60 AS VARCHAR), 2, '0') AS location_country,
       ['actor:' || (hash(i // {EVENTS_PER_ARTICLE}, 'x') % {ACTORS})] AS actor_ids,
       ['C' || lpad(CAST(hash(i // {EVENTS_PER_ARTICLE}, 'x') % 60 AS VARCHAR), 2, '0')] AS codes,
       'bench.synthetic' AS rule, 0.9 AS score, '[]' AS actors, '[]' AS recipients, '{{}}' AS size,
       '{{}}' AS record, 'bench' AS pipeline_version
FROM range(?) t(i)
"""


def build_store(path: Path, events: int) -> float:
    """Create a store at ``path`` holding ``events`` synthetic events; return seconds taken."""
    start = time.perf_counter()
    Store(path)
    articles = max(1, -(-events // EVENTS_PER_ARTICLE))
    with writing(path) as con:
        con.execute(_ARTICLES, [articles])
        con.execute(_ACTORS, [ACTORS, ACTORS, ACTORS, articles])
        con.execute(_EVENTS, [events])
    return time.perf_counter() - start


def _scenarios() -> dict[str, Callable[[int], queries.Query]]:
    """Query builders by page feature; ``n`` varies the parameters between repetitions."""
    def day(n: int) -> str:
        return f"2024-{1 + n % 12:02d}-01"

    found: dict[str, Callable[[int], queries.Query]] = {
        "timeline": lambda n: queries.events_per_day(),
        "timeline_filtered": lambda n: queries.events_per_day(type=TYPES[n % len(TYPES)], since=day(n)),
        "filter_list": lambda n: queries.events(type=TYPES[n % len(TYPES)], since=day(n), limit=50),
        "filter_count": lambda n: queries.count(queries.events(type=TYPES[n % len(TYPES)], since=day(n))),
        "filter_actor": lambda n: queries.events(actor=f"actor:{n % ACTORS}", limit=50),
        "filter_country": lambda n: queries.events(country=f"C{n % 60:02d}", limit=50),
    }
    points = getattr(queries, "event_points", None)
    if points is not None:
        found["map"] = lambda n: points()
        found["map_bbox"] = lambda n: points(bbox=(-30.0 + n, -20.0, 40.0 + n, 40.0))
    return found


def _ms(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return {"p50_ms": round(statistics.median(values), 1), "p95_ms": round(p95, 1)}


def time_queries(path: Path, repeats: int = 10, budget_s: float = 30.0) -> dict[str, dict[str, float]]:
    """p50/p95 of each scenario, one read-only connection per call as a request opens
    (``open`` alone is timed too). A scenario stops repeating once it has used
    ``budget_s`` (after at least three timings), so a slow query cannot stall the run."""
    results: dict[str, dict[str, float]] = {}
    scenarios: dict[str, Callable[[int], queries.Query | None]] = {"open": lambda n: None, **_scenarios()}
    for name, build in scenarios.items():
        timings: list[float] = []
        rows: list = []
        spent = time.perf_counter()
        for n in range(repeats + 1):
            query = build(n)
            start = time.perf_counter()
            with reading(path) as con:
                rows = queries.fetch(con, query) if query is not None else []
            if n:  # the first call warms the file cache: not what a serving store sees
                timings.append((time.perf_counter() - start) * 1000)
            if len(timings) >= 3 and time.perf_counter() - spent > budget_s:
                break
        results[name] = {**_ms(timings), "runs": len(timings), "rows": len(rows)}
    return results
