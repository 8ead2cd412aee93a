"""Read queries over the store, shared by the CLI, the HTTP API and the Python API.

Every builder returns a ``Query`` (SQL text plus parameters): values only ever travel as
parameters, never spliced into the SQL, so filters taken from a URL cannot inject. The
``fetch*`` helpers run a query on a connection from ``connection.reading`` and return
dicts (JSON columns decoded), a pandas DataFrame or an Arrow table.

Full-text search needs every word of the query to start a word of the title, summary or
body, ignoring case ("fight" finds "fighters"). DuckDB's ``fts`` extension would rank
better but is not bundled in the wheel and would need a download at run time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb

from sitroom.corrections.overlay import ROLE_FIX_ROWS, corrected_actors, corrected_claims, corrected_events, for_store

ARTICLE_FIELDS = (
    "id", "source", "url", "outlet", "site", "author", "title", "published", "updated", "dateline",
    "summary", "captions", "text", "language", "duplicate_of", "provenance",
)
"""The article object of SCHEMA.md, in its order."""

JSON_COLUMNS = frozenset({"actors", "recipients", "size", "reported_by", "record", "provenance"})
_ALL = 2**62
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Query:
    sql: str
    params: list[Any] = field(default_factory=list)


class _Where:
    """Collects ``AND``-ed conditions with their parameters, in order."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []
        self.needs_articles = False
        """Set by filters on the article (alias ``a``): aggregates join ``articles`` only
        then, since that join costs more than the aggregate itself on a large store."""

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return f"WHERE {' AND '.join(self.clauses)}" if self.clauses else ""


def _as_list(value: str | Sequence[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def _page(limit: int | None, offset: int) -> tuple[str, list[int]]:
    """``limit=None`` means every row (notebooks); servers pass their own capped limit."""
    limit = _ALL if limit is None else max(0, int(limit))
    return "LIMIT ? OFFSET ?", [limit, max(0, int(offset))]


def _source(where: _Where, source: str | None, alias: str = "a") -> None:
    """An outlet, a site, or the start of the input path the article was read from."""
    if source:
        where.add(f"(starts_with({alias}.source, ?) OR {alias}.outlet = ? OR {alias}.site = ?)", source, source, source)
        where.needs_articles = True


def _search(where: _Where, text: str | None) -> None:
    for word in _WORD.findall((text or "").lower()):
        # ``word`` is \w+ only, so it carries no regex syntax into the pattern.
        where.add(
            "regexp_matches(lower(concat_ws(' ', a.title, array_to_string(a.summary, ' '), a.text)), '\\b' || ?)",
            word,
        )


def articles(
    *,
    search: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    ids: Sequence[str] | None = None,
    include_duplicates: bool = True,
    with_text: bool = True,
    limit: int | None = 100,
    offset: int = 0,
) -> Query:
    """Stored articles, newest publication first; ``search`` needs every word present."""
    where = _Where()
    _search(where, search)
    _source(where, source)
    if since:
        where.add("a.published >= ?", since)
    if until:
        where.add("a.published <= ?", until)
    if ids is not None:
        where.add("a.id IN (SELECT unnest(?::VARCHAR[]))", list(ids))
    if not include_duplicates:
        where.add("a.duplicate_of IS NULL")
    cols = ", ".join(f"a.{c}" for c in ARTICLE_FIELDS if with_text or c != "text")
    page, page_params = _page(limit, offset)
    return Query(
        f"SELECT {cols} FROM articles a {where.sql()} ORDER BY a.published DESC NULLS LAST, a.seq {page}",
        where.params + page_params,
    )


def _actor_ids_sql() -> str:
    """Actor ids whose id, name or any alias equals the parameter (case-insensitive)."""
    return (
        f"(SELECT coalesce(list(DISTINCT id), []) FROM {corrected_actors()} WHERE lower(id) = lower(?) OR lower(name) = lower(?) "
        "OR list_contains(list_transform(aliases, lambda x: lower(x)), lower(?)))"
    )


def _event_filters(
    where: _Where,
    actor: str | None,
    type: str | Sequence[str] | None,
    country: str | None,
    place: str | None,
    bbox: tuple[float, float, float, float] | None,
    since: str | None,
    until: str | None,
    modality: str | Sequence[str] | None,
    source: str | None,
    article: str | None,
) -> None:
    if actor:
        where.add(f"(list_contains(e.actor_ids, ?) OR list_has_any(e.actor_ids, {_actor_ids_sql()}))",
                  actor, actor, actor, actor)
    if (types := _as_list(type)) is not None:
        where.add("e.type IN (SELECT unnest(?::VARCHAR[]))", types)
    if country:
        where.add("(list_contains(e.codes, ?) OR e.location_country = ?)", country, country)
    if place:
        where.add("(e.location_place = ? OR lower(e.location_text) = lower(?))", place, place)
    if bbox:
        min_lon, min_lat, max_lon, max_lat = (float(v) for v in bbox)
        where.add("e.location_lon BETWEEN ? AND ? AND e.location_lat BETWEEN ? AND ?", min_lon, max_lon, min_lat, max_lat)
    if since:
        where.add("e.day >= ?::DATE", since)
    if until:
        where.add("e.day <= ?::DATE", until)
    if (modalities := _as_list(modality)) is not None:
        where.add("e.modality IN (SELECT unnest(?::VARCHAR[]))", modalities)
    _source(where, source)
    if article:
        where.add("e.article_id = ?", article)


EVENT_COLUMNS = (
    "e.article_id, e.id, e.type, e.mode, e.contexts, e.quad, e.cameo, e.acled_type, e.acled_sub_type, "
    "e.date_value, e.date_precision, e.date_text, e.day, e.date_fallback, e.modality, e.historical, "
    "e.location_place, e.location_text, e.location_lat, e.location_lon, e.location_country, e.geo_precision, "
    "e.actor_ids, e.codes, e.evidence_start, e.evidence_end, e.evidence_text, e.evidence_field, e.rule, e.score, "
    "e.actors, e.recipients, e.size, e.reported_by, e.record, e.pipeline_version, "
    "e.corrected, e.review, e.source_articles, e.sources, e.independent_sources, "
    "a.title AS article_title, a.published AS article_published, a.source AS article_source"
)


def events(
    *,
    actor: str | None = None,
    type: str | Sequence[str] | None = None,
    country: str | None = None,
    place: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    since: str | None = None,
    until: str | None = None,
    modality: str | Sequence[str] | None = None,
    source: str | None = None,
    article: str | None = None,
    limit: int | None = 100,
    offset: int = 0,
    include_rejected: bool = False,
    after_seq: int | None = None,
) -> Query:
    """Events, newest first, corrections applied (rejected ones only with
    ``include_rejected``; ``after_seq``: only from articles stored after that seq). ``actor`` matches an id, a name or any alias; ``country`` a
    participant's code or the location's country; ``bbox`` is (min_lon, min_lat, max_lon,
    max_lat); ``since``/``until`` bound the event day (publication day when the text gave
    no date)."""
    where = _Where()
    _event_filters(where, actor, type, country, place, bbox, since, until, modality, source, article)
    if after_seq is not None:
        where.add("a.seq > ?", int(after_seq))
    page, page_params = _page(limit, offset)
    return Query(
        f"SELECT {EVENT_COLUMNS} FROM {corrected_events(include_rejected)} e JOIN articles a ON a.id = e.article_id {where.sql()} "
        f"ORDER BY e.day DESC NULLS LAST, e.article_id, e.id {page}",
        where.params + page_params,
    )


def _articles_join(where: _Where) -> str:
    return "JOIN articles a ON a.id = e.article_id " if where.needs_articles else ""


def events_per_day(**filters: Any) -> Query:
    """Event counts per day and type (the timeline), under the same filters as ``events``."""
    where = _Where()
    _event_filters(where, **{k: filters.get(k) for k in (
        "actor", "type", "country", "place", "bbox", "since", "until", "modality", "source", "article")})
    return Query(
        f"SELECT e.day, e.type, count(*) AS events FROM {corrected_events(with_sources=False)} e {_articles_join(where)}"
        f"{where.sql()} GROUP BY e.day, e.type ORDER BY e.day, e.type",
        where.params,
    )


def actors(
    *, search: str | None = None, country: str | None = None, kind: str | None = None,
    limit: int | None = 100, offset: int = 0,
) -> Query:
    """One row per actor id: name, kind and coding from its latest article, every alias
    seen, and how many articles mention it."""
    where = _Where()
    if search:
        where.add("(contains(lower(x.id), lower(?)) OR contains(lower(x.name), lower(?)) "
                  "OR list_contains(list_transform(x.aliases, lambda s: lower(s)), lower(?)))", search, search, search)
    if country:
        where.add("x.country = ?", country)
    if kind:
        where.add("x.kind = ?", kind)
    page, page_params = _page(limit, offset)
    return Query(
        "SELECT * FROM (SELECT r.id, arg_max(r.name, a.seq) AS name, list_sort(list_distinct(flatten(list(r.aliases)))) AS aliases, "
        "arg_max(r.kind, a.seq) AS kind, arg_max(r.country, a.seq) AS country, arg_max(r.sector, a.seq) AS sector, "
        "arg_max(r.ethnicity, a.seq) AS ethnicity, count(DISTINCT r.article_id) AS articles, bool_or(r.corrected) AS corrected "
        f"FROM {corrected_actors()} r JOIN articles a ON a.id = r.article_id GROUP BY r.id) x "
        f"{where.sql()} ORDER BY x.articles DESC, x.id {page}",
        where.params + page_params,
    )


def actor_roles(actor: str) -> Query:
    """Every dated role recorded for an actor, with where it was learned."""
    return Query(
        "SELECT DISTINCT actor, country, sector, title, start_date, end_date, source, article_id, "
        "evidence_start, evidence_end, evidence_text, evidence_field FROM "
        f"(SELECT * EXCLUDE (idx, pipeline_version) FROM actor_roles UNION ALL BY NAME {ROLE_FIX_ROWS}) WHERE actor = ? "
        "ORDER BY start_date NULLS FIRST, end_date NULLS LAST",
        [actor],
    )


def places(
    *, search: str | None = None, country: str | None = None,
    bbox: tuple[float, float, float, float] | None = None, limit: int | None = 100, offset: int = 0,
) -> Query:
    """One row per place id with its gazetteer fields and how many articles and events name it."""
    where = _Where()
    if search:
        where.add("contains(lower(x.name), lower(?))", search)
    if country:
        where.add("x.country = ?", country)
    if bbox:
        min_lon, min_lat, max_lon, max_lat = (float(v) for v in bbox)
        where.add("x.lon BETWEEN ? AND ? AND x.lat BETWEEN ? AND ?", min_lon, max_lon, min_lat, max_lat)
    page, page_params = _page(limit, offset)
    return Query(
        f"SELECT x.*, (SELECT count(*) FROM {corrected_events()} e WHERE e.location_place = x.id) AS events FROM ("
        "SELECT p.id, any_value(p.name) AS name, any_value(p.feature_class) AS feature_class, "
        "any_value(p.feature_code) AS feature_code, any_value(p.country) AS country, any_value(p.admin1) AS admin1, "
        "any_value(p.lat) AS lat, any_value(p.lon) AS lon, count(DISTINCT p.article_id) AS articles "
        f"FROM places p GROUP BY p.id) x {where.sql()} ORDER BY x.articles DESC, x.id {page}",
        where.params + page_params,
    )


def claims(
    *, subject_key: str | None = None, actor: str | None = None, claimant: str | None = None,
    since: str | None = None, until: str | None = None, source: str | None = None,
    place: str | None = None, article: str | None = None,
    limit: int | None = 100, offset: int = 0, include_rejected: bool = False,
) -> Query:
    """Claims oldest first (the tracker reads each subject's values over time), corrections
    applied (rejected ones only with ``include_rejected``). ``actor`` matches an id, a name
    or any alias; ``place`` any place the claim covers."""
    where = _Where()
    if subject_key:
        where.add("c.subject_key = ?", subject_key)
    if actor:
        where.add(f"(c.actor = ? OR list_contains({_actor_ids_sql()}, c.actor))", actor, actor, actor, actor)
    if place:
        where.add("list_contains(c.places, ?)", place)
    if article:
        where.add("c.article_id = ?", article)
    if claimant:
        where.add("(c.claimant_actor = ? OR lower(c.claimant_text) = lower(?))", claimant, claimant)
    if since:
        where.add("c.day >= ?::DATE", since)
    if until:
        where.add("c.day <= ?::DATE", until)
    _source(where, source)
    page, page_params = _page(limit, offset)
    return Query(
        "SELECT c.article_id, c.id, c.subject, c.subject_key, c.actor, c.measure, c.low, c.high, c.unit, c.qualifier, "
        "c.vague, c.claimant_actor, c.claimant_text, c.date_value, c.date_precision, c.day, c.date_fallback, c.places, "
        "c.evidence_start, c.evidence_end, c.evidence_text, c.evidence_field, c.rule, c.score, c.record, "
        "c.pipeline_version, c.corrected, c.review, a.title AS article_title, a.published AS article_published "
        f"FROM {corrected_claims(include_rejected)} c JOIN articles a ON a.id = c.article_id {where.sql()} "
        f"ORDER BY c.day NULLS LAST, c.article_id, c.id {page}",
        where.params + page_params,
    )


def article_part(table: str, article: str) -> Query:
    """Every stored row of one article's ``mentions``, ``times``, ``actors`` or ``places``
    (the parts of its extraction that events and claims do not already carry)."""
    order = {"mentions": "idx", "times": "idx", "actors": "id", "places": "id"}
    if table not in order:
        raise ValueError(f"{table!r} is not an article part table")
    return Query(f"SELECT * EXCLUDE (article_id, pipeline_version) FROM {table} WHERE article_id = ? "
                 f"ORDER BY {order[table]}", [article])


def actor_lookup(actor: str) -> Query:
    """The one actor whose id, name or any alias is ``actor`` (most-mentioned first when
    an alias is shared), with the same fields as ``actors``."""
    return Query(
        "SELECT r.id, arg_max(r.name, a.seq) AS name, list_sort(list_distinct(flatten(list(r.aliases)))) AS aliases, "
        "arg_max(r.kind, a.seq) AS kind, arg_max(r.country, a.seq) AS country, arg_max(r.sector, a.seq) AS sector, "
        "arg_max(r.ethnicity, a.seq) AS ethnicity, count(DISTINCT r.article_id) AS articles "
        f"FROM {corrected_actors()} r JOIN articles a ON a.id = r.article_id WHERE r.id = ? OR list_contains({_actor_ids_sql()}, r.id) "
        "GROUP BY r.id ORDER BY (r.id = ?) DESC, articles DESC, r.id LIMIT 1",
        [actor, actor, actor, actor, actor],
    )


def actor_codings(actor: str) -> Query:
    """How the actor was coded (country, sector, kind) over time: one row per coding with
    the first and last publication day it was seen and in how many articles."""
    return Query(
        "SELECT r.country, r.sector, r.kind, min(a.published) AS first_seen, max(a.published) AS last_seen, "
        f"count(DISTINCT r.article_id) AS articles FROM {corrected_actors()} r JOIN articles a ON a.id = r.article_id "
        "WHERE r.id = ? GROUP BY r.country, r.sector, r.kind ORDER BY first_seen NULLS LAST, articles DESC",
        [actor],
    )


def actor_events(actor: str, role: str, limit: int | None = 100, offset: int = 0) -> Query:
    """Events where the actor id ``actor`` is among the ``actors`` (role "actor") or the
    ``recipients`` (role "recipient"), newest first."""
    if role not in ("actor", "recipient"):
        raise ValueError(f"role {role!r}: use actor or recipient")
    column = "e.actors" if role == "actor" else "e.recipients"  # one of two constants
    page, page_params = _page(limit, offset)
    return Query(
        f"SELECT {EVENT_COLUMNS} FROM {corrected_events()} e JOIN articles a ON a.id = e.article_id "
        f"WHERE list_contains(json_extract_string({column}, '$[*].actor'), ?) "
        f"ORDER BY e.day DESC NULLS LAST, e.article_id, e.id {page}",
        [actor] + page_params,
    )


def co_actors(actor: str, limit: int | None = 25) -> Query:
    """Actors named in the same articles as ``actor``, with how many articles and events
    they share, most shared first."""
    page, page_params = _page(limit, 0)
    return Query(
        "SELECT o.id, arg_max(o.name, o.article_id) AS name, count(DISTINCT o.article_id) AS articles, "
        f"(SELECT count(*) FROM {corrected_events()} e WHERE list_contains(e.actor_ids, ?) AND list_contains(e.actor_ids, o.id)) AS events "
        f"FROM {corrected_actors()} r JOIN {corrected_actors()} o ON o.article_id = r.article_id AND o.id <> r.id WHERE r.id = ? "
        f"GROUP BY o.id ORDER BY articles DESC, events DESC, o.id {page}",
        [actor, actor] + page_params,
    )


def claim_subjects(
    *, actor: str | None = None, since: str | None = None, until: str | None = None,
    source: str | None = None, search: str | None = None, min_claims: int = 1,
    limit: int | None = 100, offset: int = 0,
) -> Query:
    """Claims grouped by ``subject_key``: a subject label, how many claims and claimants,
    the day span, and ``series`` (each claim's day, low, high and claimant, oldest first)
    so a tracker draws one subject's values over time without another query."""
    where = _Where()
    if actor:
        where.add(f"(c.actor = ? OR list_contains({_actor_ids_sql()}, c.actor))", actor, actor, actor, actor)
    if since:
        where.add("c.day >= ?::DATE", since)
    if until:
        where.add("c.day <= ?::DATE", until)
    if search:
        where.add("(contains(lower(c.subject_key), lower(?)) OR contains(lower(c.subject), lower(?)))", search, search)
    _source(where, source)
    page, page_params = _page(limit, offset)
    return Query(
        "SELECT c.subject_key, mode(c.subject) AS subject, any_value(c.unit) AS unit, count(*) AS claims, "
        "count(DISTINCT coalesce(c.claimant_actor, c.claimant_text)) AS claimants, min(c.day) AS first_day, "
        "max(c.day) AS last_day, list({'id': c.id, 'article_id': c.article_id, 'day': c.day, 'low': c.low, "
        "'high': c.high, 'qualifier': c.qualifier, 'claimant': coalesce(c.claimant_actor, c.claimant_text), "
        "'claimant_text': c.claimant_text} ORDER BY c.day NULLS LAST, c.article_id, c.id) AS series "
        f"FROM {corrected_claims()} c JOIN articles a ON a.id = c.article_id {where.sql()} GROUP BY c.subject_key "
        f"HAVING count(*) >= ? ORDER BY claims DESC, c.subject_key {page}",
        where.params + [max(1, int(min_claims))] + page_params,
    )


def event_points(**filters: Any) -> Query:
    """Geocoded events per location (the map), under the same filters as ``events``."""
    where = _Where()
    _event_filters(where, **{k: filters.get(k) for k in (
        "actor", "type", "country", "place", "bbox", "since", "until", "modality", "source", "article")})
    where.add("e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL")
    return Query(
        "SELECT e.location_place AS place, mode(e.location_text) AS name, e.location_lat AS lat, "
        "e.location_lon AS lon, any_value(e.location_country) AS country, count(*) AS events, "
        "list_sort(list_distinct(list(e.type))) AS types, min(e.day) AS first_day, max(e.day) AS last_day "
        f"FROM {corrected_events(with_sources=False)} e {_articles_join(where)}{where.sql()} "
        "GROUP BY e.location_place, e.location_lat, e.location_lon ORDER BY events DESC, place",
        where.params,
    )


def count(query: Query) -> Query:
    """The number of rows ``query`` would return without its page, for pagination totals."""
    sql = re.sub(r"\s+LIMIT \? OFFSET \?$", "", query.sql)
    params = query.params[:-2] if sql != query.sql else query.params
    return Query(f"SELECT count(*) AS n FROM ({sql})", params)


STAT_TABLES = ("articles", "mentions", "actors", "places", "times", "events", "claims")


def scalar(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    """The one value a constant SQL query returns (fetched whole: DuckDB refuses other work
    on a connection with an unfinished result)."""
    return con.execute(sql).fetchall()[0][0]


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts for ``sitroom stats`` and the API: rows per table (actors and places by
    distinct id), near-duplicates, articles not coded, and events by type."""

    def one(sql: str) -> Any:
        return scalar(con, sql)

    return {
        "articles": one("SELECT count(*) FROM articles"),
        "near_duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        "not_coded": one("SELECT count(*) FROM articles WHERE NOT coded"),
        "not_coded_languages": dict(con.execute(
            "SELECT coalesce(language, 'und'), count(*) FROM articles WHERE NOT coded GROUP BY 1 ORDER BY 1").fetchall()),
        "corrections": one("SELECT count(*) FROM corrections"),
        "mentions": one("SELECT count(*) FROM mentions"),
        "actors": one("SELECT count(DISTINCT id) FROM actors"),
        "places": one("SELECT count(DISTINCT id) FROM places"),
        "times": one("SELECT count(*) FROM times"),
        "events": one("SELECT count(*) FROM events"),
        "claims": one("SELECT count(*) FROM claims"),
        "events_by_type": dict(con.execute("SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC, 1").fetchall()),
        "schema_version": one("SELECT max(version) FROM schema_version"),
        "pipeline_versions": [r[0] for r in con.execute(
            "SELECT DISTINCT pipeline_version FROM articles ORDER BY 1").fetchall()],
    }


def fetch(con: duckdb.DuckDBPyConnection, query: Query) -> list[dict[str, Any]]:
    """Rows as dicts, JSON columns decoded."""
    cur = con.execute(for_store(con, query.sql), query.params)
    names = [d[0] for d in cur.description]
    decode = [n in JSON_COLUMNS for n in names]
    return [
        {n: (json.loads(v) if d and isinstance(v, str) else v) for n, d, v in zip(names, decode, row)}
        for row in cur.fetchall()
    ]


def fetch_df(con: duckdb.DuckDBPyConnection, query: Query):  # -> pandas.DataFrame
    return con.sql(for_store(con, query.sql), params=query.params).df()


def fetch_arrow(con: duckdb.DuckDBPyConnection, query: Query):  # -> pyarrow.Table
    return con.sql(for_store(con, query.sql), params=query.params).to_arrow_table()
