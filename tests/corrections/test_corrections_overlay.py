"""Corrections laid over hand-built extractions: every kind of edit, read back through the
same queries the CLI, API and exports use."""

from __future__ import annotations

import json

import pytest
from corrbuild import build

from sitroom import corrections as C
from sitroom.corrections import edits
from sitroom.query import queries
from sitroom.store import reading


@pytest.fixture()
def store(tmp_path):
    db = tmp_path / "s.duckdb"
    a, b = build(db)
    return db, a, b


def _events(db, **kw):
    with reading(db) as con:
        return queries.fetch(con, queries.events(limit=None, **kw))


def _claims(db, **kw):
    with reading(db) as con:
        return queries.fetch(con, queries.claims(limit=None, **kw))


def test_recoding_type_recodes_quad_cameo_and_acled_and_flags_the_field(store):
    db, a, _ = store
    eid = f"{a.id}-e1"
    made = C.make(
        db, lambda con: edits.event_set(con, eid, "type", "ACCUSE", "a verbal accusation", "ana")
    )[0]
    assert (made.old, made.new, made.operator, made.why) == (
        "ASSAULT",
        "ACCUSE",
        "ana",
        "a verbal accusation",
    )
    [ev] = _events(db, type="ACCUSE")
    assert ev["id"] == eid and ev["quad"] == 3 and ev["cameo"] == "09"
    assert ev["corrected"] == ["type"] and ev["review"] == "corrected"
    assert ev["record"]["type"] == "ACCUSE" and ev["record"]["corrected"] == ["type"]
    assert ev["acled_type"] != "Battles"
    assert not _events(db, type="ASSAULT")
    untouched = [e for e in _events(db) if e["id"] != eid]
    assert untouched and all(
        e["corrected"] == [] and e["review"] == "unreviewed" for e in untouched
    )


def test_latest_edit_of_a_field_wins_and_date_and_place_fill_their_columns(store):
    db, a, _ = store
    eid = f"{a.id}-e1"
    C.make(db, lambda con: edits.event_set(con, eid, "date", "2024-04", "month only", None))
    C.make(
        db, lambda con: edits.event_set(con, eid, "date", "2024-05-05", "Sunday, not Monday", None)
    )
    C.make(
        db, lambda con: edits.event_set(con, eid, "place", "geonames:102", "it was Hilltown", None)
    )
    [ev] = _events(db, article=a.id)
    assert (ev["date_value"], ev["date_precision"], str(ev["day"])) == (
        "2024-05-05",
        "day",
        "2024-05-05",
    )
    assert (ev["location_place"], ev["location_text"], ev["location_lat"]) == (
        "geonames:102",
        "Hilltown",
        34.0,
    )
    assert ev["corrected"] == ["date", "place"]
    assert (
        ev["record"]["date"]["value"] == "2024-05-05"
        and ev["record"]["location"]["place"] == "geonames:102"
    )
    assert _events(db, place="geonames:102") and not _events(db, place="geonames:101")


def test_reject_hides_an_event_and_confirm_marks_it(store):
    db, a, b = store
    C.make(
        db, lambda con: edits.review(con, "event", f"{a.id}-e1", "reject", "not an attack", None)
    )
    C.make(
        db,
        lambda con: edits.review(con, "event", f"{b.id}-e1", "confirm", "checked the source", None),
    )
    assert [e["id"] for e in _events(db)] == [f"{b.id}-e1"]
    assert _events(db)[0]["review"] == "confirmed"
    hidden = [e for e in _events(db, include_rejected=True) if e["id"] == f"{a.id}-e1"]
    assert hidden[0]["review"] == "rejected"


def test_merge_moves_events_claims_and_aliases_to_the_surviving_actor(store):
    db, a, b = store
    C.make(
        db,
        lambda con: edits.actor_merge(con, "militia-leaders", "hill-militia", "same group", None),
    )
    assert {e["id"] for e in _events(db, actor="hill-militia")} == {f"{a.id}-e1", f"{b.id}-e1"}
    assert {e["id"] for e in _events(db, actor="Militia Leaders")} == {f"{a.id}-e1", f"{b.id}-e1"}
    [talks] = _events(db, article=b.id)
    assert "hill-militia" in talks["actor_ids"] and talks["corrected"] == ["recipients"]
    with reading(db) as con:
        listed = {r["id"]: r for r in queries.fetch(con, queries.actors(limit=None))}
    assert "militia-leaders" not in listed
    assert (
        listed["hill-militia"]["name"] == "Hill Militia"
        and "Militia Leaders" in listed["hill-militia"]["aliases"]
    )
    keys = {c["subject_key"] for c in _claims(db)}
    assert keys == {"hill-militia/fighters/IRQ"}
    with pytest.raises(C.CorrectionError, match="cycle"):
        C.make(
            db, lambda con: edits.actor_merge(con, "hill-militia", "militia-leaders", None, None)
        )


def test_role_fix_recodes_participants_from_its_start_date(store):
    db, a, b = store
    C.make(
        db,
        lambda con: edits.actor_role(
            con,
            "militia-leaders",
            "SYR",
            "GOV",
            "2024-05-08",
            None,
            "caretaker government",
            "took office",
            None,
        ),
    )
    [talks] = _events(db, article=b.id)
    assert talks["codes"] == ["IRQ", "SYR"]
    assert {p["actor"]: p["code"] for p in talks["recipients"]} == {"militia-leaders": "SYR"}
    assert _events(db, country="SYR")[0]["id"] == talks["id"]
    with reading(db) as con:
        roles = queries.fetch(con, queries.actor_roles("militia-leaders"))
    assert [r["source"].startswith("correction:") for r in roles] == [True]
    C.make(
        db,
        lambda con: edits.actor_role(
            con, "militia-leaders", "SYR", "GOV", "2024-05-10", None, None, None, None
        ),
    )
    [talks] = _events(db, article=b.id)
    assert talks["codes"] == ["IRQ", "SYR"], "the older fix still covers 2024-05-09"


def test_split_recodes_one_article_only(store):
    db, a, b = store
    C.make(db, lambda con: edits.actor_merge(con, "militia-leaders", "hill-militia", None, None))
    C.make(
        db,
        lambda con: edits.actor_split(
            con, "hill-militia", "river-brigade", [a.id], "another group", None
        ),
    )
    [attack] = _events(db, article=a.id)
    [talks] = _events(db, article=b.id)
    assert attack["actor_ids"] == ["river-brigade"] and "hill-militia" in talks["actor_ids"]
    with pytest.raises(C.CorrectionError, match="not coded in article"):
        C.make(db, lambda con: edits.actor_split(con, "interior-ministry", "x", [a.id], None, None))


def test_claim_value_and_rejection(store):
    db, a, b = store
    C.make(db, lambda con: edits.claim_set(con, f"{a.id}-c1", "high", "600", "misread digit", None))
    C.make(db, lambda con: edits.claim_set(con, f"{a.id}-c1", "qualifier", "at_most", None, None))
    [c] = _claims(db, article=a.id)
    assert (c["high"], c["qualifier"], c["corrected"], c["review"]) == (
        600.0,
        "at_most",
        ["high", "qualifier"],
        "corrected",
    )
    assert c["record"]["high"] == 600
    with pytest.raises(C.CorrectionError, match="not a number"):
        C.make(db, lambda con: edits.claim_set(con, f"{a.id}-c1", "high", "abc", None, None))
    C.make(db, lambda con: edits.review(con, "claim", f"{b.id}-c1", "reject", "duplicate", None))
    assert [c["id"] for c in _claims(db)] == [f"{a.id}-c1"]


def test_bad_values_and_unknown_targets_are_refused_and_nothing_is_stored(store):
    db, a, _ = store
    for build_one, message in [
        (lambda con: edits.event_set(con, "nope", "type", "ACCUSE", None, None), "no such event"),
        (
            lambda con: edits.event_set(con, f"{a.id}-e1", "type", "SHOUT", None, None),
            "not a PLOVER type",
        ),
        (lambda con: edits.event_set(con, f"{a.id}-e1", "date", "May 5", None, None), "not a date"),
        (
            lambda con: edits.event_set(con, f"{a.id}-e1", "colour", "red", None, None),
            "event field",
        ),
        (
            lambda con: edits.actor_merge(con, "nobody-at-all", "hill-militia", None, None),
            "not in the store",
        ),
    ]:
        with pytest.raises(C.CorrectionError, match=message):
            C.make(db, build_one)
    assert C.list_corrections(db) == []


def test_export_then_import_is_idempotent_and_reproduces_the_view(store, tmp_path, monkeypatch):
    db, a, b = store
    monkeypatch.setenv("SITROOM_OPERATOR", "desk-2")
    by = C.operator(None)
    C.make(db, lambda con: edits.event_set(con, f"{a.id}-e1", "type", "COERCE", "a raid", by))
    C.make(db, lambda con: edits.actor_merge(con, "militia-leaders", "hill-militia", "same", by))
    exported = tmp_path / "fixes.jsonl"
    assert C.export_file(db, exported) == 2
    lines = [json.loads(x) for x in exported.read_text().splitlines()]
    assert [x["operator"] for x in lines] == ["desk-2", "desk-2"] and lines[0]["old"] == "ASSAULT"

    other = tmp_path / "other.duckdb"
    build(other)
    assert C.import_file(other, exported) == (2, 0)
    assert C.import_file(other, exported) == (0, 2)
    assert C.import_file(db, exported) == (0, 2)

    def strip(rows):
        return sorted(
            (e["id"], e["type"], tuple(e["actor_ids"]), tuple(e["corrected"])) for e in rows
        )

    assert strip(_events(other)) == strip(_events(db))


def test_a_bad_import_line_names_file_and_line_and_imports_nothing(store, tmp_path):
    db, a, _ = store
    C.make(db, lambda con: edits.event_set(con, f"{a.id}-e1", "type", "COERCE", None, None))
    good = tmp_path / "good.jsonl"
    C.export_file(db, good)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        good.read_text().replace('"target_kind": "event"', '"target_kind": "weather"')
        + "{not json\n"
    )
    other = tmp_path / "other.duckdb"
    build(other)
    with pytest.raises(C.CorrectionError, match=r"bad\.jsonl:1: target kind 'weather'"):
        C.import_file(other, bad)
    assert C.list_corrections(other) == []


def test_reextraction_that_renames_an_event_moves_its_correction(store):
    """A newer pipeline may give an event a new id (its hash covers offsets and type): the
    correction follows the event whose evidence overlaps the corrected one's."""
    from corrbuild import extraction_a

    from sitroom import version
    from sitroom.ingest import replace_extractions as _replace
    from sitroom.store import writing

    db, a, _ = store
    C.make(db, lambda con: edits.event_set(con, f"{a.id}-e1", "type", "COERCE", "a raid", None))
    x = extraction_a(a)
    x.events[0].id = f"{a.id}-renamed"
    x.events[0].evidence.start += 5  # the newer rules found a slightly shorter clause
    with writing(db) as con:
        con.execute("BEGIN TRANSACTION")
        moved = _replace(con, [x], version.PIPELINE_VERSION + "-next")
        con.execute("COMMIT")
    assert moved == 1
    [ev] = _events(db, article=a.id)
    assert (ev["id"], ev["type"], ev["corrected"]) == (f"{a.id}-renamed", "COERCE", ["type"])
    assert C.list_corrections(db)[0]["target_id"] == f"{a.id}-e1", (
        "the audit trail is never rewritten"
    )


def test_python_api_shows_corrections_and_comparisons(store):
    import sitroom

    db, a, _ = store
    C.make(db, lambda con: edits.claim_set(con, f"{a.id}-c1", "high", "900", "typo", "ana"))
    room = sitroom.open(db)
    trail = room.corrections()
    assert list(trail["field"]) == ["high"] and list(trail["operator"]) == ["ana"]
    events = room.events(format="records")
    assert {e["review"] for e in events} == {"unreviewed"}
    [subject] = room.compare_claims("hill-militia/fighters/IRQ")
    assert subject["claims"][0]["high"] == 900 and subject["claims"][0]["corrected"] == ["high"]
