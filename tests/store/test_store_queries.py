"""Query filters over a small hand-built store; values never reach the SQL text."""

from __future__ import annotations

import pytest
from storebuild import article, full_extraction, word_salad

from sitroom.model import Event, EventDate, Location, Participant, Place
from sitroom.query import queries
from sitroom.store import Store, reading


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    """Built once: every test here only reads."""
    db_path = tmp_path_factory.mktemp("queries") / "sitroom.duckdb"
    first = full_extraction(
        article(
            word_salad(1),
            title="Convoy reaches villages",
            source="feeds/a.xml#1",
            published="2024-05-07",
        )
    )
    second = full_extraction(
        article(
            word_salad(2) + " refugees returned",
            title="Talks in the north",
            source="dumps/b.txt#1",
            published="2025-01-10",
        )
    )
    second.article.outlet = "Example Wire"
    second.places.append(Place(id="geonames:7", name="Hilltown", country="SYR", lat=36.2, lon=37.1))
    second.events = [
        Event(
            id="s1",
            type="ASSAULT",
            quad=4,
            modality="asserted",
            actors=[Participant("hill-militia", "SYR", "REB")],
            recipients=[Participant("relief-agency", "IRQ", "NGO")],
            location=Location("geonames:7", "Hilltown", geo_precision=1),
            date=EventDate("2025-01-08", "day"),
        )
    ]
    Store(db_path).write([first, second])
    return db_path


def ids(path, query):
    with reading(path) as con:
        return sorted(r["id"] for r in queries.fetch(con, query))


def test_event_actor_filter_matches_id_name_and_any_alias(store_path):
    by_id = ids(store_path, queries.events(actor="relief-agency"))
    assert len(by_id) == 2  # AID as actor in the first article, ASSAULT recipient in the second
    assert ids(store_path, queries.events(actor="Relief Agency")) == by_id
    assert ids(store_path, queries.events(actor="the AGENCY")) == by_id
    assert ids(store_path, queries.events(actor="hill-militia")) == ["s1"]
    assert ids(store_path, queries.events(actor="nobody at all")) == []


def test_event_filters_by_type_country_place_bbox_dates_modality_source(store_path):
    assert ids(store_path, queries.events(type="ASSAULT")) == ["s1"]
    assert len(ids(store_path, queries.events(type=["ASSAULT", "AID"]))) == 2
    assert ids(store_path, queries.events(country="SYR")) == ["s1"]
    assert ids(store_path, queries.events(place="geonames:7")) == ["s1"]
    assert ids(store_path, queries.events(place="hilltown")) == ["s1"]
    assert ids(store_path, queries.events(bbox=(36.0, 35.0, 38.0, 37.0))) == ["s1"]
    assert ids(store_path, queries.events(bbox=(0, 0, 1, 1))) == []
    assert (
        len(ids(store_path, queries.events(since="2024-05-07", until="2024-05-07"))) == 2
    )  # AID + planned
    assert ids(store_path, queries.events(since="2025-01-01")) == ["s1"]
    assert len(ids(store_path, queries.events(modality="planned"))) == 1
    assert ids(store_path, queries.events(source="Example Wire")) == ["s1"]
    assert ids(store_path, queries.events(source="dumps/")) == ["s1"]


def test_timeline_counts_events_per_day_and_type(store_path):
    with reading(store_path) as con:
        rows = queries.fetch(con, queries.events_per_day())
    assert [(r["day"].isoformat(), r["type"], r["events"]) for r in rows] == [
        ("2024-05-07", "AID", 1),
        ("2024-05-07", "ENGAGE", 1),
        ("2025-01-08", "ASSAULT", 1),
    ]


def test_search_needs_every_word_prefix_and_ignores_case(store_path):
    assert len(ids(store_path, queries.articles(search="REFUGEES returned"))) == 1
    assert ids(store_path, queries.articles(search="refugees villages")) == []
    assert len(ids(store_path, queries.articles(search="villages"))) == 1  # title counts
    assert len(ids(store_path, queries.articles(search="refug"))) == 1  # word prefix
    assert ids(store_path, queries.articles(search="fugees")) == []  # not mid-word


def test_actors_places_claims_aggregate_across_articles(store_path):
    with reading(store_path) as con:
        actors = {r["id"]: r for r in queries.fetch(con, queries.actors())}
        places = {r["id"]: r for r in queries.fetch(con, queries.places())}
        claims = queries.fetch(con, queries.claims(subject_key="relief-agency/families/IRQ"))
        by_alias = queries.fetch(con, queries.actors(search="RA"))
    assert (
        actors["relief-agency"]["articles"] == 2
        and "the agency" in actors["relief-agency"]["aliases"]
    )
    assert places["geonames:7"]["events"] == 1 and places["geonames:99"]["articles"] == 2
    assert len(claims) == 2
    assert {r["id"] for r in by_alias} == {"relief-agency"}


def test_count_and_paging(store_path):
    with reading(store_path) as con:
        total = con.execute(*_sql(queries.count(queries.events(limit=1)))).fetchone()[0]
        page = queries.fetch(con, queries.events(limit=1, offset=1))
    assert total == 3 and len(page) == 1


def _sql(q: queries.Query) -> tuple[str, list]:
    return q.sql, q.params


@pytest.mark.parametrize("hostile", ["x' OR '1'='1", "'; DROP TABLE events; --", "%", "_", "\\"])
def test_hostile_filter_values_match_literally(store_path, hostile):
    assert ids(store_path, queries.events(actor=hostile)) == []
    assert ids(store_path, queries.events(place=hostile, source=hostile)) == []
    assert ids(store_path, queries.articles(search=hostile + " zzz")) == []
    with reading(store_path) as con:
        assert queries.stats(con)["events"] == 3


def test_stats_counts_every_table(store_path):
    with reading(store_path) as con:
        figures = queries.stats(con)
    assert figures["articles"] == 2 and figures["events"] == 3 and figures["claims"] == 2
    assert figures["events_by_type"] == {"AID": 1, "ASSAULT": 1, "ENGAGE": 1}
    assert (
        figures["actors"] == 2
    )  # distinct ids: hill-militia appears in an event only, not in actors
