"""Event clusters: one happening reported by many articles is one cluster, every source kept.

GDELT's duplicate problem is that each article's report becomes its own event. Here every
new event joins the best-matching existing cluster, or founds its own (cluster id = hash of
its founding event, so a rebuilt store gets the same ids). Matching is incremental: earlier
clusters are never split or merged.

Two events (from different articles; a cluster holds at most one event per article) are the
same happening when they have the same PLOVER type, modality and historical flag, and
either

* the articles are copies of one text (near-duplicate link, or shingle similarity of at
  least ``link.copy_threshold``) and their evidence sentences agree
  (``link.cluster_copy_evidence_ratio``): a re-published story adds a source, not an event;
* or their dates are compatible within their precisions (``dates_compatible``), their
  places do not conflict (same place id, or within ``link.cluster_near_km``; a
  country-level location only conflicts with another country), their modes do not differ,
  and they share evidence: a common actor or recipient id with the same place or two
  text-given dates; the same place with two text-given dates when one side has no actors;
  or near-identical evidence text (rapidfuzz ``token_set_ratio`` at least
  ``link.cluster_evidence_ratio``).

Quad class alone is too coarse to merge on (ACCUSE and REJECT share one).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from rapidfuzz import fuzz

from sitroom import settings
from sitroom.link import neardup


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


@dataclass(frozen=True)
class MatchLimits:
    """The clustering thresholds in force, read once per clustering run: ``match_score``
    runs for every pair of events compared."""

    near_km: float
    far_km: float
    evidence_ratio: float
    copy_evidence_ratio: float
    min_evidence_chars: int
    day_slack: int

    @classmethod
    def current(cls) -> MatchLimits:
        return cls(
            near_km=settings.number("link.cluster_near_km"),
            far_km=settings.number("link.cluster_far_km"),
            evidence_ratio=settings.number("link.cluster_evidence_ratio"),
            copy_evidence_ratio=settings.number("link.cluster_copy_evidence_ratio"),
            min_evidence_chars=settings.integer("link.cluster_min_evidence_chars"),
            day_slack=settings.integer("link.cluster_day_slack"),
        )


def cluster_key(article_id: str, event_id: str) -> str:
    """A cluster's id: a hash of its founding event's key."""
    return "c" + hashlib.blake2b(f"{article_id}/{event_id}".encode(), digest_size=8).hexdigest()


def interval(e: ClusterEvent) -> tuple[dt.date, dt.date] | None:
    """The days an event's date can mean, from its value cut to its precision."""
    if e.day is None:
        return None
    if e.fallback or not e.date_value:
        return e.day - dt.timedelta(days=settings.integer("link.cluster_fallback_days")), e.day
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


def dates_compatible(a: ClusterEvent, b: ClusterEvent, limits: MatchLimits) -> bool:
    """Whether the two dates' intervals overlap, give or take ``limits.day_slack`` days."""
    ia, ib = a.days, b.days
    if ia is None or ib is None:
        return False
    slack = dt.timedelta(days=limits.day_slack)
    return ia[0] - slack <= ib[1] and ib[0] - slack <= ia[1]


def _km(a: ClusterEvent, b: ClusterEvent) -> float:
    """Great-circle distance of two events' points (both have coordinates)."""
    lat1, lon1, lat2, lon2 = (math.radians(v or 0.0) for v in (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def place_relation(a: ClusterEvent, b: ClusterEvent, limits: MatchLimits) -> str:
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
    return "same" if km <= limits.near_km else ("open" if km <= limits.far_km else "conflict")


def _evidence_ratio(a: ClusterEvent, b: ClusterEvent) -> float:
    if not a.evidence or not b.evidence:
        return 0.0
    return fuzz.token_set_ratio(a.evidence, b.evidence)


def match_score(
    a: ClusterEvent, b: ClusterEvent, copies: bool, limits: MatchLimits
) -> float | None:
    """How strongly ``a`` and ``b`` are one happening (higher is stronger), ``None`` when not."""
    if a.type != b.type or a.modality != b.modality or a.historical != b.historical:
        return None
    # token_set_ratio is the costliest test: worked out only where an answer needs it.
    ratio = _evidence_ratio(a, b) if copies else None
    if ratio is not None and ratio >= limits.copy_evidence_ratio:
        return 3.0 + ratio / 100
    if a.mode and b.mode and a.mode != b.mode:
        return None
    place = place_relation(a, b, limits)
    if place == "conflict" or not dates_compatible(a, b, limits):
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
    if disjoint or min(len(a.evidence), len(b.evidence)) < limits.min_evidence_chars:
        return None
    ratio = _evidence_ratio(a, b) if ratio is None else ratio
    return 1.0 + ratio / 200 if ratio >= limits.evidence_ratio else None


class Copies:
    """Whether two events' articles are one text: same near-duplicate root or similar
    shingles (``neardup.is_copy``), each pair of articles compared once."""

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
                and neardup.is_copy(self._hash(a), self._hash(b))
            )
        return self.cache[key]

    def _hash(self, e: ClusterEvent) -> np.ndarray:
        """The article's MinHash as an array, converted once per article."""
        if e.article_id not in self.hashes:
            self.hashes[e.article_id] = np.asarray(e.minhash, dtype=np.uint64)
        return self.hashes[e.article_id]


class Pool:
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


def choose_clusters(
    pending: list[ClusterEvent],
    candidates: list[ClusterEvent],
    members: defaultdict[str, set[str]],
    founded: dict[str, int],
    copied: set[str],
) -> None:
    """Set the ``cluster_id`` of every pending event, in order: the best-scoring cluster
    among the ``candidates`` and the pending events before it, else a new one.

    ``members`` holds which articles each candidate cluster already has an event from and
    ``founded`` the storage position of each cluster's first article (the earlier founding
    wins a tie); both are updated as events join. ``copied`` names the stored articles that
    may be copies of a pending event's article."""
    limits = MatchLimits.current()
    pool = Pool({e.article_id for e in pending} | copied)
    for c in candidates:
        pool.add(c)
    copies = Copies()
    for event in pending:
        best: tuple[float, int, str] | None = None
        for other in pool.rivals(event):
            cluster = other.cluster_id  # set on every event in the pool
            if (
                cluster is None
                or other.article_id == event.article_id
                or event.article_id in members[cluster]
            ):
                continue
            score = match_score(event, other, copies(event, other), limits)
            if score is None:
                continue
            rank = (score, -founded[cluster], cluster)
            if best is None or rank > best:
                best = rank
        chosen = cluster_key(event.article_id, event.id) if best is None else best[2]
        if best is None:
            founded[chosen] = event.seq
        event.cluster_id = chosen
        members[chosen].add(event.article_id)
        pool.add(event)
