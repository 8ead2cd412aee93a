"""Turning an analyst's request ("set type=ACCUSE on event X") into a ``Correction``.

Each builder reads the target as the reader currently sees it (extraction with earlier
corrections applied), checks the new value, and works out every column the change sets:
recoding an event's type also recodes its quad class, CAMEO code and ACLED type, moving it
to a place fills in the place's coordinates and country, so the corrected row is as
complete as an extracted one.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import duckdb

from sitroom.corrections.records import Correction, CorrectionError
from sitroom.store.rows import first_day

EVENT_FIELDS = ("type", "mode", "modality", "date", "place", "actors", "recipients")
CLAIM_FIELDS = ("low", "high", "qualifier", "unit", "subject_key", "actor", "claimant", "date")
MODALITIES = ("asserted", "planned", "negated", "hypothetical")
QUALIFIERS = ("exact", "about", "up_to", "at_most", "at_least", "more_than", "less_than", "range")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_NONE = {"", "none", "null"}


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> dict[str, Any] | None:
    cur = con.execute(sql, params)
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row, strict=True)) if row else None


def current_event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any]:
    row = _one(
        con,
        "SELECT e.*, a.published FROM read_events e JOIN articles a ON a.id = e.article_id "
        "WHERE e.id = ? LIMIT 1",
        [event_id],
    )
    if row is None:
        raise CorrectionError(f"event {event_id}: no such event in the store")
    return row


def current_claim(con: duckdb.DuckDBPyConnection, claim_id: str) -> dict[str, Any]:
    row = _one(
        con,
        "SELECT c.*, a.published FROM read_claims c JOIN articles a ON a.id = c.article_id "
        "WHERE c.id = ? LIMIT 1",
        [claim_id],
    )
    if row is None:
        raise CorrectionError(f"claim {claim_id}: no such claim in the store")
    return row


def _first_day(value: str) -> str:
    """The first day of a date ``_date`` accepted, as ISO text."""
    day = first_day(value)
    if day is None:
        raise CorrectionError(f"date {value!r}: not a date")
    return day.isoformat()


def _date(value: str, what: str) -> tuple[str, str]:
    """(value, precision) of an ISO date cut to its precision."""
    value = value.strip()
    if not _DATE.match(value) or first_day(value) is None:
        raise CorrectionError(f"{what}: {value!r} is not a date YYYY, YYYY-MM or YYYY-MM-DD")
    return value, {1: "year", 2: "month", 3: "day"}[len(value.split("-"))]


def _optional(value: str) -> str | None:
    return None if value.strip().lower() in _NONE else value.strip()


def _participants(
    con: duckdb.DuckDBPyConnection, value: str, day: str | None
) -> list[dict[str, Any]]:
    """Participants for comma-separated actor ids, coded for the event's day: the KB's
    dated role first, else the latest coding seen in the store."""
    from sitroom.kb.actors import load_kb

    kb = load_kb()
    out = []
    for actor in [a.strip() for a in value.split(",") if a.strip()]:
        stored = _one(
            con,
            "SELECT r.name, r.country, r.sector FROM actors r JOIN articles a ON a.id = "
            "r.article_id WHERE r.id = ? ORDER BY a.seq DESC LIMIT 1",
            [actor],
        )
        if stored is None and actor not in kb.actors:
            raise CorrectionError(f"actor {actor!r}: not in the store nor the knowledge base")
        country, sector, _ = kb.code_on(actor, day)
        if stored is not None and country is None and sector is None:
            country, sector = stored["country"], stored["sector"]
        out.append(
            {
                "actor": actor,
                "code": country,
                "sector": sector,
                "text": None,
                "start": None,
                "end": None,
                "explanation": {"rule": "correction", "score": 1.0, "model": None},
            }
        )
    return out


def _place(con: duckdb.DuckDBPyConnection, value: str) -> dict[str, Any]:
    """A place by id (as stored or in the gazetteer) or by name (the gazetteer's most
    populous match)."""
    stored = _one(
        con, "SELECT id, name, country, lat, lon FROM places WHERE id = ? LIMIT 1", [value]
    )
    if stored:
        return stored
    from sitroom.kb.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    entry = gaz.get(value) or next(iter(gaz.candidates(value)), None)
    if entry is None:
        raise CorrectionError(f"place {value!r}: not a stored place id nor a gazetteer name")
    return {
        "id": entry.id,
        "name": entry.name,
        "country": entry.country,
        "lat": entry.lat,
        "lon": entry.lon,
    }


def _recipient_sectors(event: dict[str, Any]) -> set[str]:
    parts = event["recipients"]
    parts = json.loads(parts) if isinstance(parts, str) else parts or []
    return {p["sector"] for p in parts if p.get("sector")}


def _event_effect(
    con: duckdb.DuckDBPyConnection, event: dict[str, Any], field: str, value: str
) -> tuple[Any, Any, dict]:
    """(old, new, effect) for setting one event field."""
    from sitroom.extract.events.mapping import PLOVER_TYPES, QUAD, acled_type, cameo_code

    if field in ("type", "mode"):
        ptype = value.strip().upper() if field == "type" else event["type"]
        mode = (_optional(value) or None) if field == "mode" else event["mode"]
        if mode:
            mode = mode.lower()
        if ptype not in PLOVER_TYPES:
            raise CorrectionError(f"type {ptype!r}: not a PLOVER type ({', '.join(PLOVER_TYPES)})")
        acled, _ = acled_type(ptype, mode, _recipient_sectors(event))
        effect = {
            "type": ptype,
            "mode": mode,
            "quad": QUAD[ptype],
            "cameo": cameo_code(ptype, mode),
            "acled_type": acled["type"],
            "acled_sub_type": acled["sub_type"],
        }
        return event[field], effect[field], effect
    if field == "modality":
        if value not in MODALITIES:
            raise CorrectionError(f"modality {value!r}: use one of {', '.join(MODALITIES)}")
        return event["modality"], value, {"modality": value}
    if field == "date":
        from sitroom.extract.events.modality import is_historical

        when, precision = _date(value, "date")
        effect = {
            "date_value": when,
            "date_precision": precision,
            "day": _first_day(when),
            "date_fallback": False,
            "historical": is_historical(when, event["published"]),
        }
        return event["date_value"], when, effect
    if field == "place":
        if _optional(value) is None:
            effect = dict.fromkeys(
                (
                    "location_place",
                    "location_text",
                    "location_lat",
                    "location_lon",
                    "location_country",
                    "geo_precision",
                )
            )
            return event["location_place"], None, effect
        place = _place(con, value.strip())
        effect = {
            "location_place": place["id"],
            "location_text": place["name"],
            "location_lat": place["lat"],
            "location_lon": place["lon"],
            "location_country": place["country"],
        }
        return event["location_place"], place["id"], effect
    if field in ("actors", "recipients"):
        day = event["day"].isoformat() if event["day"] else None
        parts = _participants(con, value, day) if _optional(value) else []
        old = json.loads(event[field]) if isinstance(event[field], str) else event[field]
        return [p.get("actor") for p in old or []], [p["actor"] for p in parts], {field: parts}
    raise CorrectionError(f"event field {field!r}: use one of {', '.join(EVENT_FIELDS)}")


def _anchored(kind: str, row: dict[str, Any], **kw: Any) -> Correction:
    return Correction(
        target_kind=kind,
        target_id=row["id"],
        article_id=row["article_id"],
        anchor_start=row["evidence_start"],
        anchor_end=row["evidence_end"],
        **kw,
    )


def event_set(
    con: duckdb.DuckDBPyConnection,
    event_id: str,
    field: str,
    value: str,
    why: str | None,
    by: str | None,
) -> Correction:
    event = current_event(con, event_id)
    old, new, effect = _event_effect(con, event, field, value)
    return _anchored(
        "event",
        event,
        action="set",
        field=field,
        old=old,
        new=new,
        effect=effect,
        why=why,
        operator=by,
    )


def review(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    target_id: str,
    verdict: str,
    why: str | None,
    by: str | None,
) -> Correction:
    """Reject (hide from every listing and export) or confirm an event or claim."""
    row = current_event(con, target_id) if kind == "event" else current_claim(con, target_id)
    status = {"reject": "rejected", "confirm": "confirmed"}[verdict]
    return _anchored(
        kind,
        row,
        action=verdict,
        field="review",
        old=row["review"],
        new=status,
        effect={"review": status},
        why=why,
        operator=by,
    )


def _number(value: str, what: str) -> float | None:
    if _optional(value) is None:
        return None
    try:
        return float(value.replace(",", ""))
    except ValueError:
        raise CorrectionError(f"{what}: {value!r} is not a number") from None


def claim_set(
    con: duckdb.DuckDBPyConnection,
    claim_id: str,
    field: str,
    value: str,
    why: str | None,
    by: str | None,
) -> Correction:
    claim = current_claim(con, claim_id)
    new: Any
    effect: dict[str, Any]
    if field in ("low", "high"):
        new = _number(value, field)
        effect = {field: new}
    elif field == "qualifier":
        if value not in QUALIFIERS:
            raise CorrectionError(f"qualifier {value!r}: use one of {', '.join(QUALIFIERS)}")
        new, effect = value, {"qualifier": value}
    elif field in ("unit", "subject_key", "actor"):
        new = _optional(value)
        if field == "subject_key" and not new:
            raise CorrectionError("subject_key: cannot be empty")
        effect = {field: new}
    elif field == "claimant":
        new = _optional(value)
        effect = {"claimant_actor": new}
        field_old = claim["claimant_actor"]
        return _anchored(
            "claim",
            claim,
            action="set",
            field=field,
            old=field_old,
            new=new,
            effect=effect,
            why=why,
            operator=by,
        )
    elif field == "date":
        new, precision = _date(value, "date")
        effect = {
            "date_value": new,
            "date_precision": precision,
            "day": _first_day(new),
            "date_fallback": False,
        }
        return _anchored(
            "claim",
            claim,
            action="set",
            field=field,
            old=claim["date_value"],
            new=new,
            effect=effect,
            why=why,
            operator=by,
        )
    else:
        raise CorrectionError(f"claim field {field!r}: use one of {', '.join(CLAIM_FIELDS)}")
    return _anchored(
        "claim",
        claim,
        action="set",
        field=field,
        old=claim[field],
        new=new,
        effect=effect,
        why=why,
        operator=by,
    )


def _known_actor(con: duckdb.DuckDBPyConnection, actor: str) -> bool:
    if con.execute("SELECT count(*) FROM actors WHERE id = ?", [actor]).fetchall()[0][0]:
        return True
    from sitroom.kb.actors import load_kb

    return actor in load_kb().actors


def _merged_into(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    rows = con.execute(
        "SELECT target_id, arg_max(json_extract_string(effect, '$.merged_into'), seq) FROM "
        "corrections WHERE target_kind = 'actor' AND action = 'merge' GROUP BY 1"
    ).fetchall()
    return {a: b for a, b in rows if b}


def actor_merge(
    con: duckdb.DuckDBPyConnection, actor: str, into: str, why: str | None, by: str | None
) -> Correction:
    """``actor`` is the same real actor as ``into``: its rows, events and claims count as
    ``into``'s from now on, including those ingested later."""
    for a in (actor, into):
        if not _known_actor(con, a):
            raise CorrectionError(f"actor {a!r}: not in the store nor the knowledge base")
    merges = _merged_into(con)
    seen, cur = set(), into
    while cur in merges and cur not in seen:
        seen.add(cur)
        cur = merges[cur]
    if actor == into or cur == actor:
        raise CorrectionError(f"actor {actor!r}: merging into {into!r} would make a cycle")
    return Correction(
        target_kind="actor",
        target_id=actor,
        action="merge",
        field="merged_into",
        old=merges.get(actor),
        new=into,
        effect={"merged_into": into},
        why=why,
        operator=by,
    )


def actor_split(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    into: str,
    articles: list[str],
    why: str | None,
    by: str | None,
) -> Correction:
    """In these articles, what was coded ``actor`` is another actor, ``into`` (two people
    sharing a name, a unit confused with its parent)."""
    if not articles:
        raise CorrectionError(
            "split: name the articles where the mentions are another actor (--article ID)"
        )
    found = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT article_id FROM actors WHERE id = ? AND article_id IN (SELECT "
            "unnest(?::VARCHAR[]))",
            [actor, articles],
        ).fetchall()
    }
    missing = [a for a in articles if a not in found]
    if missing:
        raise CorrectionError(
            f"split: actor {actor!r} is not coded in article(s) {', '.join(missing)}"
        )
    if into == actor:
        raise CorrectionError("split: --into must name another actor id")
    return Correction(
        target_kind="actor",
        target_id=actor,
        action="split",
        field="split",
        old=actor,
        new={"into": into, "articles": sorted(articles)},
        effect={"into": into, "articles": sorted(articles)},
        why=why,
        operator=by,
    )


def actor_role(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    country: str | None,
    sector: str | None,
    start: str | None,
    end: str | None,
    title: str | None,
    why: str | None,
    by: str | None,
) -> Correction:
    """From ``start`` to ``end`` (open when omitted) the actor is coded ``country``/``sector``
    in events and in the actor listing, whatever the KB or the text said."""
    if not _known_actor(con, actor):
        raise CorrectionError(f"actor {actor!r}: not in the store nor the knowledge base")
    if not country and not sector:
        raise CorrectionError("role: give --country and/or --sector")
    for what, value in (("--from", start), ("--to", end)):
        if value:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise CorrectionError(f"{what}: {value!r} is not a date YYYY-MM-DD") from None
    if start and end and end < start:
        raise CorrectionError(f"role: --to {end} is before --from {start}")
    current = _one(
        con,
        "SELECT r.country, r.sector FROM actors r JOIN articles a ON a.id = r.article_id "
        "WHERE r.id = ? ORDER BY a.seq DESC LIMIT 1",
        [actor],
    )
    effect = {
        "country": country and country.upper(),
        "sector": sector and sector.upper(),
        "start": start,
        "end": end,
        "title": title,
    }
    return Correction(
        target_kind="actor",
        target_id=actor,
        action="role",
        field="role",
        old=current,
        new=effect,
        effect=effect,
        why=why,
        operator=by,
    )
