"""The read tables (migration 0006): what every read used to recompute, kept in step with
what it is derived from.

Readers query ``read_events``, ``read_claims``, ``read_actors`` (extraction with the
corrections laid over it, ``corrections.overlay``), their source counts, and the page's
unfiltered timeline and map, instead of recomputing them per request. Whatever changes
their inputs refreshes them in its own transaction, so a reader sees both or neither:

- a batch of articles written, re-extracted or imported (``refresh_articles``): their
  rows, plus the rows whose counts they change (events of the clusters and near-duplicate
  families they join, claims of the claim groups they join);
- corrections appended (``refresh_corrections``): the events and claims they target, and
  after an actor correction every row naming an actor any actor correction touches;
- ``rebuild``: everything, when a store migrated to 0006 is next opened for writing.

A refresh deletes the rows it recomputes and inserts them again; the timeline and map
groups those rows were or are in are recounted from ``read_events``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import duckdb

from sitroom.store import overlay

_ARTICLE = (
    "{a}.title AS article_title, {a}.published AS article_published, {a}.source AS article_source, "
    "{a}.outlet AS article_outlet, {a}.site AS article_site, {a}.seq AS article_seq"
)
"""The article fields a read row carries (lists show them, the source filter reads them)."""

_SOURCE_COUNTS = """
SELECT z.*, fam.n AS source_articles, coalesce(cl.sources, 1) AS sources,
       coalesce(cl.independent_sources, 1) AS independent_sources, {article},
       lower(z.location_text) AS location_key
FROM {rows} z
JOIN articles ea ON ea.id = z.article_id
LEFT JOIN (SELECT coalesce(duplicate_of, id) AS root, count(*) AS n FROM articles
           WHERE coalesce(duplicate_of, id) IN (SELECT coalesce(a.duplicate_of, a.id)
                                                 FROM articles a
                                                 WHERE a.id IN (SELECT article_id FROM _read_keys))
           GROUP BY 1) fam ON fam.root = coalesce(ea.duplicate_of, ea.id)
LEFT JOIN (SELECT e.cluster_id, count(DISTINCT e.article_id) AS sources,
                  count(DISTINCT coalesce(a.source_key, a.id)) AS independent_sources
           FROM events e JOIN articles a ON a.id = e.article_id
           WHERE e.cluster_id IN (SELECT cluster_id FROM {events})
           GROUP BY 1) cl ON cl.cluster_id = z.cluster_id
"""
"""Each event's ``source_articles`` (its article and the article's near-duplicates) and its
cluster's ``sources`` and ``independent_sources`` (as the ``event_clusters`` view counts
them), computed only for the families and clusters of the events refreshed."""


def _keyed(table: str, keys: str, columns: str = "*") -> str:
    """``columns`` of the rows of ``table`` keyed (article_id, id) in the temp table
    ``keys``, found by their articles first: DuckDB filters one column inside the scan and
    reads the others for the rows found, while a join on the key pair would read every
    column of every row."""
    return (
        f"(SELECT t.* FROM (SELECT {columns} FROM {table} WHERE article_id IN (SELECT article_id "
        f"FROM {keys})) t SEMI JOIN {keys} k USING (article_id, id))"
    )


_SCOPED_EVENTS = _keyed("events", "_read_keys")
_SCOPED_CLAIMS = _keyed("claims", "_read_claim_keys")

MAP_POINT = (
    "e.location_place AS place, mode(e.location_text{order}) AS name, e.location_lat AS lat, "
    "e.location_lon AS lon, any_value(e.location_country{order}) AS country, count(*) AS events, "
    "list_sort(list_distinct(list(DISTINCT e.type))) AS types, min(e.day) AS first_day, max(e.day) "
    "AS last_day"
)
"""A map point: geocoded events grouped by location_place, location_lat, location_lon.
``{order}``: empty for a query (a tie between two texts of one place goes either way, as
DuckDB meets the rows), `` ORDER BY e.article_seq, e.id`` for the stored map, so a tie
goes the same way however its rows were refreshed (a query does not sort: it costs a
filtered map noticeably)."""

SUBJECT = (
    "c.subject_key, mode(c.subject{order}) AS subject, any_value(c.unit{order}) AS unit, count(*) "
    "AS claims, count(DISTINCT coalesce(c.claimant_actor, c.claimant_text)) AS claimants, "
    "min(c.day) AS first_day, max(c.day) AS last_day, list({'id': c.id, 'article_id': "
    "c.article_id, 'day': c.day, 'low': c.low, 'high': c.high, 'qualifier': c.qualifier, "
    "'claimant': coalesce(c.claimant_actor, c.claimant_text), 'claimant_text': c.claimant_text} "
    "ORDER BY c.day NULLS LAST, c.article_id, c.id) AS series"
)
"""A claims tracker subject: claims grouped by subject_key (label and unit as the name in
``MAP_POINT``)."""

_IN_STORAGE_ORDER = " ORDER BY {a}.article_seq, {a}.id"

_TIMELINE = (
    "SELECT e.day, e.type, count(*) AS events FROM read_events e WHERE e.review <> 'rejected' "
    "{scope} GROUP BY e.day, e.type"
)
_MAP = (
    f"SELECT {MAP_POINT.format(order=_IN_STORAGE_ORDER.format(a='e'))} FROM read_events e WHERE "
    "e.review <> 'rejected' AND e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL "
    "{scope} GROUP BY e.location_place, e.location_lat, e.location_lon"
)
_SUBJECTS = (
    f"SELECT {SUBJECT.replace('{order}', _IN_STORAGE_ORDER.format(a='c'))} FROM read_claims c "
    "WHERE c.review <> 'rejected' {scope} GROUP BY c.subject_key"
)
"""``queries.events_per_day``, ``queries.event_points`` and ``queries.claim_subjects``
without filters, as stored."""

_DAY = "d.day IS NOT DISTINCT FROM {e}.day AND d.type IS NOT DISTINCT FROM {e}.type"
_PLACE = "d.place IS NOT DISTINCT FROM {e}.place AND d.lat = {e}.lat AND d.lon = {e}.lon"
_DAY_SCOPES = (
    "AND e.day IN (SELECT day FROM _read_days) AND EXISTS (SELECT 1 FROM _read_days d WHERE d.day "
    "= e.day AND d.type IS NOT DISTINCT FROM e.type)",
    "AND e.day IS NULL AND EXISTS (SELECT 1 FROM _read_days d WHERE d.day IS NULL AND d.type IS "
    "NOT DISTINCT FROM e.type)",
)
_PLACE_SCOPES = (
    "AND e.location_place IN (SELECT place FROM _read_places) AND EXISTS (SELECT 1 FROM "
    "_read_places d WHERE d.place = e.location_place AND d.lat = e.location_lat AND d.lon = "
    "e.location_lon)",
    "AND e.location_place IS NULL AND EXISTS (SELECT 1 FROM _read_places d WHERE d.place IS NULL "
    "AND d.lat = e.location_lat AND d.lon = e.location_lon)",
)
"""The groups to recount, each as two scans: a filter on one column DuckDB applies inside
the scan (days, places), then the exact group; NULL keys apart (IN never matches them)."""

_CLAIM_GROUP = (
    "md5(concat_ws('|', c.subject_key, c.measure, coalesce(c.low::VARCHAR, ''), "
    "coalesce(c.high::VARCHAR, ''), coalesce(c.unit, ''), coalesce(left(c.date_value, 7), "
    "strftime(c.day, '%Y-%m'), '')))"
)
"""The ``claim_groups`` view's group key (migration 0004), of the claim as extracted."""

_ACTOR_LIST = (
    "SELECT r.id, arg_max(r.name, r.article_seq) AS name, "
    "list_sort(list_distinct(flatten(list(r.aliases)))) AS aliases, arg_max(r.kind, r.article_seq) "
    "AS kind, arg_max(r.country, r.article_seq) AS country, arg_max(r.sector, r.article_seq) AS "
    "sector, arg_max(r.ethnicity, r.article_seq) AS ethnicity, count(DISTINCT r.article_id) AS "
    "articles, bool_or(r.corrected) AS corrected FROM read_actors r {scope} GROUP BY r.id"
)
"""One row per actor id: name, kind and coding from its latest article, every alias, how
many articles name it (``queries.actors``). ``read_actors`` keeps the actors table's row
order (each article's rows are replaced together, an actor correction refills it whole), so
two rows of one article resolving to one id tie-break as they did on the raw table."""

_KEYS = (
    "SELECT DISTINCT key, id FROM (SELECT id, lower(id) AS key FROM read_actors r {scope} "
    "UNION ALL SELECT id, lower(name) FROM read_actors r {scope} "
    "UNION ALL SELECT id, lower(unnest(aliases)) FROM read_actors r {scope}) WHERE key IS NOT NULL"
)


def _temp(con: duckdb.DuckDBPyConnection, name: str, sql: str, params: Sequence = ()) -> None:
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}", list(params)
    )  # name: a constant here


def _drop(con: duckdb.DuckDBPyConnection, *names: str) -> None:
    for name in names:
        con.execute(f"DROP TABLE IF EXISTS {name}")


_OVERLAYS: dict[str, tuple[Callable[[str], str], Callable[[str], str]]] = {
    "events": (overlay.corrected_events, overlay.plain_events),
    "claims": (overlay.corrected_claims, overlay.plain_claims),
    "actors": (overlay.corrected_actors, overlay.plain_actors),
}
"""Per kind of row: its SQL with the corrections applied, and without."""


def _rows(con: duckdb.DuckDBPyConnection, kind: str, source: str) -> str:
    """The overlay's rows of ``kind`` (events, claims, actors) over ``source``; plain ones
    when the store holds no correction."""
    corrected, plain = _OVERLAYS[kind]
    return (corrected if overlay.has_corrections(con) else plain)(source)


def _events_sql(con: duckdb.DuckDBPyConnection, events: str) -> str:
    rows = _rows(con, "events", events)
    return _SOURCE_COUNTS.format(rows=rows, events=events, article=_ARTICLE.format(a="ea"))


def _refresh_events(con: duckdb.DuckDBPyConnection, order: str = "") -> None:
    """Recompute the ``read_events`` rows of the events keyed in ``_read_keys`` and drop
    those of the articles in ``_read_gone`` no longer extracted (re-extraction), with their
    actor rows, and recount the timeline and map groups they leave or join."""
    _temp(
        con,
        "_read_old",
        "SELECT r.rid, r.day, r.type, r.location_place, r.location_lat, r.location_lon FROM ("
        "SELECT rid, article_id, id, day, type, location_place, location_lat, location_lon "
        "FROM read_events WHERE article_id IN (SELECT article_id FROM _read_keys "
        "UNION SELECT article_id FROM _read_gone)) r LEFT JOIN _read_keys k USING (article_id, id) "
        "WHERE k.article_id IS NOT NULL OR r.article_id IN (SELECT article_id FROM _read_gone)",
    )
    con.execute("DELETE FROM read_event_actors WHERE rid IN (SELECT rid FROM _read_old)")
    con.execute("DELETE FROM read_events WHERE rid IN (SELECT rid FROM _read_old)")
    con.execute(
        f"INSERT INTO read_events BY NAME SELECT * FROM ({_events_sql(con, _SCOPED_EVENTS)}) "
        f"{order}"
    )
    _temp(
        con,
        "_read_new",
        "SELECT r.rid, r.day, r.type, r.location_place, r.location_lat, r.location_lon, "
        "r.actor_ids, r.actors, r.recipients, r.article_id, r.id, r.review FROM "
        + _keyed(
            "read_events",
            "_read_keys",
            "rid, day, type, location_place, location_lat, location_lon, "
            "actor_ids, actors, recipients, article_id, id, review",
        )
        + " r",
    )
    con.execute(
        "INSERT INTO read_event_actors SELECT actor_id, rid, "
        "list_contains(json_extract_string(actors, '$[*].actor'), actor_id), "
        "list_contains(json_extract_string(recipients, '$[*].actor'), actor_id), day, article_id, "
        "id, review FROM (SELECT unnest(actor_ids) AS actor_id, * FROM _read_new) WHERE actor_id "
        f"IS NOT NULL {'ORDER BY actor_id, day, rid' if order else ''}"
    )
    both = (
        "SELECT * EXCLUDE (actor_ids, actors, recipients, article_id, id, review) FROM _read_new "
        "UNION ALL SELECT * FROM _read_old"
    )
    _temp(con, "_read_days", f"SELECT DISTINCT day, type FROM ({both})")
    con.execute(
        "DELETE FROM read_timeline t WHERE EXISTS (SELECT 1 FROM _read_days d WHERE "
        f"{_DAY.format(e='t')})"
    )
    for scope in _DAY_SCOPES:
        con.execute("INSERT INTO read_timeline " + _TIMELINE.format(scope=scope))
    _temp(
        con,
        "_read_places",
        f"SELECT DISTINCT location_place AS place, location_lat AS lat, location_lon AS lon "
        f"FROM ({both}) WHERE location_lat IS NOT NULL AND location_lon IS NOT NULL",
    )
    con.execute(
        "DELETE FROM read_map t WHERE EXISTS (SELECT 1 FROM _read_places d WHERE "
        f"{_PLACE.format(e='t')})"
    )
    for scope in _PLACE_SCOPES:
        con.execute("INSERT INTO read_map " + _MAP.format(scope=scope))
    _drop(con, "_read_old", "_read_new", "_read_days", "_read_places")


def _claims_sql(con: duckdb.DuckDBPyConnection) -> str:
    rows = _rows(con, "claims", _SCOPED_CLAIMS)
    return (
        f"SELECT z.*, g.claim_group, {_ARTICLE.format(a='a')} FROM {rows} z "
        f"JOIN (SELECT c.article_id, c.id, {_CLAIM_GROUP} AS claim_group FROM {_SCOPED_CLAIMS} c) "
        "g USING (article_id, id) JOIN articles a ON a.id = z.article_id"
    )


def _refresh_claims(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute the ``read_claims`` rows keyed in ``_read_claim_keys``, then the source
    counts of every claim group they were or are in."""
    mine = _keyed("read_claims", "_read_claim_keys", "article_id, id, claim_group, subject_key")
    _temp(con, "_read_groups", f"SELECT DISTINCT claim_group, subject_key FROM {mine}")
    con.execute(
        "DELETE FROM read_claims r WHERE article_id IN (SELECT article_id FROM _read_claim_keys) "
        "AND EXISTS (SELECT 1 FROM _read_claim_keys k WHERE k.article_id = r.article_id AND k.id = "
        "r.id)"
    )
    con.execute(f"INSERT INTO read_claims BY NAME {_claims_sql(con)}")
    con.execute(f"INSERT INTO _read_groups SELECT DISTINCT claim_group, subject_key FROM {mine}")
    con.execute(
        "UPDATE read_claims SET claim_group_claims = s.claims, claim_sources = s.sources, "
        "claim_independent_sources = s.independent_sources FROM ("
        "SELECT r.claim_group, count(*) AS claims, count(DISTINCT r.article_id) AS sources, "
        "count(DISTINCT coalesce(a.source_key, a.id)) AS independent_sources "
        "FROM read_claims r JOIN articles a ON a.id = r.article_id "
        "WHERE r.claim_group IN (SELECT claim_group FROM _read_groups) GROUP BY 1) s "
        "WHERE read_claims.claim_group = s.claim_group"
    )
    subjects = "SELECT subject_key FROM _read_groups"
    con.execute(f"DELETE FROM read_claim_subjects WHERE subject_key IN ({subjects})")
    con.execute(
        "INSERT INTO read_claim_subjects "
        + _SUBJECTS.replace("{scope}", f"AND c.subject_key IN ({subjects})")
    )
    _drop(con, "_read_groups")


def _refresh_actors(con: duckdb.DuckDBPyConnection, article_ids: str | None) -> None:
    """Recompute ``read_actors`` for the articles in the ``article_ids`` subquery (every
    article when None), then the keys of every actor id those rows had or have."""
    if article_ids is None:
        for table in ("read_actors", "read_actor_keys", "read_actor_list"):
            con.execute(f"DELETE FROM {table}")  # table: a constant above
        source, scope = "actors", ""
    else:
        _temp(
            con,
            "_read_ids",
            f"SELECT DISTINCT id FROM read_actors WHERE article_id IN ({article_ids})",
        )
        con.execute(f"DELETE FROM read_actors WHERE article_id IN ({article_ids})")
        source, scope = (
            f"(SELECT * FROM actors WHERE article_id IN ({article_ids}))",
            "WHERE r.id IN (SELECT id FROM _read_ids)",
        )
    rows = _rows(con, "actors", source)
    con.execute(
        "INSERT INTO read_actors BY NAME SELECT r.*, a.published AS article_published, a.seq AS "
        f"article_seq FROM {rows} r JOIN articles a ON a.id = r.article_id"
    )
    if article_ids is not None:
        con.execute(
            "INSERT INTO _read_ids SELECT DISTINCT id FROM read_actors WHERE article_id IN "
            f"({article_ids})"
        )
        con.execute("DELETE FROM read_actor_keys WHERE id IN (SELECT id FROM _read_ids)")
        con.execute("DELETE FROM read_actor_list WHERE id IN (SELECT id FROM _read_ids)")
    con.execute("INSERT INTO read_actor_keys " + _KEYS.format(scope=scope))
    con.execute("INSERT INTO read_actor_list " + _ACTOR_LIST.format(scope=scope))
    _drop(con, "_read_ids")


def _scope(
    con: duckdb.DuckDBPyConnection, keys: str, table: str, conditions: Sequence[str]
) -> None:
    """Key in the temp table ``keys`` every row of ``table`` meeting any of ``conditions``:
    one scan each, since DuckDB applies a filter on one column inside the scan but an OR
    of two only after reading every row."""
    _temp(
        con,
        keys,
        " UNION ".join(f"SELECT article_id, id FROM {table} WHERE {c}" for c in conditions),
    )


def refresh_articles(con: duckdb.DuckDBPyConnection, article_ids: Iterable[str]) -> None:
    """After these articles were stored, re-extracted or imported (their events clustered
    and their sources assigned): recompute every read row they change. Runs in the
    caller's transaction."""
    ids = sorted(set(article_ids))
    if not ids:
        return
    _temp(con, "_read_gone", "SELECT unnest(?::VARCHAR[]) AS article_id", [ids])
    mine = "SELECT article_id FROM _read_gone"
    # Events of these articles, of the clusters they are (or before a re-extraction were)
    # in, and of the articles sharing their near-duplicate family.
    _temp(
        con,
        "_read_clusters",
        f"SELECT cluster_id FROM events WHERE article_id IN ({mine}) AND cluster_id IS NOT NULL "
        f"UNION SELECT cluster_id FROM read_events WHERE article_id IN ({mine}) "
        "AND cluster_id IS NOT NULL",
    )
    family = (
        f"SELECT id FROM articles WHERE coalesce(duplicate_of, id) IN "
        f"(SELECT coalesce(duplicate_of, id) FROM articles WHERE id IN ({mine}))"
    )
    _scope(
        con,
        "_read_keys",
        "events",
        [
            f"article_id IN ({mine})",
            "cluster_id IN (SELECT cluster_id FROM _read_clusters)",
            f"article_id IN ({family})",
        ],
    )
    _refresh_events(con)
    _scope(con, "_read_claim_keys", "claims", [f"article_id IN ({mine})"])
    con.execute(
        "INSERT INTO _read_claim_keys SELECT article_id, id FROM read_claims WHERE article_id IN "
        f"({mine})"
    )
    _refresh_claims(con)
    _refresh_actors(con, mine)
    _drop(con, "_read_gone", "_read_clusters", "_read_keys", "_read_claim_keys")


def refresh_corrections(
    con: duckdb.DuckDBPyConnection, kinds: Iterable[str], targets: Iterable[str]
) -> None:
    """After corrections of these target kinds and ids were appended: recompute the
    events and claims they target (followed through ``correction_anchors``), and after any
    actor correction the actors and every event and claim that names an actor some actor
    correction targets. Runs in the caller's transaction."""
    kinds, targets = set(kinds), sorted(set(targets))
    _temp(
        con,
        "_read_targets",
        "SELECT t AS id FROM (SELECT unnest(?::VARCHAR[]) AS t) "
        "UNION SELECT new_id FROM correction_anchors WHERE old_id IN (SELECT unnest(?::VARCHAR[]))",
        [targets, targets],
    )
    _temp(con, "_read_gone", "SELECT NULL::VARCHAR AS article_id WHERE false")
    by_actor = "actor" in kinds
    touched = (
        "(SELECT coalesce(list(DISTINCT target_id), []) FROM corrections WHERE target_kind = "
        "'actor')"
    )

    def corrected_ids(kind: str) -> str:
        return (
            "id IN (SELECT coalesce(n.new_id, k.target_id) FROM corrections k LEFT JOIN "
            "correction_anchors n ON n.target_kind = k.target_kind AND n.old_id = k.target_id "
            f"WHERE k.target_kind = '{kind}')"
        )

    events = claims = ["id IN (SELECT id FROM _read_targets)"]
    if by_actor:
        # An actor correction changes the events that name a touched actor, and those whose
        # actors an event correction set (they may name one too).
        events = [f"list_has_any(actor_ids, {touched})", corrected_ids("event")]
        claims = [
            f"list_has_any([actor, claimant_actor, split_part(subject_key, '/', 1)], {touched})",
            corrected_ids("claim"),
        ]
    if by_actor or "event" in kinds:
        _scope(con, "_read_keys", "events", events)
        _refresh_events(con)
    if by_actor or "claim" in kinds:
        _scope(con, "_read_claim_keys", "claims", claims)
        _refresh_claims(con)
    if by_actor:
        _refresh_actors(con, None)
    _drop(con, "_read_targets", "_read_gone", "_read_keys", "_read_claim_keys")


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Fill every read table from the extracted rows and corrections, events in day order
    (DuckDB skips row groups by their min/max day). Runs in the caller's transaction."""
    for table in (
        "read_events",
        "read_event_actors",
        "read_timeline",
        "read_map",
        "read_claims",
        "read_claim_subjects",
    ):
        con.execute(f"DELETE FROM {table}")  # table: a constant above
    _temp(con, "_read_keys", "SELECT article_id, id FROM events")
    _temp(con, "_read_gone", "SELECT NULL::VARCHAR AS article_id WHERE false")
    _refresh_events(con, order="ORDER BY day NULLS FIRST, article_id, id")
    _temp(con, "_read_claim_keys", "SELECT article_id, id FROM claims")
    _refresh_claims(con)
    _refresh_actors(con, None)
    _drop(con, "_read_keys", "_read_gone", "_read_claim_keys")
    con.execute("UPDATE read_state SET filled = true")


def is_filled(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute("SELECT filled FROM read_state").fetchall()[0][0])


def mark_stale(con: duckdb.DuckDBPyConnection) -> None:
    """Have the next ``ensure_filled`` rebuild everything (rows changed behind the refreshes)."""
    con.execute("UPDATE read_state SET filled = false")


def ensure_filled(con: duckdb.DuckDBPyConnection) -> bool:
    """Rebuild the read tables in one transaction if they are not filled; return whether it did."""
    if is_filled(con):
        return False
    con.execute("BEGIN TRANSACTION")
    try:
        rebuild(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return True
