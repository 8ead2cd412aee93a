"""Each read endpoint of a real server over the example store, checked against the store
itself (through the Python API) and against the filters' meaning, not against numbers
written into the test."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

import sitroom
from liveserver import LiveServer
from testpaths import EXAMPLES


@pytest.fixture(scope="module")
def room(server: LiveServer):
    return sitroom.open(server.db)


def items(client: httpx.Client, path: str, **params) -> list[dict]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_stats_are_the_stores_counts(client, room):
    served = client.get("/api/stats").json()
    assert served == room.stats()
    assert served["articles"] > 0 and served["events"] > 0 and served["claims"] > 0


def test_articles_page_through_without_overlap(client, room):
    total = room.stats()["articles"]
    first = client.get("/api/articles", params={"limit": 5}).json()
    second = client.get("/api/articles", params={"limit": 5, "offset": 5}).json()
    assert first["total"] == total and first["limit"] == 5
    ids = [a["id"] for a in first["items"]] + [a["id"] for a in second["items"]]
    assert len(ids) == len(set(ids)) == 10
    everything = items(client, "/api/articles", limit=total)
    assert [a["id"] for a in everything[:10]] == ids
    assert "text" not in everything[0]


def test_limit_is_capped(client):
    page = client.get("/api/events", params={"limit": 100000}).json()
    assert page["limit"] == 500


def test_article_carries_its_whole_extraction_with_offsets(client, room):
    events = room.events(format="records")
    article_id = max(
        {e["article_id"] for e in events}, key=lambda a: sum(e["article_id"] == a for e in events)
    )
    body = client.get(f"/api/articles/{article_id}").json()
    text = body["article"]["text"]
    assert body["events"] and {e["article_id"] for e in body["events"]} == {article_id}
    for part in ("mentions", "actors", "places", "times", "claims"):
        assert isinstance(body[part], list)
    for mention in body["mentions"]:
        if mention["field"] is None:
            assert text[mention["start"] : mention["end"]] == mention["text"]
    for event in body["events"]:
        if event["evidence_field"] is None and event["evidence_start"] is not None:
            assert text[event["evidence_start"] : event["evidence_end"]] == event["evidence_text"]


def test_unknown_article_is_a_json_404(client):
    response = client.get("/api/articles/no-such-article")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_actor_filter_matches_aliases(client, room):
    by_id = {e["id"] for e in items(client, "/api/events", actor="islamic-state", limit=500)}
    by_alias = {e["id"] for e in items(client, "/api/events", actor="daesh", limit=500)}
    assert by_id and by_id == by_alias
    assert all(
        "islamic-state" in e["actor_ids"]
        for e in items(client, "/api/events", actor="Daesh", limit=500)
    )


def test_event_filters_hold_for_every_row(client, room):
    every = room.events(format="records")
    common_type = max({e["type"] for e in every}, key=lambda t: sum(e["type"] == t for e in every))
    assert all(
        e["type"] == common_type for e in items(client, "/api/events", type=common_type, limit=500)
    )
    two = sorted({e["type"] for e in every})[:2]
    assert {e["type"] for e in items(client, "/api/events", type=",".join(two), limit=500)} == set(
        two
    )
    for e in items(client, "/api/events", country="SYR", limit=500):
        assert "SYR" in e["codes"] or e["location_country"] == "SYR"
    box = (35.0, 29.0, 49.0, 38.5)  # Syria and Iraq
    inside = items(client, "/api/events", bbox=",".join(map(str, box)), limit=500)
    assert inside
    assert all(
        box[0] <= e["location_lon"] <= box[2] and box[1] <= e["location_lat"] <= box[3]
        for e in inside
    )
    ranged = items(client, "/api/events", since="2024-01-01", until="2024-12-31", limit=500)
    assert ranged and all("2024-01-01" <= e["day"] <= "2024-12-31" for e in ranged)
    assert all(
        e["modality"] == "planned"
        for e in items(client, "/api/events", modality="planned", limit=500)
    )
    feeds = str(EXAMPLES / "feeds")
    from_feeds = items(client, "/api/events", source=feeds, limit=500)
    assert from_feeds and all(e["article_source"].startswith(feeds) for e in from_feeds)
    assert len(from_feeds) < len(every)
    place = next(e["location_place"] for e in every if e["location_place"])
    assert all(
        e["location_place"] == place for e in items(client, "/api/events", place=place, limit=500)
    )


def test_actor_page(client):
    page = client.get("/api/actors/Daesh").json()
    actor = page["actor"]["id"]
    assert actor == "islamic-state"
    assert page["as_actor"]["items"] or page["as_recipient"]["items"]
    for event in page["as_actor"]["items"]:
        assert actor in [p["actor"] for p in event["actors"]]
    for event in page["as_recipient"]["items"]:
        assert actor in [p["actor"] for p in event["recipients"]]
    assert page["co_actors"] and actor not in [c["id"] for c in page["co_actors"]]
    assert sum(r["events"] for r in page["timeline"]) >= page["as_actor"]["total"]
    assert client.get("/api/actors/nobody-at-all").status_code == 404


def test_actor_list_and_places(client, room):
    actors = items(client, "/api/actors", q="islamic")
    assert "islamic-state" in [a["id"] for a in actors]
    places = items(client, "/api/places", country="SYR", limit=500)
    assert places and all(p["country"] == "SYR" for p in places)


def test_claims_grouped_by_subject_match_the_claims(client, room):
    subjects = items(client, "/api/claims/subjects", limit=500)
    assert sum(s["claims"] for s in subjects) == room.stats()["claims"]
    top = subjects[0]
    claims = items(client, "/api/claims", subject_key=top["subject_key"], limit=500)
    assert [c["id"] for c in claims] == [p["id"] for p in top["series"]]
    days = [p["day"] for p in top["series"] if p["day"]]
    assert days == sorted(days)


def test_claims_filters(client, room):
    for claim in items(client, "/api/claims", actor="Daesh", limit=500):
        assert claim["actor"] == "islamic-state"
    article = room.claims(format="records")[0]["article_id"]
    assert {c["article_id"] for c in items(client, "/api/claims", article=article)} == {article}


def test_search_finds_every_word(client):
    body = client.get("/api/search", params={"q": "Daesh fighters"}).json()
    assert body["items"]
    for hit in body["items"]:
        full = client.get(f"/api/articles/{hit['id']}").json()["article"]
        words = " ".join([full["title"] or "", *full["summary"], full["text"]]).lower()
        assert "daesh" in words and "fighter" in words
    assert client.get("/api/search").status_code == 400


def test_timeline_and_map_follow_the_filters(client, room):
    timeline = client.get("/api/stats/timeline").json()
    assert sum(r["events"] for r in timeline["days"]) == room.stats()["events"]
    syria = client.get("/api/stats/timeline", params={"country": "SYR"}).json()
    assert (
        sum(r["events"] for r in syria["days"])
        == client.get("/api/events", params={"country": "SYR"}).json()["total"]
    )
    points = client.get("/api/stats/map").json()["points"]
    geocoded = [e for e in room.events(format="records") if e["location_lat"] is not None]
    assert sum(p["events"] for p in points) == len(geocoded)
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in points)


@pytest.mark.parametrize(
    "path, params, fragment",
    [
        ("/api/events", {"since": "2024-02-30"}, "since"),
        ("/api/events", {"until": "yesterday"}, "until"),
        ("/api/events", {"limit": "0"}, "limit"),
        ("/api/events", {"offset": "-1"}, "offset"),
        ("/api/events", {"bbox": "1,2,3"}, "bbox"),
        ("/api/claims/subjects", {"min_claims": "many"}, "min_claims"),
    ],
)
def test_bad_parameters_are_one_line_json_400s(client, path, params, fragment):
    response = client.get(path, params=params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert (
        error["code"] == "bad_request"
        and fragment in error["message"]
        and "\n" not in error["message"]
    )


def test_unknown_routes_and_methods(client):
    assert client.get("/api/nothing-here").json()["error"]["code"] == "not_found"
    response = client.delete("/api/events")
    assert response.status_code == 405 and response.json()["error"]["code"] == "method_not_allowed"


def test_hostile_filter_values_are_only_values(client, room):
    """Quotes and SQL in a filter match nothing and break nothing (values are parameters)."""
    for value in ("' OR 1=1 --", "islamic-state') OR ('1'='1", "x; DROP TABLE events"):
        response = client.get("/api/events", params={"actor": value})
        assert response.status_code == 200 and response.json()["total"] == 0
    assert client.get("/api/stats").json()["events"] == room.stats()["events"]


def test_dates_in_answers_are_iso(client):
    for event in items(client, "/api/events", limit=20):
        dt.date.fromisoformat(event["day"])


def test_export_delegates_to_the_exporter(client, server):
    import csv
    import io

    from sitroom.export import export_file

    total = client.get("/api/events", params={"country": "IRQ"}).json()["total"]
    response = client.get("/api/export/csv", params={"country": "IRQ"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert len(list(csv.reader(io.StringIO(response.text)))) == total + 1
    geo = client.get("/api/export/geojson", params={"country": "IRQ"})
    features = len(geo.json()["features"])
    assert features + int(geo.headers["x-sitroom-skipped"]) == total
    out = server.db.parent / "export-check.jsonl"
    export_file(server.db, "jsonl", out, country="IRQ")
    assert client.get("/api/export/jsonl", params={"country": "IRQ"}).content == out.read_bytes()
    assert client.get("/api/export/xlsx").json()["error"]["code"] == "not_found"
