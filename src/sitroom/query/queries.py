"""Read queries over the store, shared by the CLI, the HTTP API and the Python API.

Every builder returns a ``Query`` (SQL text plus parameters): values only ever travel as
parameters, never spliced into the SQL, so filters taken from a URL cannot inject. The
``fetch*`` helpers run a query on a connection from ``connection.reading`` and return
dicts (JSON columns decoded), a pandas DataFrame or an Arrow table.

Events, claims and actors are read from the store's read tables (``readmodel``):
corrections applied, source counts and the page's unfiltered timeline and map stored.
Filters compare each row with constants so DuckDB evaluates them in the table scan and,
for a page of events, reads the wide columns of the page's rows only: an actor filter's
ids come from a ``Lookup`` parameter run first, and lists are joined to their articles
after the page is cut.

Full-text search needs every word of the query to start a word of the title, summary or
body, ignoring case ("fight" finds "fighters"). DuckDB's ``fts`` extension would rank
better but is not bundled in the wheel and would need a download at run time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import duckdb

from sitroom import settings
from sitroom.query.base import (  # noqa: F401  (the query API: queries.fetch, queries.Query ...)
    JSON_COLUMNS,
    Default,
    Limit,
    Lookup,
    Query,
    count,
    fetch,
    fetch_arrow,
    fetch_df,
    scalar,
)
from sitroom.query.base import Where as _Where
from sitroom.query.base import as_list as _as_list
from sitroom.query.base import page as _page
from sitroom.store.overlay import ROLE_FIX_ROWS
from sitroom.store.readmodel import MAP_POINT, SUBJECT

ARTICLE_FIELDS = (
    "id",
    "source",
    "url",
    "outlet",
    "site",
    "author",
    "title",
    "published",
    "updated",
    "dateline",
    "summary",
    "captions",
    "text",
    "language",
    "duplicate_of",
    "provenance",
)
"""The article object of SCHEMA.md, in its order."""

_WORD = re.compile(r"\w+")


def _source(where: _Where, source: str | None, prefix: str = "a.") -> None:
    """An outlet, a site, or the start of the input path the article was read from
    (``prefix``: ``a.`` on articles, ``e.article_`` on the read tables' copies)."""
    if source:
        where.add(
            f"(starts_with({prefix}source, ?) OR {prefix}outlet = ? OR {prefix}site = ?)",
            source,
            source,
            source,
        )


def _search(where: _Where, text: str | None) -> None:
    text_sql = "lower(concat_ws(' ', a.title, array_to_string(a.summary, ' '), a.text))"
    for word in _WORD.findall((text or "").lower()):
        # ``word`` is \w+ only, so it carries no regex syntax into the pattern. The plain
        # substring test first: it rules out most articles for a fraction of the regex.
        where.add(f"contains({text_sql}, ?) AND regexp_matches({text_sql}, '\\b' || ?)", word, word)


def articles(
    *,
    search: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    ids: Sequence[str] | None = None,
    include_duplicates: bool = True,
    with_text: bool = True,
    limit: Limit = Default.PAGE,
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
        # a few ids (the reader's one) compare in the scan; many join
        where.add(
            "list_contains(?::VARCHAR[], a.id)"
            if len(ids) <= settings.integer("query.ids_in_scan")
            else "a.id IN (SELECT unnest(?::VARCHAR[]))",
            list(ids),
        )
    if not include_duplicates:
        where.add("a.duplicate_of IS NULL")
    cols = ", ".join(f"a.{c}" for c in ARTICLE_FIELDS if with_text or c != "text")
    page, page_params = _page(limit, offset)
    return Query(
        f"SELECT {cols} FROM articles a {where.sql()} ORDER BY a.published DESC NULLS LAST, a.seq "
        f"{page}",
        where.params + page_params,
        unpaged=Query(f"SELECT a.id FROM articles a {where.sql()}", where.params),
    )


_ACTOR_IDS = "(SELECT coalesce(list(DISTINCT id), []) FROM read_actor_keys WHERE key = lower(?))"
"""Actor ids whose id, name or any alias equals the parameter (case-insensitive)."""


def _actor_ids(actor: str) -> Lookup:
    return Lookup(f"SELECT {_ACTOR_IDS}", (actor,))


def _named(where: _Where, ids: str, *params: Any, role: str = "true") -> None:
    """Events one of whose actor ids is among ``ids`` (SQL of a list), in ``role`` (a
    column of ``read_event_actors``: as_actor, as_recipient), through the actor rows of
    ``read_event_actors`` (a join on row numbers costs less than testing every event)."""
    where.add(
        f"e.rid IN (SELECT rid FROM read_event_actors WHERE actor_id IN (SELECT unnest({ids})) AND "
        f"{role})",
        *params,
    )
    where.joins = True
    where.named = (ids, role, list(params))


def _actor_filter(where: _Where, actor: str) -> None:
    """Events naming ``actor`` or any actor it is the name or alias of (looked up first)."""
    _named(
        where,
        "?::VARCHAR[]",
        Lookup(f"SELECT list_distinct(list_concat([?::VARCHAR], {_ACTOR_IDS}))", (actor, actor)),
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
        _actor_filter(where, actor)
    if (types := _as_list(type)) is not None:
        where.add("list_contains(?::VARCHAR[], e.type)", types)
    if country:
        where.add("(list_contains(e.codes, ?) OR e.location_country = ?)", country, country)
    if place:
        where.add("(e.location_place = ? OR e.location_key = lower(?))", place, place)
    if bbox:
        min_lon, min_lat, max_lon, max_lat = (float(v) for v in bbox)
        where.add(
            "e.location_lon BETWEEN ? AND ? AND e.location_lat BETWEEN ? AND ?",
            min_lon,
            max_lon,
            min_lat,
            max_lat,
        )
    if since:
        where.add("e.day >= ?::DATE", since)
    if until:
        where.add("e.day <= ?::DATE", until)
    if (modalities := _as_list(modality)) is not None:
        where.add("list_contains(?::VARCHAR[], e.modality)", modalities)
    _source(where, source, "e.article_")
    if article:
        where.add("e.article_id = ?", article)


EVENT_COLUMNS = (
    "e.article_id, e.id, e.type, e.mode, e.contexts, e.quad, e.cameo, e.acled_type, "
    "e.acled_sub_type, e.date_value, e.date_precision, e.date_text, e.day, e.date_fallback, "
    "e.modality, e.historical, e.location_place, e.location_text, e.location_lat, e.location_lon, "
    "e.location_country, e.geo_precision, e.actor_ids, e.codes, e.evidence_start, e.evidence_end, "
    "e.evidence_text, e.evidence_field, e.rule, e.score, e.actors, e.recipients, e.size, "
    "e.reported_by, e.record, e.pipeline_version, e.corrected, e.review, e.source_articles, "
    "e.sources, e.independent_sources, e.article_title, e.article_published, e.article_source"
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
    limit: Limit = Default.PAGE,
    offset: int = 0,
    include_rejected: bool = False,
    after_seq: int | None = None,
) -> Query:
    """Events, newest first, corrections applied (rejected ones only with
    ``include_rejected``; ``after_seq``: only from articles stored after that seq).
    ``actor`` matches an id, a name or any alias; ``country`` a participant's code or the
    location's country; ``bbox`` is (min_lon, min_lat, max_lon, max_lat);
    ``since``/``until`` bound the event day (publication day when the text gave no
    date)."""
    where = _Where()
    _visible(where, include_rejected)
    _event_filters(
        where, actor, type, country, place, bbox, since, until, modality, source, article
    )
    if after_seq is not None:
        where.add("e.article_seq > ?", int(after_seq))
    return _event_page(where, limit, offset)


_NEWEST = "ORDER BY e.day DESC NULLS LAST, e.article_id, e.id"


def _event_page(where: _Where, limit: Limit, offset: int) -> Query:
    """A page of ``read_events`` rows under ``where``, newest first, with their article's
    title, date and source. One table, filters on constants: DuckDB reads the wide columns
    (record, evidence, participants) of the page's rows only."""
    page, page_params = _page(limit, offset)
    if where.only_named():
        return _actor_page(where, page, page_params)
    rows = f"FROM read_events e {where.sql()}"
    unpaged = Query(f"SELECT e.rid {rows}", where.params)
    if not where.joins:
        return Query(
            f"SELECT {EVENT_COLUMNS} {rows} {_NEWEST} {page}", where.params + page_params, unpaged
        )
    return Query(
        f"SELECT {EVENT_COLUMNS} FROM read_events e WHERE e.rid IN (SELECT e.rid {rows} {_NEWEST} "
        f"{page}) {_NEWEST}",
        where.params + page_params,
        unpaged,
    )


def _actor_page(where: _Where, page: str, page_params: list[Any]) -> Query:
    """A page of an actor's events, cut on ``read_event_actors`` alone (it carries each
    event's day, key and review), then read from ``read_events``."""
    ids, role, params = where.named  # type: ignore[misc]
    review = where.visible.replace("e.", "x.")
    rows = (
        f"SELECT DISTINCT x.rid, x.day, x.article_id, x.id FROM read_event_actors x "
        f"WHERE x.actor_id IN (SELECT unnest({ids})) AND {role} {'AND ' + review if review else ''}"
    )
    return Query(
        f"SELECT {EVENT_COLUMNS} FROM read_events e WHERE e.rid IN (SELECT e.rid FROM ({rows}) e "
        f"{_NEWEST} {page}) {_NEWEST}",
        params + page_params,
        Query(rows, params),
    )


def _visible(where: _Where, include_rejected: bool = False, alias: str = "e") -> None:
    """Rejected events and claims stay in the read tables; readers leave them out."""
    if not include_rejected:
        where.visible = f"{alias}.review <> 'rejected'"
        where.add(where.visible)


def events_per_day(**filters: Any) -> Query:
    """Event counts per day and type (the timeline), under the same filters as ``events``."""
    where = _Where()
    _event_filters(
        where,
        **{
            k: filters.get(k)
            for k in (
                "actor",
                "type",
                "country",
                "place",
                "bbox",
                "since",
                "until",
                "modality",
                "source",
                "article",
            )
        },
    )
    if not where.clauses:  # the page's landing view: stored by the writer
        return Query("SELECT day, type, events FROM read_timeline ORDER BY day, type")
    _visible(where)
    return Query(
        f"SELECT e.day, e.type, count(*) AS events FROM read_events e {where.sql()} "
        "GROUP BY e.day, e.type ORDER BY e.day, e.type",
        where.params,
    )


def actors(
    *,
    search: str | None = None,
    country: str | None = None,
    kind: str | None = None,
    limit: Limit = Default.PAGE,
    offset: int = 0,
) -> Query:
    """One row per actor id: name, kind and coding from its latest article, every alias
    seen, and how many articles mention it."""
    where = _Where()
    if search:
        where.add(
            "(contains(lower(x.id), lower(?)) OR contains(lower(x.name), lower(?)) "
            "OR list_contains(list_transform(x.aliases, lambda s: lower(s)), lower(?)))",
            search,
            search,
            search,
        )
    if country:
        where.add("x.country = ?", country)
    if kind:
        where.add("x.kind = ?", kind)
    page, page_params = _page(limit, offset)
    return Query(
        f"SELECT * FROM read_actor_list x {where.sql()} ORDER BY x.articles DESC, x.id {page}",
        where.params + page_params,
    )


def actor_roles(actor: str) -> Query:
    """Every dated role recorded for an actor, with where it was learned."""
    return Query(
        "SELECT DISTINCT actor, country, sector, title, start_date, end_date, source, article_id, "
        "evidence_start, evidence_end, evidence_text, evidence_field FROM "
        "(SELECT * EXCLUDE (idx, pipeline_version) FROM actor_roles UNION ALL BY NAME "
        f"{ROLE_FIX_ROWS}) WHERE actor = ? ORDER BY start_date NULLS FIRST, end_date NULLS LAST",
        [actor],
    )


def places(
    *,
    search: str | None = None,
    country: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    limit: Limit = Default.PAGE,
    offset: int = 0,
) -> Query:
    """One row per place id with its gazetteer fields and how many articles and events name it."""
    where = _Where()
    if search:
        where.add("contains(lower(x.name), lower(?))", search)
    if country:
        where.add("x.country = ?", country)
    if bbox:
        min_lon, min_lat, max_lon, max_lat = (float(v) for v in bbox)
        where.add(
            "x.lon BETWEEN ? AND ? AND x.lat BETWEEN ? AND ?", min_lon, max_lon, min_lat, max_lat
        )
    page, page_params = _page(limit, offset)
    return Query(
        "SELECT x.*, (SELECT count(*) FROM read_events e WHERE e.review <> 'rejected' AND "
        "e.location_place = x.id) AS events FROM (SELECT p.id, any_value(p.name) AS name, "
        "any_value(p.feature_class) AS feature_class, any_value(p.feature_code) AS feature_code, "
        "any_value(p.country) AS country, any_value(p.admin1) AS admin1, any_value(p.lat) AS lat, "
        "any_value(p.lon) AS lon, count(DISTINCT p.article_id) AS articles FROM places p GROUP BY "
        f"p.id) x {where.sql()} ORDER BY x.articles DESC, x.id {page}",
        where.params + page_params,
    )


def claims(
    *,
    subject_key: str | None = None,
    actor: str | None = None,
    claimant: str | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    place: str | None = None,
    article: str | None = None,
    subject_keys: Sequence[str] | None = None,
    limit: Limit = Default.PAGE,
    offset: int = 0,
    include_rejected: bool = False,
    with_groups: bool = False,
) -> Query:
    """Claims oldest first (the tracker reads each subject's values over time), corrections
    applied (rejected ones only with ``include_rejected``). ``actor`` matches an id, a name
    or any alias; ``place`` any place the claim covers; ``subject_keys`` any of these
    subjects. ``with_groups`` adds the claim's
    group (same subject, numbers, unit and month) and how many claims, articles and
    independent sources state it (``cluster_queries.claims``)."""
    where = _Where()
    _visible(where, include_rejected, "c")
    if subject_key:
        where.add("c.subject_key = ?", subject_key)
    if subject_keys is not None:
        where.add("c.subject_key IN (SELECT unnest(?::VARCHAR[]))", list(subject_keys))
    if actor:
        where.add("(c.actor = ? OR list_contains(?::VARCHAR[], c.actor))", actor, _actor_ids(actor))
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
    _source(where, source, "c.article_")
    page, page_params = _page(limit, offset)
    groups = (
        ", c.claim_group, c.claim_group_claims, c.claim_sources, c.claim_independent_sources"
        if with_groups
        else ""
    )
    return Query(
        "SELECT c.article_id, c.id, c.subject, c.subject_key, c.actor, c.measure, c.low, c.high, "
        "c.unit, c.qualifier, c.vague, c.claimant_actor, c.claimant_text, c.date_value, "
        "c.date_precision, c.day, c.date_fallback, c.places, c.evidence_start, c.evidence_end, "
        "c.evidence_text, c.evidence_field, c.rule, c.score, c.record, c.pipeline_version, "
        f"c.corrected, c.review, c.article_title, c.article_published{groups} FROM read_claims c "
        f"{where.sql()} ORDER BY c.day NULLS LAST, c.article_id, c.id {page}",
        where.params + page_params,
        unpaged=Query(f"SELECT c.id FROM read_claims c {where.sql()}", where.params),
    )


def article_part(table: str, article: str) -> Query:
    """Every stored row of one article's ``mentions``, ``times``, ``actors`` or ``places``
    (the parts of its extraction that events and claims do not already carry)."""
    order = {"mentions": "idx", "times": "idx", "actors": "id", "places": "id"}
    if table not in order:
        raise ValueError(f"{table!r} is not an article part table")
    return Query(
        f"SELECT * EXCLUDE (article_id, pipeline_version) FROM {table} WHERE article_id = ? "
        f"ORDER BY {order[table]}",
        [article],
    )


def actor_lookup(actor: str) -> Query:
    """The one actor whose id, name or any alias is ``actor`` (most-mentioned first when
    an alias is shared), with the same fields as ``actors``."""
    return Query(
        "SELECT id, name, aliases, kind, country, sector, ethnicity, articles FROM read_actor_list "
        "WHERE id = ? OR list_contains(?::VARCHAR[], id) ORDER BY (id = ?) DESC, articles DESC, id "
        "LIMIT 1",
        [actor, _actor_ids(actor), actor],
    )


def actor_codings(actor: str) -> Query:
    """How the actor was coded (country, sector, kind) over time: one row per coding with
    the first and last publication day it was seen and in how many articles."""
    return Query(
        "SELECT r.country, r.sector, r.kind, min(r.article_published) AS first_seen, "
        "max(r.article_published) AS last_seen, count(DISTINCT r.article_id) AS articles FROM "
        "read_actors r WHERE r.id = ? GROUP BY r.country, r.sector, r.kind ORDER BY first_seen "
        "NULLS LAST, articles DESC",
        [actor],
    )


def actor_events(actor: str, role: str, limit: Limit = Default.PAGE, offset: int = 0) -> Query:
    """Events where the actor id ``actor`` is among the ``actors`` (role "actor") or the
    ``recipients`` (role "recipient"), newest first."""
    if role not in ("actor", "recipient"):
        raise ValueError(f"role {role!r}: use actor or recipient")
    where = _Where()
    _visible(where)
    _named(where, "[?::VARCHAR]", actor, role="as_actor" if role == "actor" else "as_recipient")
    return _event_page(where, limit, offset)


def co_actors(actor: str, limit: Limit = Default.CO_ACTORS) -> Query:
    """Actors named in the same articles as ``actor``, with how many articles and events
    they share, most shared first."""
    page, page_params = _page(limit, 0)
    return Query(
        "SELECT o.id, arg_max(o.name, o.article_id) AS name, count(DISTINCT o.article_id) AS "
        "articles, coalesce(any_value(shared.events), 0) AS events FROM read_actors r JOIN "
        "read_actors o ON o.article_id = r.article_id AND o.id <> r.id "
        # events naming both: the other actor rows of the events that name ``actor``
        "LEFT JOIN (SELECT y.actor_id, count(*) AS events FROM read_event_actors y WHERE y.rid IN "
        "(SELECT rid FROM read_event_actors WHERE actor_id = ? AND review <> 'rejected') GROUP BY "
        "y.actor_id) shared ON shared.actor_id = o.id WHERE r.id = ? GROUP BY o.id ORDER BY "
        f"articles DESC, events DESC, o.id {page}",
        [actor, actor] + page_params,
    )


def claim_subjects(
    *,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    search: str | None = None,
    min_claims: int = 1,
    limit: Limit = Default.PAGE,
    offset: int = 0,
) -> Query:
    """Claims grouped by ``subject_key``: a subject label, how many claims and claimants,
    the day span, and ``series`` (each claim's day, low, high and claimant, oldest first)
    so a tracker draws one subject's values over time without another query. The page of
    subjects is chosen first, so only its subjects' series are built."""
    where = _Where()
    if actor:
        where.add("(c.actor = ? OR list_contains(?::VARCHAR[], c.actor))", actor, _actor_ids(actor))
    if since:
        where.add("c.day >= ?::DATE", since)
    if until:
        where.add("c.day <= ?::DATE", until)
    if search:
        where.add(
            "(contains(lower(c.subject_key), lower(?)) OR contains(lower(c.subject), lower(?)))",
            search,
            search,
        )
    _source(where, source, "c.article_")
    page, page_params = _page(limit, offset)
    having = [max(1, int(min_claims))]
    if not where.clauses:  # the tracker's landing list: stored by the writer
        return Query(
            "SELECT * FROM read_claim_subjects WHERE claims >= ? ORDER BY claims DESC, subject_key "
            + page,
            having + page_params,
            Query("SELECT subject_key FROM read_claim_subjects WHERE claims >= ?", having),
        )
    _visible(where, alias="c")
    rows = f"FROM read_claims c {where.sql()}"
    subjects = f"SELECT c.subject_key {rows} GROUP BY c.subject_key HAVING count(*) >= ?"
    chosen = (
        f"SELECT c.subject_key, count(*) AS claims {rows} GROUP BY c.subject_key HAVING count(*) "
        f">= ? ORDER BY claims DESC, c.subject_key {page}"
    )
    return Query(
        f"SELECT {SUBJECT.replace('{order}', '')} {rows} AND c.subject_key IN (SELECT subject_key "
        f"FROM ({chosen})) GROUP BY c.subject_key ORDER BY claims DESC, c.subject_key",
        where.params + where.params + having + page_params,
        unpaged=Query(subjects, where.params + having),
    )


def event_points(**filters: Any) -> Query:
    """Geocoded events per location (the map), under the same filters as ``events``."""
    where = _Where()
    _event_filters(
        where,
        **{
            k: filters.get(k)
            for k in (
                "actor",
                "type",
                "country",
                "place",
                "bbox",
                "since",
                "until",
                "modality",
                "source",
                "article",
            )
        },
    )
    if not where.clauses:  # the page's landing view: stored by the writer
        return Query(
            "SELECT place, name, lat, lon, country, events, types, first_day, last_day FROM "
            "read_map ORDER BY events DESC, place"
        )
    _visible(where)
    where.add("e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL")
    return Query(
        f"SELECT {MAP_POINT.format(order='')} FROM read_events e {where.sql()} "
        "GROUP BY e.location_place, e.location_lat, e.location_lon ORDER BY events DESC, place",
        where.params,
    )


STAT_TABLES = ("articles", "mentions", "actors", "places", "times", "events", "claims")


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts for ``sitroom stats`` and the API: rows per table (actors and places by
    distinct id), near-duplicates, articles not coded, and events by type."""

    def one(sql: str) -> Any:
        return scalar(con, sql)

    return {
        "articles": one("SELECT count(*) FROM articles"),
        "near_duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        "not_coded": one("SELECT count(*) FROM articles WHERE NOT coded"),
        "not_coded_languages": dict(
            con.execute(
                "SELECT coalesce(language, 'und'), count(*) FROM articles WHERE NOT coded GROUP BY "
                "1 ORDER BY 1"
            ).fetchall()
        ),
        "corrections": one("SELECT count(*) FROM corrections"),
        "mentions": one("SELECT count(*) FROM mentions"),
        "actors": one("SELECT count(DISTINCT id) FROM actors"),
        "places": one("SELECT count(DISTINCT id) FROM places"),
        "times": one("SELECT count(*) FROM times"),
        "events": one("SELECT count(*) FROM events"),
        "claims": one("SELECT count(*) FROM claims"),
        "events_by_type": dict(
            con.execute(
                "SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC, 1"
            ).fetchall()
        ),
        "schema_version": one("SELECT max(version) FROM schema_version"),
        "pipeline_versions": [
            r[0]
            for r in con.execute(
                "SELECT DISTINCT pipeline_version FROM articles ORDER BY 1"
            ).fetchall()
        ],
    }
