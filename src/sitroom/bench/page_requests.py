"""The web page's API requests, timed one by one against a store.

Each scenario is one request the page's scripts send (``sitroom/web/static/js``): the
route function of ``sitroom.http`` is called with a connection opened for it, exactly as
the HTTP server does per request (open read-only, run every query of the route, fetch),
without the HTTP and JSON layers. Parameters vary between repetitions so a cached answer
cannot stand in for the query.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from sitroom.bench.events_store import TYPES
from sitroom.http import actors as actors_api
from sitroom.http import articles as articles_api
from sitroom.http import claims as claims_api
from sitroom.http import claims_compare as compare_api
from sitroom.http import corrections as corrections_api
from sitroom.http import events as events_api
from sitroom.http import search as search_api
from sitroom.http import stats as stats_api
from sitroom.http.deps import EventFilters, Page
from sitroom.query import queries
from sitroom.store.connection import reading

Request = Callable[[duckdb.DuckDBPyConnection, int], Any]


def _day(n: int) -> str:
    return f"2024-{1 + n % 12:02d}-01"


@dataclass(frozen=True)
class Sample:
    """Ids the requests ask about, read from the store before timing (a page only asks
    about what it was shown)."""

    actors: list[str]
    places: list[str]
    subjects: list[str]
    articles: list[str]

    @classmethod
    def of(cls, con: duckdb.DuckDBPyConnection, size: int = 64) -> Sample:
        def ids(sql: str) -> list[str]:
            return [r[0] for r in con.execute(sql, [size]).fetchall()] or [""]

        return cls(
            actors=ids("SELECT id FROM (SELECT DISTINCT id FROM actors) ORDER BY hash(id) LIMIT ?"),
            places=ids(
                "SELECT id FROM (SELECT DISTINCT location_place AS id FROM events "
                "WHERE location_place IS NOT NULL) ORDER BY hash(id) LIMIT ?"
            ),
            subjects=ids(
                "SELECT id FROM (SELECT DISTINCT subject_key AS id FROM claims) "
                "ORDER BY hash(id) LIMIT ?"
            ),
            articles=ids("SELECT id FROM articles ORDER BY hash(id) LIMIT ?"),
        )


def scenarios(sample: Sample) -> dict[str, Request]:
    """Every request the page sends, by page feature (``filter_count`` is the count query
    alone, which ``/api/events`` adds when a page of results is full)."""

    def typed(n: int) -> dict[str, Any]:
        return {"type": [TYPES[n % len(TYPES)]], "since": _day(n)}

    def pick(values: list[str], n: int) -> str:
        return values[n % len(values)]

    def actor(n: int) -> str:
        return pick(sample.actors, n)

    def subject(n: int) -> str:
        return pick(sample.subjects, n)

    return {
        "stats": lambda con, n: stats_api.store_stats(con),
        "timeline": lambda con, n: stats_api.timeline(con, EventFilters()),
        "timeline_filtered": lambda con, n: stats_api.timeline(con, EventFilters(**typed(n))),
        "timeline_day": lambda con, n: events_api.list_events(
            con,
            Page(200, 0),
            EventFilters(since=f"2024-03-{1 + n % 28:02d}", until=f"2024-03-{1 + n % 28:02d}"),
        ),
        "map": lambda con, n: stats_api.map_points(con, EventFilters()),
        "map_bbox": lambda con, n: stats_api.map_points(
            con, EventFilters(bbox=(-30.0 + n, -20.0, 40.0 + n, 40.0))
        ),
        "map_place": lambda con, n: events_api.list_events(
            con, Page(200, 0), EventFilters(place=pick(sample.places, n))
        ),
        "filter_list": lambda con, n: events_api.list_events(
            con, Page(50, 0), EventFilters(**typed(n))
        ),
        "filter_count": lambda con, n: queries.fetch(
            con, queries.count(queries.events(**typed(n)))
        ),
        "filter_actor": lambda con, n: events_api.list_events(
            con, Page(50, 0), EventFilters(actor=actor(n))
        ),
        "filter_actor_name": lambda con, n: events_api.list_events(
            con, Page(50, 0), EventFilters(actor=actor(n).replace("actor:", "Alias "))
        ),
        "filter_country": lambda con, n: events_api.list_events(
            con, Page(50, 0), EventFilters(country=f"C{n % 60:02d}")
        ),
        "actor_list": lambda con, n: actors_api.list_actors(
            con, Page(100, 0), q=None, country=None, kind=None
        ),
        "actor_search": lambda con, n: actors_api.list_actors(
            con, Page(100, 0), q=actor(n).replace("actor:", "Actor "), country=None, kind=None
        ),
        "actor_page": lambda con, n: actors_api.get_actor(con, actor(n)),
        "claim_subjects": lambda con, n: claims_api.claim_subjects(
            con, Page(200, 0), q=None, actor=None, since=None, until=None, source=None, min_claims=1
        ),
        "claims_disputed": lambda con, n: compare_api.compare_claims(
            con, subject_key=None, disagreements=True
        ),
        "claims_compare": lambda con, n: compare_api.compare_claims(
            con, subject_key=subject(n), disagreements=False
        ),
        "claims_list": lambda con, n: claims_api.list_claims(
            con,
            Page(500, 0),
            subject_key=subject(n),
            actor=None,
            claimant=None,
            place=None,
            since=None,
            until=None,
            source=None,
            article=None,
        ),
        "articles": lambda con, n: articles_api.list_articles(
            con,
            Page(100, 0),
            q=None,
            source=None,
            since=None,
            until=None,
            include_duplicates=True,
            with_text=False,
        ),
        "search": lambda con, n: search_api.search(
            con, Page(50, 0), q=f"article {n * 7919 % 1000}"
        ),
        "article": lambda con, n: articles_api.get_article(con, pick(sample.articles, n)),
        "audit_trail": lambda con, n: corrections_api.list_corrections(
            con, kind=None, target=actor(n)
        ),
    }


def _size(answer: Any) -> int:
    """Rows in an answer: its item list, the timeline's days, the map's points."""
    if isinstance(answer, list):
        return len(answer)
    for key in ("items", "days", "points", "as_actor"):
        if isinstance(answer, dict) and key in answer:
            inner = answer[key]
            return _size(inner) if isinstance(inner, dict) else len(inner)
    return 1


def _ms(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return {"p50_ms": round(statistics.median(values), 1), "p95_ms": round(p95, 1)}


def time_requests(
    path: Path, repeats: int = 10, budget_s: float = 30.0
) -> dict[str, dict[str, float]]:
    """p50/p95 of each request, one read-only connection per call as the server opens
    (``open`` alone is timed too). A scenario stops repeating once it has used
    ``budget_s`` (after at least three timings), so a slow request cannot stall the run."""
    results: dict[str, dict[str, float]] = {}
    with reading(path) as con:
        sample = Sample.of(con)
    timed: dict[str, Request | None] = {"open": None, **scenarios(sample)}
    for name, request in timed.items():
        timings: list[float] = []
        answer: Any = []
        spent = time.perf_counter()
        for n in range(repeats + 1):
            start = time.perf_counter()
            with reading(path) as con:
                answer = request(con, n) if request is not None else []
            if n:  # the first call warms the file cache: not what a serving store sees
                timings.append((time.perf_counter() - start) * 1000)
            if len(timings) >= 3 and time.perf_counter() - spent > budget_s:
                break
        results[name] = {**_ms(timings), "runs": len(timings), "rows": _size(answer)}
    return results
