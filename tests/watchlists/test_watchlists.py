"""Watchlists over a hand-built store (texts written for these tests): saved filters, the
"new since last run" cursor, and an Atom feed checked against RFC 4287's essentials."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import feedparser
import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.model import (
    Actor,
    Article,
    Event,
    EventDate,
    Evidence,
    Explanation,
    Extraction,
    Participant,
    content_key,
)
from sitroom.store import Store
from sitroom.watchlists import Watchlist, WatchlistError, add, all_watchlists, get, run
from sitroom.watchlists.feed import watchlist_feed

ATOM = "{http://www.w3.org/2005/Atom}"


def _story(n: int, actor: str, etype: str, day: str) -> Extraction:
    text = (
        f"Dispatch {n}: units of the {actor} moved <b>& fired</b> near the border crossing on "
        f"{day}."
    )
    a = Article(
        id=content_key(f"d{n}", text),
        source=f"w.txt#{n}",
        text=text,
        title=f"Dispatch {n} <border>",
        published=day,
        language="en",
        url=f"https://desk.example/{n}?a=1&b=2",
    )
    return Extraction(
        article=a,
        actors=[
            Actor(id=actor, name=actor.title(), kind="armed_group", country="SYR", sector="REB")
        ],
        events=[
            Event(
                id=f"{a.id}-e",
                type=etype,
                actors=[Participant(actor, "SYR", "REB", text=actor)],
                date=EventDate(day, "day", day),
                evidence=Evidence(0, len(text), text),
                explanation=Explanation("test.hand-built", 0.7),
            )
        ],
    )


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "w.duckdb"
    Store(path).write(
        [
            _story(1, "north-brigade", "ASSAULT", "2024-03-01"),
            _story(2, "south-front", "ASSAULT", "2024-03-02"),
            _story(3, "north-brigade", "CONSULT", "2024-03-03"),
        ]
    )
    return path


def test_run_reports_only_what_is_new_since_the_last_run(db):
    add(db, Watchlist("north", actor="North-Brigade", types=["assault"]))
    assert get(db, "north").types == ["ASSAULT"]
    _, first = run(db, "north")
    assert [e["type"] for e in first] == ["ASSAULT"] and first[0]["actor_ids"] == ["north-brigade"]
    _, again = run(db, "north")
    assert again == []
    Store(db).write(
        [
            _story(4, "north-brigade", "ASSAULT", "2023-01-05"),
            _story(5, "south-front", "ASSAULT", "2024-04-01"),
        ]
    )
    _, new = run(db, "north", advance=False)
    assert [e["day"].isoformat() for e in new] == ["2023-01-05"], (
        "an old event stored today is new to the desk"
    )
    _, still = run(db, "north")
    assert len(still) == 1 and run(db, "north")[1] == []


def test_rolling_window_and_bad_definitions(db):
    w = Watchlist("recent", country="SYR", days=30)
    assert w.filters(today=dt.date(2024, 3, 20))["since"] == "2024-02-19"
    for bad, message in [
        (Watchlist("x y", actor="a"), "name"),
        (Watchlist("empty"), "at least one"),
        (Watchlist("d", since="March"), "not a date"),
    ]:
        with pytest.raises(WatchlistError, match=message):
            add(db, bad)
    add(db, Watchlist("dup", actor="south-front"))
    with pytest.raises(WatchlistError, match="exists"):
        add(db, Watchlist("dup", actor="north-brigade"))
    assert [w.name for w in all_watchlists(db)] == ["dup"]


def test_feed_is_atom_and_lists_a_newly_stored_matching_event(db):
    add(db, Watchlist("border", actor="south-front"))
    before = feedparser.parse(watchlist_feed(db, "border"))
    assert len(before.entries) == 1
    Store(db).write([_story(6, "south-front", "MOBILIZE", "2024-05-01")])
    body = watchlist_feed(db, "border", base_url="http://127.0.0.1:9")

    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert (
        parsed.feed.id == "urn:sitroom:watchlist:border"
        and parsed.feed.title
        and parsed.feed.updated
    )
    assert any(
        link.rel == "self" and link.href.endswith("/api/watchlists/border/feed.atom")
        for link in parsed.feed.links
    )
    types = [e.tags[0].term for e in parsed.entries]
    assert sorted(types) == ["ASSAULT", "MOBILIZE"]
    newest = parsed.entries[0]
    assert (
        newest.title.startswith("MOBILIZE: south-front")
        and newest.link == "https://desk.example/6?a=1&b=2"
    )
    assert "<b>& fired</b>" in newest.summary

    # RFC 4287 4.1.1/4.1.2: feed and every entry carry exactly one id, title and updated;
    # the feed (or each entry) an author; entries without content an alternate link.
    root = ET.fromstring(body)
    assert root.tag == f"{ATOM}feed"
    for element in [root, *root.findall(f"{ATOM}entry")]:
        for required in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{required}")) == 1, (element.tag, required)
        dt.datetime.fromisoformat(element.find(f"{ATOM}updated").text)
    assert root.find(f"{ATOM}author/{ATOM}name").text
    for entry in root.findall(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}content") is not None or any(
            link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{ATOM}link")
        )
    ids = [e.find(f"{ATOM}id").text for e in root.findall(f"{ATOM}entry")]
    assert len(set(ids)) == len(ids)


def test_cli_add_list_run_feed(db, tmp_path):
    cli = CliRunner()
    ok = cli.invoke(
        app,
        [
            "watch",
            "add",
            "n",
            "--actor",
            "north-brigade",
            "--type",
            "ASSAULT,CONSULT",
            "--db",
            str(db),
        ],
    )
    assert ok.exit_code == 0 and "actor=north-brigade type=ASSAULT,CONSULT" in ok.output
    listed = cli.invoke(app, ["watch", "list", "--db", str(db), "--format", "json"])
    assert '"name": "n"' in listed.stdout
    first = cli.invoke(app, ["watch", "run", "n", "--db", str(db), "--format", "jsonl"])
    assert (
        first.exit_code == 0
        and len(first.stdout.splitlines()) == 2
        and "2 new events" in first.stderr
    )
    second = cli.invoke(app, ["watch", "run", "n", "--db", str(db), "--format", "jsonl"])
    assert second.stdout == "" and "0 new events" in second.stderr
    out = tmp_path / "n.atom"
    assert cli.invoke(app, ["watch", "feed", "n", "--db", str(db), "-o", str(out)]).exit_code == 0
    assert len(feedparser.parse(out.read_bytes()).entries) == 2
    missing = cli.invoke(app, ["watch", "run", "nope", "--db", str(db)])
    assert missing.exit_code == 1 and "no such watchlist" in missing.stderr
