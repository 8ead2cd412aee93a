"""A store of synthetic events and the web page's requests timed against it.

The rows are generated inside DuckDB (``range`` plus hashes), so a million events take
seconds to build; they are spread over three years, 16 PLOVER types, 400 geocoded places
and 500 actors so filters select realistic fractions; two articles in a row report the same
happenings (clusters of two sources, 50 outlets), and each article also carries one
numeric claim about one of 20,000 subjects (actor, measure, scope), most estimates "about"
a subject's value so few pairs contradict. The requests are the API's own route functions
(``page_requests``), each opened, run and fetched as the HTTP server does per request.
"""

from __future__ import annotations

import time
from pathlib import Path

from sitroom.extract.events.mapping import PLOVER_TYPES
from sitroom.store import readmodel
from sitroom.store.connection import writing
from sitroom.store.writer import Store

TYPES = PLOVER_TYPES
EVENTS_PER_ARTICLE = 4
PLACES = 400
ACTORS = 500
MEASURES = ("fighters", "killed", "displaced", "detained")
SCOPES = 10

_TYPES_SQL = "[" + ", ".join(f"'{t}'" for t in TYPES) + "]"
_MEASURES_SQL = "[" + ", ".join(f"'{m}'" for m in MEASURES) + "]"

_DAYS = 1096
_ARTICLE_HASH = (
    f"SELECT i, hash(i) AS h, DATE '2023-01-01' + CAST(hash(i) % {_DAYS} AS INTEGER) AS day, "
    f"hash(i) // {_DAYS} % {ACTORS} AS actor, hash(i) // {_DAYS * ACTORS} % 50 AS outlet "
    "FROM range(?) t(i)"
)
"""Per article: its day, its actor and its outlet, each from other digits of one hash (hashes
of the same number with different salts are correlated in DuckDB)."""

_ARTICLES = f"""
INSERT INTO articles BY NAME
SELECT 'bench-a' || i AS id, 'bench/synthetic' AS source, 'Synthetic article ' || i AS title,
       strftime(day, '%Y-%m-%d') AS published, [] AS summary, [] AS captions,
       'Synthetic text ' || i AS text, 'en' AS language, true AS coded,
       'bench' AS pipeline_version, TIMESTAMP '2026-01-01' AS ingested_at,
       'site:bench' || outlet AS source_key, 'outlet.site' AS source_rule
FROM ({_ARTICLE_HASH})
"""

_ACTORS = f"""
INSERT INTO actors BY NAME
SELECT 'bench-a' || i AS article_id, 'actor:' || actor AS id, 'Actor ' || actor AS name,
       ['Alias ' || actor] AS aliases, 'state' AS kind,
       'C' || lpad(CAST(actor % 60 AS VARCHAR), 2, '0') AS country, 'bench' AS pipeline_version
FROM ({_ARTICLE_HASH})
"""

_EVENTS = f"""
INSERT INTO events BY NAME
SELECT 'bench-a' || e.a AS article_id, 'e' || (e.i % {EVENTS_PER_ARTICLE}) AS id,
       {_TYPES_SQL}[CAST(1 + e.h % {len(TYPES)} AS BIGINT)] AS type, [] AS contexts, a.day,
       false AS date_fallback, 'asserted' AS modality, false AS historical,
       CASE WHEN e.geo THEN 'place:' || e.place END AS location_place,
       CASE WHEN e.geo THEN 'Place ' || e.place END AS location_text,
       CASE WHEN e.geo THEN -60 + e.place * 0.3 END AS location_lat,
       CASE WHEN e.geo THEN -170 + e.place * 0.85 END AS location_lon,
       'C' || lpad(CAST(e.place % 60 AS VARCHAR), 2, '0') AS location_country,
       ['actor:' || a.actor] AS actor_ids,
       ['C' || lpad(CAST(a.actor % 60 AS VARCHAR), 2, '0')] AS codes,
       'bench.synthetic' AS rule, 0.9 AS score,
       '[{{"actor": "actor:' || a.actor || '", "code": "C'
           || lpad(CAST(a.actor % 60 AS VARCHAR), 2, '0') || '"}}]' AS actors,
       '[]' AS recipients, '{{}}' AS size, '{{}}' AS record, 'bench' AS pipeline_version,
       'bench-k' || (e.a // 2) || '-' || (e.i % {EVENTS_PER_ARTICLE}) AS cluster_id
FROM (SELECT i, i // {EVENTS_PER_ARTICLE} AS a, hash(i) AS h,
             hash(i) // {len(TYPES)} % {PLACES} AS place,
             hash(i) // {len(TYPES) * PLACES} % 10 < 8 AS geo FROM range(?) t(i)) e
JOIN ({_ARTICLE_HASH}) a ON a.i = e.a
"""

_CLAIMS = f"""
INSERT INTO claims BY NAME
SELECT 'bench-a' || i AS article_id, 'bench-c' || i AS id,
       {_MEASURES_SQL}[1 + m] || ' of actor ' || s AS subject,
       'actor:' || s || '/' || {_MEASURES_SQL}[1 + m] || '/'
           || CASE WHEN k = 0 THEN 'any' ELSE 'C0' || k END AS subject_key,
       'actor:' || s AS actor, {_MEASURES_SQL}[1 + m] AS measure,
       CASE WHEN q = 'up_to' THEN NULL ELSE v END AS low,
       CASE WHEN q = 'at_least' THEN NULL ELSE v END AS high,
       CASE WHEN m = 0 THEN 'fighters' ELSE 'people' END AS unit, q AS qualifier, false AS vague,
       'actor:' || claimant AS claimant_actor, 'Claimant ' || claimant AS claimant_text, day,
       true AS date_fallback, [] AS places, 'bench.synthetic' AS rule, 0.9 AS score,
       '{{}}' AS record, 'bench' AS pipeline_version
FROM (SELECT i, day, c % {ACTORS} AS s, CAST(c // {ACTORS} % {len(MEASURES)} AS BIGINT) AS m,
             c // {ACTORS * len(MEASURES)} % {SCOPES} AS k,
             CASE c // {ACTORS * len(MEASURES) * SCOPES} % 20
                  WHEN 0 THEN 'exact' WHEN 1 THEN 'up_to' WHEN 2 THEN 'at_least' ELSE 'about'
             END AS q,
             round((100 + c % {ACTORS} * 7 + c // {ACTORS} % {len(MEASURES)} * 300)
                   * (0.9 + c // {ACTORS * len(MEASURES) * SCOPES * 20} % 21 / 100.0)) AS v,
             c // {ACTORS * len(MEASURES) * SCOPES * 20 * 21} % {ACTORS} AS claimant
      FROM (SELECT i, day, hash(i, 'claim') AS c FROM ({_ARTICLE_HASH})))
"""


def build_store(path: Path, events: int) -> float:
    """Create a store at ``path`` holding ``events`` synthetic events (and one claim per
    article); return seconds taken."""
    start = time.perf_counter()
    Store(path)
    articles = max(1, -(-events // EVENTS_PER_ARTICLE))
    with writing(path) as con:
        con.execute("BEGIN TRANSACTION")
        con.execute(_ARTICLES, [articles])
        con.execute(_ACTORS, [articles])
        con.execute(_EVENTS, [events, articles])
        con.execute(_CLAIMS, [articles])
        readmodel.rebuild(con)  # as a store migrated from before the read tables is filled
        con.execute("COMMIT")
    return time.perf_counter() - start


def time_queries(
    path: Path, repeats: int = 10, budget_s: float = 30.0
) -> dict[str, dict[str, float]]:
    """p50/p95 of each of the page's requests (see ``page_requests.time_requests``)."""
    from sitroom.bench.page_requests import time_requests

    return time_requests(path, repeats, budget_s)
