"""Event clusters decided without a database: date windows, places, the match score and
the candidate pool (events built by hand, texts written for these tests)."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from sitroom.link.event_clusters import (
    ClusterEvent,
    MatchLimits,
    Pool,
    choose_clusters,
    cluster_key,
    dates_compatible,
    match_score,
    place_relation,
)

LIMITS = MatchLimits.current()


def _event(article_id: str, **changes) -> ClusterEvent:
    fields = dict(
        article_id=article_id,
        id="e",
        type="ASSAULT",
        mode=None,
        modality="asserted",
        historical=False,
        date_value="2024-05-05",
        date_precision="day",
        day=dt.date(2024, 5, 5),
        fallback=False,
        place="geonames:1",
        lat=33.30,
        lon=44.40,
        country="IRQ",
        geo_precision=1,
        actors=frozenset({"x"}),
        evidence="Warplanes struck a fuel depot on the edge of Rivertown, residents said.",
        cluster_id=None,
        seq=1,
        root=article_id,
    )
    return ClusterEvent(**{**fields, **changes})


def test_places_within_the_near_distance_are_one_place_and_far_ones_conflict():
    town = _event("a", place="p1")
    outskirts = _event("b", place="p2", lat=33.35, lon=44.45)
    far_city = _event("c", place="p3", lat=36.34, lon=43.13)
    assert place_relation(town, outskirts, LIMITS) == "same"
    assert place_relation(town, far_city, LIMITS) == "conflict"
    assert place_relation(town, _event("d", place=None), LIMITS) == "open"


def test_two_reports_naming_one_actor_at_one_place_and_day_match_and_other_types_do_not():
    a, b = _event("a"), _event("b", seq=2)
    assert match_score(a, b, False, LIMITS) is not None
    assert match_score(a, _event("b", type="PROTEST"), False, LIMITS) is None
    assert (
        match_score(a, _event("b", actors=frozenset({"y"}), place="p9", lat=None), False, LIMITS)
        is None
    )


def test_pending_events_join_the_cluster_they_match_or_found_their_own():
    stored = _event("a", cluster_id=cluster_key("a", "e"))
    same = _event("b", seq=2)
    other = _event("c", seq=3, type="PROTEST")
    members: defaultdict[str, set[str]] = defaultdict(set, {stored.cluster_id: {"a"}})
    choose_clusters([same, other], [stored], members, {stored.cluster_id: 1}, set())
    assert same.cluster_id == stored.cluster_id
    assert other.cluster_id == cluster_key("c", "e")
    assert members[stored.cluster_id] == {"a", "b"}


def test_an_event_without_a_text_date_merges_only_near_its_publication_day():
    base = dict(
        article_id="a",
        id="e",
        type="ASSAULT",
        mode=None,
        modality="asserted",
        historical=False,
        date_value="2024-05-05",
        date_precision="day",
        day=dt.date(2024, 5, 5),
        fallback=False,
        place=None,
        lat=None,
        lon=None,
        country=None,
        geo_precision=None,
        actors=frozenset({"x"}),
        evidence="",
        cluster_id=None,
        seq=1,
        root="a",
    )
    dated = ClusterEvent(**base)
    undated_soon = ClusterEvent(
        **{
            **base,
            "article_id": "b",
            "root": "b",
            "date_value": None,
            "date_precision": "unknown",
            "day": dt.date(2024, 5, 7),
            "fallback": True,
        }
    )
    undated_late = ClusterEvent(**{**undated_soon.__dict__, "day": dt.date(2024, 6, 7)})
    monthly = ClusterEvent(
        **{
            **base,
            "article_id": "c",
            "root": "c",
            "date_value": "2024-05",
            "date_precision": "month",
            "day": dt.date(2024, 5, 1),
        }
    )
    assert dates_compatible(dated, undated_soon, LIMITS)
    assert not dates_compatible(dated, undated_late, LIMITS)
    assert dates_compatible(dated, monthly, LIMITS)
    assert not dates_compatible(
        monthly, ClusterEvent(**{**base, "day": dt.date(2024, 7, 1)}), LIMITS
    )


def test_the_candidate_pool_offers_every_event_a_pending_event_can_match():
    """The pool skips comparisons only where ``match_score`` can say nothing but None: a
    random mix of kinds, actors, places, dates, modes and copies must lose no scoring pair."""
    rng = random.Random(7)
    texts = [
        "Troops shelled the northern town of Harlow overnight, residents said on Monday.",
        "Troops shelled the northern town of Harlow overnight, residents said Monday.",
        "Fighting.",
        "",
    ]

    def event(n: int) -> ClusterEvent:
        day = dt.date(2024, 5, 1) + dt.timedelta(days=rng.randrange(12))
        place = rng.choice([None, "p1", "p2"])
        return ClusterEvent(
            article_id=f"a{n}",
            id="e",
            type=rng.choice(["ASSAULT", "PROTEST"]),
            mode=rng.choice([None, "shelling", "air"]),
            modality=rng.choice(["asserted", "asserted", "denied"]),
            historical=False,
            date_value=day.isoformat(),
            date_precision="day",
            day=day,
            fallback=rng.random() < 0.3,
            place=place,
            lat=None if place is None else 10.0,
            lon=None if place is None else 20.0,
            country="XX",
            geo_precision=None if place is None else 1,
            actors=frozenset(rng.sample(["x", "y", "z", "w"], rng.randrange(3))),
            evidence=rng.choice(texts),
            cluster_id=f"c{n % 40}",
            seq=n,
            root=f"r{rng.randrange(60)}",
        )

    stored = [event(n) for n in range(400)]
    pending = [event(n) for n in range(400, 460)]
    maybe = {e.article_id for e in rng.sample(stored, 30)} | {e.article_id for e in pending}
    pool = Pool(maybe)
    for e in stored + pending:
        pool.add(e)
    checked = 0
    for e in pending:
        offered = {id(o) for o in pool.rivals(e)}
        for other in stored + pending:
            copies = e.root == other.root or other.article_id in maybe
            if other is not e and match_score(e, other, copies, LIMITS) is not None:
                checked += 1
                assert id(other) in offered, (e, other)
    assert checked > 100  # the mix has enough matches to mean something
    assert sum(len(pool.rivals(e)) for e in pending) < len(pending) * len(
        stored
    )  # and the pool does skip
