"""Event clusters: one happening reported by many articles is one cluster, every source kept.

GDELT's duplicate problem is that each article's report becomes its own event. Here every
event row gets a ``cluster_id`` on write, inside the batch transaction: a new event joins
the best-matching existing cluster, or founds its own (cluster id = hash of its founding
event, so a rebuilt store gets the same ids). Matching is incremental, earlier clusters are
never split or merged, and re-ingesting stored content adds no event and no cluster.

Two events (from different articles; a cluster holds at most one event per article) are the
same happening when they have the same PLOVER type, modality and historical flag, and
either

* the articles are copies of one text (near-duplicate link, or shingle similarity of at
  least ``sources.COPY_THRESHOLD``) and their evidence sentences agree
  (``COPY_EVIDENCE_RATIO``): a re-published story adds a source, not an event; or
* their dates are compatible within their precisions (``dates_compatible``), their places
  do not conflict (same place id, or within ``NEAR_KM``; a country-level location only
  conflicts with another country), their modes do not differ, and they share evidence:
  a common actor or recipient id with the same place or two text-given dates; the same
  place with two text-given dates when one side has no actors; or near-identical
  evidence text (rapidfuzz ``token_set_ratio`` >= ``EVIDENCE_RATIO``).

Quad class alone is too coarse to merge on (ACCUSE and REJECT share one).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

import duckdb
import numpy as np
import pyarrow as pa
from rapidfuzz import fuzz

from sitroom.store import neardup
from sitroom.store.batch_rows import EVERY_ROW, FirstRows
from sitroom.store.sources import COPY_THRESHOLD

NEAR_KM = 50.0
"""Two geocoded points closer than this are one place (a town and its outskirts)."""
FAR_KM = 150.0
"""Two point locations further apart than this are different happenings."""
EVIDENCE_RATIO = 90.0
COPY_EVIDENCE_RATIO = 80.0
MIN_EVIDENCE_CHARS = 40
"""Shorter evidence ("killed", "fighting") says too little to merge on text alone."""
FALLBACK_DAYS = 7
"""An event whose text gives no date happened up to a week before publication."""
DAY_SLACK = 1
"""Outlets in different time zones, or published a day apart, resolve "Sunday" a day apart."""
WINDOW_DAYS = 400
"""Candidates are looked up within this many days (a year-precision date spans 365)."""

_COLUMNS = (
    "e.article_id, e.id, e.type, e.mode, e.modality, e.historical, e.date_value, e.date_precision, e.day, "
    "e.date_fallback, e.location_place, e.location_lat, e.location_lon, e.location_country, e.geo_precision, "
    "e.actor_ids, e.evidence_text, e.cluster_id, a.seq, coalesce(a.duplicate_of, a.id), a.minhash"
)


@dataclass
class ClusterEvent:
    article_id: str
    id: str
    type: str
    mode: str | None
    modality: str
    historical: bool
    date_value: str | None
    date_precision: str | None
    day: dt.date | None
    fallback: bool
    place: str | None
    lat: float | None
    lon: float | None
    country: str | None
    geo_precision: int | None
    actors: frozenset[str]
    evidence: str
    cluster_id: str | None
    seq: int
    root: str
    minhash: object = field(repr=False, default=None)

    @cached_property
    def days(self) -> tuple[dt.date, dt.date] | None:
        """``interval(self)``, worked out once: an event is compared with many others."""
        return interval(self)


def cluster_key(article_id: str, event_id: str) -> str:
    """A cluster's id: a hash of its founding event's key."""
    return "c" + hashlib.blake2b(f"{article_id}/{event_id}".encode(), digest_size=8).hexdigest()


def interval(e: ClusterEvent) -> tuple[dt.date, dt.date] | None:
    """The days an event's date can mean, from its value cut to its precision."""
    if e.day is None:
        return None
    if e.fallback or not e.date_value:
        return e.day - dt.timedelta(days=FALLBACK_DAYS), e.day
    precision = e.date_precision or "day"
    if precision == "day":
        return e.day, e.day
    if precision == "week":
        return e.day, e.day + dt.timedelta(days=6)
    if precision == "month":
        nxt = dt.date(e.day.year + e.day.month // 12, e.day.month % 12 + 1, 1)
        return e.day, nxt - dt.timedelta(days=1)
    if precision == "decade":
        return e.day, dt.date(e.day.year + 9, 12, 31)
    return e.day, dt.date(e.day.year, 12, 31)  # year, season


def dates_compatible(a: ClusterEvent, b: ClusterEvent) -> bool:
    """Whether the two dates' intervals overlap, give or take ``DAY_SLACK``."""
    ia, ib = a.days, b.days
    if ia is None or ib is None:
        return False
    slack = dt.timedelta(days=DAY_SLACK)
    return ia[0] - slack <= ib[1] and ib[0] - slack <= ia[1]


def _km(a: ClusterEvent, b: ClusterEvent) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def place_relation(a: ClusterEvent, b: ClusterEvent) -> str:
    """``same`` place, ``open`` (one is unknown, or one is a whole country containing the
    other) or ``conflict``."""
    if a.place and a.place == b.place:
        return "same"
    if not a.place or not b.place:
        return "open"
    if 3 in (a.geo_precision, b.geo_precision):
        return "conflict" if a.country and b.country and a.country != b.country else "open"
    if None in (a.lat, a.lon, b.lat, b.lon):
        return "open" if a.country == b.country else "conflict"
    km = _km(a, b)
    return "same" if km <= NEAR_KM else ("open" if km <= FAR_KM else "conflict")


def _evidence_ratio(a: ClusterEvent, b: ClusterEvent) -> float:
    if not a.evidence or not b.evidence:
        return 0.0
    return fuzz.token_set_ratio(a.evidence, b.evidence)


def match_score(a: ClusterEvent, b: ClusterEvent, copies: bool) -> float | None:
    """How strongly ``a`` and ``b`` are one happening (higher is stronger), ``None`` when not."""
    if a.type != b.type or a.modality != b.modality or a.historical != b.historical:
        return None
    # token_set_ratio is the costliest test: worked out only where an answer needs it.
    ratio = _evidence_ratio(a, b) if copies else None
    if ratio is not None and ratio >= COPY_EVIDENCE_RATIO:
        return 3.0 + ratio / 100
    if a.mode and b.mode and a.mode != b.mode:
        return None
    place = place_relation(a, b)
    if place == "conflict" or not dates_compatible(a, b):
        return None
    dated = not a.fallback and not b.fallback
    shared = a.actors & b.actors
    if copies and shared:
        return 2.0 + len(shared) / len(a.actors | b.actors)
    if shared and (place == "same" or dated):
        return 1.5 + len(shared) / len(a.actors | b.actors) + (0.5 if place == "same" else 0.0)
    disjoint = a.actors and b.actors and not shared
    if place == "same" and dated and not disjoint:
        return 1.0
    if disjoint or min(len(a.evidence), len(b.evidence)) < MIN_EVIDENCE_CHARS:
        return None
    ratio = _evidence_ratio(a, b) if ratio is None else ratio
    return 1.0 + ratio / 200 if ratio >= EVIDENCE_RATIO else None


class _Copies:
    """Whether two articles are one text: same near-duplicate root or similar shingles."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, str], bool] = {}
        self.hashes: dict[str, np.ndarray] = {}

    def __call__(self, a: ClusterEvent, b: ClusterEvent) -> bool:
        if a.root == b.root:
            return True
        key = (
            (a.article_id, b.article_id)
            if a.article_id < b.article_id
            else (b.article_id, a.article_id)
        )
        if key not in self.cache:
            self.cache[key] = (
                a.minhash is not None
                and b.minhash is not None
                and neardup.similarity(self._hash(a), self._hash(b)) >= COPY_THRESHOLD
            )
        return self.cache[key]

    def _hash(self, e: ClusterEvent) -> np.ndarray:
        """The article's MinHash as an array, converted once per article."""
        if e.article_id not in self.hashes:
            self.hashes[e.article_id] = np.asarray(e.minhash, dtype=np.uint64)
        return self.hashes[e.article_id]


class _Pool:
    """The events a pending event is compared with, indexed so it meets only those
    ``match_score`` can match: events of its type, modality and historical flag that share
    an actor with it, have no actors, share its near-duplicate root or come from an article
    that may be a copy of its (``maybe_copies``: the copy search's finds and the batch's own
    articles). An event without actors meets every event of its kind. Which events score is
    the same as comparing with all of them; a big store's pending event just meets fewer."""

    def __init__(self, maybe_copies: set[str]) -> None:
        self.maybe_copies = maybe_copies
        self.kind: dict[tuple, list[ClusterEvent]] = defaultdict(list)
        self.actor: dict[tuple, list[ClusterEvent]] = defaultdict(list)
        self.root: dict[tuple, list[ClusterEvent]] = defaultdict(list)
        self.open: dict[tuple, list[ClusterEvent]] = defaultdict(list)
        """Events without actors, and events from possible copies, by kind."""

    def add(self, event: ClusterEvent) -> None:
        kind = (event.type, event.modality, event.historical)
        self.kind[kind].append(event)
        self.root[(*kind, event.root)].append(event)
        if not event.actors or event.article_id in self.maybe_copies:
            self.open[kind].append(event)
        for actor in event.actors:
            self.actor[(*kind, actor)].append(event)

    def rivals(self, event: ClusterEvent) -> list[ClusterEvent]:
        kind = (event.type, event.modality, event.historical)
        if not event.actors:
            return list(self.kind.get(kind, ()))
        found: dict[int, ClusterEvent] = {}
        for group in (
            self.open.get(kind, ()),
            self.root.get((*kind, event.root), ()),
            *(self.actor.get((*kind, actor), ()) for actor in event.actors),
        ):
            for other in group:
                found.setdefault(id(other), other)
        return list(found.values())


def _load(
    con: duckdb.DuckDBPyConnection, first: FirstRows
) -> tuple[list[ClusterEvent], list[ClusterEvent], set[str]]:
    """Events without a cluster (storage order), clustered events that could match them,
    and the stored articles that may be copies of a pending event's article.

    A candidate must share a pending event's type, modality and historical flag, and either
    be a copy of its article (same near-duplicate root, or shingle similarity of at least
    ``COPY_THRESHOLD``) or have a date interval that can overlap its (the interval is
    widened here; ``match_score`` decides exactly) whose actors and mode allow a match
    (``_MAY_SHARE``); of each cluster it meets only a sample (``_SAMPLED``). So a batch
    reads the events it can match, not every event of its types in the window, and MinHash
    arrays only of the candidates' articles: the search for copies streams the window's signatures block by
    block, so Python never holds all of them at once (DuckDB still scans that column)."""

    def build(r: tuple, minhash: object) -> ClusterEvent:
        return ClusterEvent(*r[:15], frozenset(r[15] or ()), r[16] or "", *r[17:20], minhash)

    unclustered = _unclustered(first)
    pending = [
        build(r, r[20])
        for r in con.execute(
            f"SELECT {_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id WHERE {unclustered} "
            "ORDER BY a.seq, e.evidence_start NULLS LAST, e.id"
        ).fetchall()
    ]
    if not pending:
        return [], [], set()
    copied = _copies_of(con, pending, first)
    rows = con.execute(
        f"WITH fresh AS ({_fresh(first)}), "
        f"copied AS (SELECT unnest(?::VARCHAR[]) AS id), "
        f"mine AS (SELECT e.type, e.modality, e.historical, e.mode, e.actor_ids, "
        f"coalesce(a.duplicate_of, a.id) AS root, {_LOW} AS low, {_HIGH} AS high "
        f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {unclustered}) "
        f"SELECT {_COLUMNS.removesuffix(', a.minhash')} FROM events e JOIN articles a ON a.id = e.article_id "
        f"WHERE e.cluster_id IS NOT NULL AND EXISTS (SELECT 1 FROM fresh f WHERE f.type = e.type "
        f"AND abs(date_diff('day', f.day, e.day)) <= {WINDOW_DAYS}) "
        f"AND EXISTS (SELECT 1 FROM mine m WHERE m.type = e.type AND m.modality = e.modality "
        f"AND m.historical = e.historical AND (m.root = coalesce(a.duplicate_of, a.id) "
        f"OR e.article_id IN (SELECT id FROM copied) "
        f"OR (m.low <= {_HIGH} AND {_LOW} <= m.high AND {_MAY_SHARE}))) "
        f"QUALIFY {_SAMPLED}",
        [sorted(copied)],
    ).fetchall()
    hashes = _hashes(con, {r[0] for r in rows})
    return pending, [build(r, hashes.get(r[0])) for r in rows], copied


def _unclustered(first: FirstRows) -> str:
    """SQL: ``e`` is an event without a cluster, looked for only from ``first.events`` on."""
    return f"e.rowid >= {int(first.events)} AND e.cluster_id IS NULL"


def _fresh(first: FirstRows) -> str:
    """SQL: the types and days of the events without a cluster."""
    return f"SELECT DISTINCT e.type, e.day FROM events e WHERE {_unclustered(first)} AND e.day IS NOT NULL"


_LOW = f"(e.day - {FALLBACK_DAYS + DAY_SLACK + 1})"
"""SQL: no later than the first day of the event's interval, less the slack."""
_HIGH = (
    "(CASE coalesce(e.date_precision, 'day') WHEN 'day' THEN e.day WHEN 'week' THEN e.day + 6 "
    "WHEN 'month' THEN last_day(e.day) WHEN 'decade' THEN make_date(year(e.day) + 9, 12, 31) "
    f"ELSE make_date(year(e.day), 12, 31) END + {DAY_SLACK + 1})"
)
"""SQL: no earlier than the last day of the event's interval (see ``interval``), plus the slack."""
_MAY_SHARE = (
    "(len(m.actor_ids) = 0 OR len(e.actor_ids) = 0 OR list_has_any(m.actor_ids, e.actor_ids)) "
    "AND (m.mode IS NULL OR e.mode IS NULL OR m.mode = e.mode)"
)
"""SQL: what ``match_score`` needs of two events that are not copies: their modes do not
differ, and their actors are not disjoint (they share one, or one side has none)."""
CLUSTER_SAMPLE = 4
"""A pending event meets, of each cluster, the candidates among its earliest and among its
latest this many members, and every candidate that may be a copy of its article."""
_SAMPLED = (
    "e.article_id IN (SELECT id FROM copied) OR coalesce(a.duplicate_of, a.id) IN (SELECT root FROM mine) "
    f"OR row_number() OVER (PARTITION BY e.cluster_id ORDER BY a.seq, e.id) <= {CLUSTER_SAMPLE} "
    f"OR row_number() OVER (PARTITION BY e.cluster_id ORDER BY a.seq DESC, e.id DESC) <= {CLUSTER_SAMPLE}"
)
"""SQL: the candidates kept of each cluster. A cluster's members are one happening, so its
first reports and its latest (where a long story has moved on to) stand for the rest; a
pending event meets at most ``2 * CLUSTER_SAMPLE`` events per cluster plus its copies,
however many reports a story has gathered, so a write's work no longer grows with them."""
_BLOCK = 1024
"""Stored signatures compared per step: 1,024 x 128 uint64 (1 MB) at a time."""


def _signatures(table: pa.Table | pa.RecordBatch) -> tuple[list[str], np.ndarray]:
    """Article ids and their MinHash arrays as rows of one matrix."""
    column = table.column("minhash")
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    return table.column("id").to_pylist(), column.flatten().to_numpy().reshape(-1, neardup.NUM_PERM)


def _hashes(con: duckdb.DuckDBPyConnection, article_ids: set[str]) -> dict[str, np.ndarray]:
    """The MinHash array of each of these stored articles that has one."""
    if not article_ids:
        return {}
    ids, rows = _signatures(
        con.sql(
            f"SELECT id, minhash FROM articles WHERE len(minhash) = {neardup.NUM_PERM} "
            "AND id IN (SELECT unnest(?::VARCHAR[]))",
            params=[sorted(article_ids)],
        ).to_arrow_table()
    )
    return dict(zip(ids, rows))


def _copies_of(
    con: duckdb.DuckDBPyConnection, pending: list[ClusterEvent], first: FirstRows
) -> set[str]:
    """The stored articles with a clustered event of a pending event's type in the window
    whose shingle similarity with a pending event's article reaches ``COPY_THRESHOLD``,
    read and compared ``_BLOCK`` signatures at a time."""
    mine = {e.article_id: e.minhash for e in pending if e.minhash is not None}
    if not mine:
        return set()
    ours = np.asarray(list(mine.values()), dtype=np.uint64)
    need = int(COPY_THRESHOLD * neardup.NUM_PERM)  # equal positions, rounded down: none is missed
    reader = con.sql(
        f"WITH fresh AS ({_fresh(first)}) "
        f"SELECT a.id, a.minhash FROM articles a WHERE len(a.minhash) = {neardup.NUM_PERM} "
        f"AND EXISTS (SELECT 1 FROM events e JOIN fresh f ON f.type = e.type "
        f"AND abs(date_diff('day', f.day, e.day)) <= {WINDOW_DAYS} "
        f"WHERE e.article_id = a.id AND e.cluster_id IS NOT NULL)"
    ).to_arrow_reader(_BLOCK)
    copied: set[str] = set()
    for block in reader:
        ids, stored = _signatures(block)
        if ids:
            equal = (stored[:, None, :] == ours[None, :, :]).sum(axis=2)
            copied.update(ids[i] for i in np.flatnonzero((equal >= need).any(axis=1)))
    return copied


def _members(
    con: duckdb.DuckDBPyConnection, cluster_ids: set[str]
) -> tuple[dict[str, set[str]], dict[str, int]]:
    """Which articles each of these clusters already holds an event from, and the storage
    position of each cluster's first article (its founding, which wins ties)."""
    found: dict[str, set[str]] = defaultdict(set)
    founded: dict[str, int] = {}
    if cluster_ids:
        for cid, aid, seq in con.execute(
            "SELECT e.cluster_id, e.article_id, a.seq FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE e.cluster_id IN (SELECT unnest(?::VARCHAR[]))",
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
    members, founded = _members(con, {c.cluster_id for c in candidates})
    pool = _Pool({e.article_id for e in pending} | copied)
    for c in candidates:
        pool.add(c)
    copies = _Copies()
    updates = []
    for event in pending:
        best: tuple[float, int, str] | None = None
        for other in pool.rivals(event):
            if (
                other.article_id == event.article_id
                or event.article_id in members[other.cluster_id]
            ):
                continue
            score = match_score(event, other, copies(event, other))
            if score is None:
                continue
            rank = (score, -founded[other.cluster_id], other.cluster_id)
            if best is None or rank > best:
                best = rank
        if best is None:
            event.cluster_id = cluster_key(event.article_id, event.id)
            founded[event.cluster_id] = event.seq
        else:
            event.cluster_id = best[2]
        members[event.cluster_id].add(event.article_id)
        pool.add(event)
        updates.append(
            {"article_id": event.article_id, "id": event.id, "cluster_id": event.cluster_id}
        )
    con.register("_sitroom_clusters", pa.Table.from_pylist(updates))
    try:
        con.execute(
            "UPDATE events SET cluster_id = u.cluster_id FROM _sitroom_clusters u "
            f"WHERE events.rowid >= {int(first.events)} AND events.article_id = u.article_id AND events.id = u.id"
        )
    finally:
        con.unregister("_sitroom_clusters")
    return len(updates)
