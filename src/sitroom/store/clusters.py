"""Event clusters in the store: every event row gets a ``cluster_id`` on write, inside the
batch transaction (``sitroom.link.event_clusters`` decides which). This module reads the
events without a cluster and the clustered events that could match them, and writes the
choice back. Re-ingesting stored content adds no event and no cluster.
"""

from __future__ import annotations

from collections import defaultdict

import duckdb
import numpy as np
import pyarrow as pa

from sitroom import settings
from sitroom.link import neardup
from sitroom.link.event_clusters import ClusterEvent, choose_clusters
from sitroom.store.batch_rows import EVERY_ROW, FirstRows

_COLUMNS = (
    "e.article_id, e.id, e.type, e.mode, e.modality, e.historical, e.date_value, e.date_precision, "
    "e.day, e.date_fallback, e.location_place, e.location_lat, e.location_lon, e.location_country, "
    "e.geo_precision, e.actor_ids, e.evidence_text, e.cluster_id, a.seq, coalesce(a.duplicate_of, "
    "a.id), a.minhash"
)


def _load(
    con: duckdb.DuckDBPyConnection, first: FirstRows
) -> tuple[list[ClusterEvent], list[ClusterEvent], set[str]]:
    """Events without a cluster (storage order), clustered events that could match them,
    and the stored articles that may be copies of a pending event's article.

    A candidate must share a pending event's type, modality and historical flag, and either
    be a copy of its article (same near-duplicate root, or shingle similarity of at least
    ``link.copy_threshold``) or have a date interval that can overlap its (the interval is
    widened here; ``match_score`` decides exactly) whose actors and mode allow a match
    (``_MAY_SHARE``); of each cluster it meets only a sample (``_sampled``). So a batch
    reads the events it can match, not every event of its types in the window, and MinHash
    arrays only of the candidates' articles: the search for copies streams the window's
    signatures block by block, so Python never holds all of them at once (DuckDB still
    scans that column)."""

    def build(r: tuple, minhash: object) -> ClusterEvent:
        return ClusterEvent(
            article_id=r[0],
            id=r[1],
            type=r[2],
            mode=r[3],
            modality=r[4],
            historical=r[5],
            date_value=r[6],
            date_precision=r[7],
            day=r[8],
            fallback=r[9],
            place=r[10],
            lat=r[11],
            lon=r[12],
            country=r[13],
            geo_precision=r[14],
            actors=frozenset(r[15] or ()),
            evidence=r[16] or "",
            cluster_id=r[17],
            seq=r[18],
            root=r[19],
            minhash=minhash,
        )

    unclustered = _unclustered(first)
    pending = [
        build(r, r[20])
        for r in con.execute(
            f"SELECT {_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id WHERE "
            f"{unclustered} ORDER BY a.seq, e.evidence_start NULLS LAST, e.id"
        ).fetchall()
    ]
    if not pending:
        return [], [], set()
    copied = _copies_of(con, pending, first)
    low, high, window = _low(), _high(), settings.integer("store.cluster_window_days")
    rows = con.execute(
        f"WITH fresh AS ({_fresh(first)}), "
        f"copied AS (SELECT unnest(?::VARCHAR[]) AS id), "
        f"mine AS (SELECT e.type, e.modality, e.historical, e.mode, e.actor_ids, "
        f"coalesce(a.duplicate_of, a.id) AS root, {low} AS low, {high} AS high "
        f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {unclustered}) "
        f"SELECT {_COLUMNS.removesuffix(', a.minhash')} FROM events e JOIN articles a ON a.id = "
        "e.article_id WHERE e.cluster_id IS NOT NULL AND EXISTS (SELECT 1 FROM fresh f WHERE "
        f"f.type = e.type AND abs(date_diff('day', f.day, e.day)) <= {window}) AND EXISTS (SELECT "
        "1 FROM mine m WHERE m.type = e.type AND m.modality = e.modality AND m.historical = "
        "e.historical AND (m.root = coalesce(a.duplicate_of, a.id) OR e.article_id IN (SELECT id "
        f"FROM copied) OR (m.low <= {high} AND {low} <= m.high AND {_MAY_SHARE}))) QUALIFY "
        f"{_sampled()}",
        [sorted(copied)],
    ).fetchall()
    hashes = _hashes(con, {r[0] for r in rows})
    return pending, [build(r, hashes.get(r[0])) for r in rows], copied


def _unclustered(first: FirstRows) -> str:
    """SQL: ``e`` is an event without a cluster, looked for only from ``first.events`` on."""
    return f"e.rowid >= {int(first.events)} AND e.cluster_id IS NULL"


def _fresh(first: FirstRows) -> str:
    """SQL: the types and days of the events without a cluster."""
    return (
        f"SELECT DISTINCT e.type, e.day FROM events e WHERE {_unclustered(first)} AND e.day IS NOT "
        "NULL"
    )


def _low() -> str:
    """SQL: no later than the first day of the event's interval, less the slack."""
    slack = settings.integer("link.cluster_fallback_days") + _day_slack()
    return f"(e.day - {slack})"


def _high() -> str:
    """SQL: no earlier than the last day of the event's interval (see ``interval``), plus
    the slack."""
    return (
        "(CASE coalesce(e.date_precision, 'day') WHEN 'day' THEN e.day WHEN 'week' THEN e.day + 6 "
        "WHEN 'month' THEN last_day(e.day) WHEN 'decade' THEN make_date(year(e.day) + 9, 12, 31) "
        f"ELSE make_date(year(e.day), 12, 31) END + {_day_slack()})"
    )


def _day_slack() -> int:
    """The day slack ``dates_compatible`` allows, plus one so the SQL widens, never cuts."""
    return settings.integer("link.cluster_day_slack") + 1


_MAY_SHARE = (
    "(len(m.actor_ids) = 0 OR len(e.actor_ids) = 0 OR list_has_any(m.actor_ids, e.actor_ids)) "
    "AND (m.mode IS NULL OR e.mode IS NULL OR m.mode = e.mode)"
)
"""SQL: what ``match_score`` needs of two events that are not copies: their modes do not
differ, and their actors are not disjoint (they share one, or one side has none)."""


def _sampled() -> str:
    """SQL: the candidates kept of each cluster. A cluster's members are one happening, so
    its first reports and its latest (where a long story has moved on to) stand for the
    rest; a pending event meets at most twice ``store.cluster_sample`` events per cluster
    plus its copies, however many reports a story has gathered, so a write's work does not
    grow with them."""
    sample = settings.integer("store.cluster_sample")
    return (
        "e.article_id IN (SELECT id FROM copied) OR coalesce(a.duplicate_of, a.id) IN (SELECT "
        "root FROM mine) OR row_number() OVER (PARTITION BY e.cluster_id ORDER BY a.seq, e.id) <= "
        f"{sample} OR row_number() OVER (PARTITION BY e.cluster_id ORDER BY a.seq DESC, e.id DESC) "
        f"<= {sample}"
    )


def _signatures(table: pa.Table | pa.RecordBatch) -> tuple[list[str], np.ndarray]:
    """Article ids and their MinHash arrays as rows of one matrix."""
    column = table.column("minhash")
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    return table.column("id").to_pylist(), column.flatten().to_numpy().reshape(
        -1, neardup.permutations()
    )


def _hashes(con: duckdb.DuckDBPyConnection, article_ids: set[str]) -> dict[str, np.ndarray]:
    """The MinHash array of each of these stored articles that has one."""
    if not article_ids:
        return {}
    ids, rows = _signatures(
        con.sql(
            f"SELECT id, minhash FROM articles WHERE len(minhash) = {neardup.permutations()} "
            "AND id IN (SELECT unnest(?::VARCHAR[]))",
            params=[sorted(article_ids)],
        ).to_arrow_table()
    )
    return dict(zip(ids, rows, strict=True))


def _copies_of(
    con: duckdb.DuckDBPyConnection, pending: list[ClusterEvent], first: FirstRows
) -> set[str]:
    """The stored articles with a clustered event of a pending event's type in the window
    whose shingle similarity with a pending event's article reaches ``link.copy_threshold``
    (``neardup.rows_copying``), read and compared ``store.signature_block`` signatures at a
    time."""
    mine = {e.article_id: e.minhash for e in pending if e.minhash is not None}
    if not mine:
        return set()
    ours = np.asarray(list(mine.values()), dtype=np.uint64)
    reader = con.sql(
        f"WITH fresh AS ({_fresh(first)}) "
        f"SELECT a.id, a.minhash FROM articles a WHERE len(a.minhash) = {neardup.permutations()} "
        f"AND EXISTS (SELECT 1 FROM events e JOIN fresh f ON f.type = e.type "
        "AND abs(date_diff('day', f.day, e.day)) <= "
        f"{settings.integer('store.cluster_window_days')} WHERE e.article_id = a.id AND "
        "e.cluster_id IS NOT NULL)"
    ).to_arrow_reader(settings.integer("store.signature_block"))
    copied: set[str] = set()
    for block in reader:
        ids, stored = _signatures(block)
        if ids:
            copied.update(ids[i] for i in neardup.rows_copying(stored, ours))
    return copied


def _members(
    con: duckdb.DuckDBPyConnection, cluster_ids: set[str]
) -> tuple[defaultdict[str, set[str]], dict[str, int]]:
    """Which articles each of these clusters already holds an event from, and the storage
    position of each cluster's first article (its founding, which wins ties)."""
    found: defaultdict[str, set[str]] = defaultdict(set)
    founded: dict[str, int] = {}
    if cluster_ids:
        for cid, aid, seq in con.execute(
            "SELECT e.cluster_id, e.article_id, a.seq FROM events e JOIN articles a ON a.id = "
            "e.article_id WHERE e.cluster_id IN (SELECT unnest(?::VARCHAR[]))",
            [sorted(cluster_ids)],
        ).fetchall():
            found[cid].add(aid)
            founded[cid] = min(seq, founded.get(cid, seq))
    return found, founded


def assign(con: duckdb.DuckDBPyConnection, first: FirstRows = EVERY_ROW) -> int:
    """Give every event without a cluster one (this batch's events, from ``first.events``
    on, or all of a store migrated from before clusters), in storage order; return how
    many were assigned."""
    pending, candidates, copied = _load(con, first)
    if not pending:
        return 0
    members, founded = _members(con, {c.cluster_id for c in candidates if c.cluster_id})
    choose_clusters(pending, candidates, members, founded, copied)
    updates = [
        {"article_id": e.article_id, "id": e.id, "cluster_id": e.cluster_id} for e in pending
    ]
    con.register("_sitroom_clusters", pa.Table.from_pylist(updates))
    try:
        con.execute(
            "UPDATE events SET cluster_id = u.cluster_id FROM _sitroom_clusters u "
            f"WHERE events.rowid >= {int(first.events)} AND events.article_id = u.article_id AND "
            "events.id = u.id"
        )
    finally:
        con.unregister("_sitroom_clusters")
    return len(updates)
