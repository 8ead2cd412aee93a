"""Read queries about clusters and sources, on top of ``queries`` and with its filters.

Each builder wraps a ``queries`` builder as a subquery, so every filter ``queries.events``
or ``queries.claims`` takes (actor incl. aliases, type, country, place, bbox, since,
until, modality, source, article, and whatever it gains later) means the same here, and
corrections it applies stay applied. What ``queries`` has no filter for is added outside:
``mode``, ``cluster``, ``min_sources``, ``min_independent_sources`` and
``one_per_cluster`` (one representative event per cluster: the best-dated, best-scored,
earliest stored member). Builders return a ``queries.Query``; run it with
``queries.fetch``/``fetch_df``/``fetch_arrow`` on a connection from ``reading``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from sitroom.query import queries
from sitroom.query.base import Default, Limit
from sitroom.query.queries import Query

EXTRA_FILTERS = ("mode", "cluster", "min_sources", "min_independent_sources", "one_per_cluster")

_CLUSTER_COLUMNS = (
    "ev.cluster_id AS cluster_id, k.events AS cluster_events, k.sources AS cluster_sources, "
    "k.independent_sources AS cluster_independent_sources, k.source_keys AS cluster_source_keys, "
    "k.outlets AS cluster_outlets, ea.seq AS article_seq, ea.outlet AS article_outlet, ea.site AS "
    "article_site, ea.url AS article_url, ea.wire AS article_wire, ea.source_key AS "
    "article_source_key, ea.copy_of AS article_copy_of, ea.ingested_at AS article_ingested_at"
)


def _as_list(value: str | Sequence[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def _extra_where(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if (modes := _as_list(filters.get("mode"))) is not None:
        clauses.append("q.mode IN (SELECT unnest(?::VARCHAR[]))")
        params.append(modes)
    if filters.get("cluster"):
        clauses.append("ev.cluster_id = ?")
        params.append(filters["cluster"])
    if filters.get("min_sources"):
        clauses.append("coalesce(k.sources, 1) >= ?")
        params.append(int(filters["min_sources"]))
    if filters.get("min_independent_sources"):
        clauses.append("coalesce(k.independent_sources, 1) >= ?")
        params.append(int(filters["min_independent_sources"]))
    return (f"WHERE {' AND '.join(clauses)}" if clauses else ""), params


def events(*, limit: int | None = None, offset: int = 0, **filters: Any) -> Query:
    """Events as ``queries.events`` returns them, plus their cluster (``cluster_id``,
    ``cluster_events``, ``cluster_sources``, ``cluster_independent_sources``,
    ``cluster_source_keys``, ``cluster_outlets``) and their article's outlet, site, url,
    wire agency and source key; newest first. ``limit=None``: every row."""
    extra = {k: filters.pop(k) for k in EXTRA_FILTERS if k in filters}
    base = queries.events(limit=None, **filters)
    where, params = _extra_where(extra)
    page, page_params = queries._page(limit, offset)
    sql = (
        f"SELECT q.*, {_CLUSTER_COLUMNS} FROM ({base.sql}) q "
        "JOIN events ev ON ev.article_id = q.article_id AND ev.id = q.id "
        "JOIN articles ea ON ea.id = q.article_id "
        f"LEFT JOIN event_clusters k ON k.cluster_id = ev.cluster_id {where}"
    )
    if extra.get("one_per_cluster"):
        sql = (
            f"SELECT * FROM ({sql}) QUALIFY row_number() OVER (PARTITION BY coalesce(cluster_id, "
            "article_id || '/' || id) ORDER BY date_fallback, score DESC NULLS LAST, article_seq, "
            "id) = 1"
        )
    return Query(
        f"{sql} ORDER BY day DESC NULLS LAST, article_id, id {page}",
        base.params + params + page_params,
    )


def clusters(*, limit: Limit = Default.PAGE, offset: int = 0, **filters: Any) -> Query:
    """Clusters with at least one member event matching the filters, most independent
    sources first: the ``event_clusters`` view's columns (members, articles, sources,
    independent_sources, source_keys, outlets, first/last day)."""
    filters.pop("one_per_cluster", None)
    matching = events(limit=None, **filters)
    page, page_params = queries._page(limit, offset)
    return Query(
        "SELECT k.* FROM event_clusters k WHERE k.cluster_id IN (SELECT cluster_id FROM "
        f"({matching.sql})) ORDER BY k.independent_sources DESC, k.sources DESC, k.last_day DESC "
        f"NULLS LAST, k.cluster_id {page}",
        matching.params + page_params,
    )


def cluster_members(cluster_id: str) -> Query:
    """Every event of one cluster with its article and that article's source key, in
    storage order: what a cluster rests on."""
    return Query(
        "SELECT e.cluster_id, e.article_id, e.id, e.type, e.mode, e.modality, e.day, "
        "e.date_fallback, e.location_place, e.location_text, e.actor_ids, e.evidence_text, e.rule, "
        "e.score, a.title AS article_title, a.published AS article_published, a.source AS "
        "article_source, a.outlet AS article_outlet, a.site AS article_site, a.wire, a.copy_of, "
        "a.source_key, a.source_rule FROM events e JOIN articles a ON a.id = e.article_id WHERE "
        "e.cluster_id = ? ORDER BY a.seq, e.id",
        [cluster_id],
    )


def claims(*, limit: int | None = None, offset: int = 0, **filters: Any) -> Query:
    """Claims as ``queries.claims`` returns them, plus how many claims, articles
    (``claim_sources``) and independent sources (``claim_independent_sources``) state the
    same subject, numbers, unit and month; oldest first."""
    return queries.claims(limit=limit, offset=offset, with_groups=True, **filters)


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Cluster and source counts for ``sitroom stats``."""

    def one(sql: str) -> Any:
        return queries.scalar(con, sql)

    return {
        "clusters": one("SELECT count(*) FROM event_clusters"),
        "clusters_multi_source": one("SELECT count(*) FROM event_clusters WHERE sources > 1"),
        "clusters_multi_independent": one(
            "SELECT count(*) FROM event_clusters WHERE independent_sources > 1"
        ),
        "independent_sources": one("SELECT count(DISTINCT source_key) FROM articles"),
        "wire_copies": one("SELECT count(*) FROM articles WHERE wire IS NOT NULL"),
        "copies": one("SELECT count(*) FROM articles WHERE copy_of IS NOT NULL"),
    }
