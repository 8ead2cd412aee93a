"""ACLED-style rows: ACLED's column names and conventions, then sitroom's own columns.

ACLED analysts and tools read these columns directly (event_date, disorder_type,
event_type, sub_event_type, actor1, inter1, interaction, admin1, admin2, location,
geo_precision, time_precision, fatalities ...). ``geo_precision`` is the event location's
own: 1 a named place of the event's clause, 2 "near" one or a place the article names
elsewhere (headline, dateline, first place) or a district, 3 a province or country.
Rule tables are data files: ``data/acled_inter.csv`` (PLOVER sector or code -> ACLED's
numeric actor type, first matching row wins) and ``data/acled_disorder.csv`` (event type
and sub-type -> disorder type). The ACLED type and sub-type themselves come
from the event (extract/events/mapping.py). Where ACLED asks for something sitroom does
not know (an outlet's scale), the cell stays empty rather than guessed.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from functools import lru_cache
from importlib import resources
from typing import Any

import pyarrow as pa

from sitroom.export.records import ExportEvent, country_name
from sitroom.kb.gazetteer import load_gazetteer

ACLED_COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("event_id_cnty", pa.string()),
    ("event_date", pa.date32()),
    ("year", pa.int32()),
    ("time_precision", pa.int8()),
    ("disorder_type", pa.string()),
    ("event_type", pa.string()),
    ("sub_event_type", pa.string()),
    ("actor1", pa.string()),
    ("assoc_actor_1", pa.string()),
    ("inter1", pa.int8()),
    ("actor2", pa.string()),
    ("assoc_actor_2", pa.string()),
    ("inter2", pa.int8()),
    ("interaction", pa.int16()),
    ("iso", pa.string()),
    ("country", pa.string()),
    ("admin1", pa.string()),
    ("admin2", pa.string()),
    ("location", pa.string()),
    ("latitude", pa.float64()),
    ("longitude", pa.float64()),
    ("geo_precision", pa.int8()),
    ("source", pa.string()),
    ("source_scale", pa.string()),
    ("notes", pa.string()),
    ("fatalities", pa.int32()),
    ("timestamp", pa.int64()),
)
SITROOM_COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("article_id", pa.string()),
    ("event_id", pa.string()),
    ("cluster_id", pa.string()),
    ("sources", pa.int32()),
    ("independent_sources", pa.int32()),
    ("plover_type", pa.string()),
    ("plover_mode", pa.string()),
    ("contexts", pa.string()),
    ("cameo", pa.string()),
    ("quad", pa.int8()),
    ("modality", pa.string()),
    ("historical", pa.bool_()),
    ("date_value", pa.string()),
    ("date_precision", pa.string()),
    ("date_fallback", pa.bool_()),
    ("actor1_id", pa.string()),
    ("actor1_code", pa.string()),
    ("actor2_id", pa.string()),
    ("actor2_code", pa.string()),
    ("place_id", pa.string()),
    ("reported_by", pa.string()),
    ("injured", pa.int32()),
    ("arrested", pa.int32()),
    ("rule", pa.string()),
    ("score", pa.float64()),
    ("evidence", pa.string()),
    ("evidence_start", pa.int32()),
    ("evidence_end", pa.int32()),
    ("evidence_field", pa.string()),
    ("wire", pa.string()),
    ("source_key", pa.string()),
    ("url", pa.string()),
    ("title", pa.string()),
    ("published", pa.string()),
    ("corrected", pa.string()),
    ("review", pa.string()),
)
COLUMNS = ACLED_COLUMNS + SITROOM_COLUMNS
SCHEMA = pa.schema(list(COLUMNS))
COLUMN_NAMES = tuple(name for name, _ in COLUMNS)

_TIME_PRECISION = {"day": 1, "week": 2}
"""ACLED: 1 the day is known, 2 the week, 3 the month or only a wider span."""


def _data(name: str) -> list[dict[str, str]]:
    text = resources.files("sitroom.export").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@lru_cache(maxsize=1)
def _inter_rules() -> tuple[dict[str, str], ...]:
    return tuple(_data("acled_inter.csv"))


@lru_cache(maxsize=1)
def _disorder() -> dict[tuple[str, str], str]:
    return {
        (r["event_type"], r["sub_event_type"]): r["disorder_type"]
        for r in _data("acled_disorder.csv")
    }


def inter_code(participant: dict[str, Any] | None, acled_type: str | None, role: str) -> int | None:
    """ACLED's actor type (1 state forces ... 8 external/other forces) of a participant."""
    if participant is None:
        return None
    values = {
        "acled_type": acled_type or "",
        "code": participant.get("code") or "",
        "sector": participant.get("sector") or "",
    }
    for rule in _inter_rules():
        if rule["role"] in ("any", role) and values[rule["field"]] == rule["value"]:
            return int(rule["inter"])
    return None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction: the two actor types, lower first; ``N0`` alone."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str | None:
    table = _disorder()
    return table.get((event_type or "", sub_event_type or "")) or table.get((event_type or "", ""))


def time_precision(row: dict[str, Any]) -> int:
    record_date = (row.get("record") or {}).get("date") or {}
    if record_date.get("time_precision") and not row.get("date_fallback"):
        return int(record_date["time_precision"])
    if row.get("date_fallback"):
        return 3
    return _TIME_PRECISION.get(row.get("date_precision") or "", 3)


def admin2(place_id: str | None) -> str | None:
    """The district (GeoNames second-level unit) of the event's place, read from the
    gazetteer the place was resolved in: the store keeps a place's province only."""
    entry = load_gazetteer().get(place_id) if place_id else None
    return entry.admin2 if entry is not None else None


def event_id_cnty(iso: str | None, key: str) -> str:
    """ACLED-like id: country code then a number, stable for the same stored event."""
    number = int(hashlib.blake2b(key.encode(), digest_size=5).hexdigest(), 16)
    return f"{iso or 'XXX'}{number}"


def _names(e: ExportEvent, side: list[dict[str, Any]]) -> list[str]:
    return [n for n in (e.name(p) for p in side) if n]


def notes(e: ExportEvent, actor1: str | None, actor2: str | None, location: str | None) -> str:
    """A one-line description in ACLED's manner, built only from coded fields."""
    r = e.row
    what = r["type"] + (f"/{r['mode']}" if r.get("mode") else "")
    parts = [
        f"On {r['day'].isoformat() if r.get('day') else 'an unknown date'}",
        f"{actor1 or 'an unidentified actor'}",
        what,
    ]
    if actor2:
        parts.append(f"(recipient: {actor2})")
    if location:
        parts.append(f"in {location}")
    text = " ".join(parts)
    if r.get("modality") and r["modality"] != "asserted":
        text += f" ({r['modality']})"
    reported = (
        (r.get("reported_by") or {}).get("text") if isinstance(r.get("reported_by"), dict) else None
    )
    if reported:
        text += f"; reported by {reported}"
    days = (r.get("size") or {}).get("over_days")
    if days:
        text += f"; the counts are a tally over {days} days, not one incident's"
    return text + "."


def acled_row(e: ExportEvent) -> dict[str, Any]:
    """One export row: ACLED columns, then sitroom's."""
    r = e.row
    actors, recipients = r.get("actors") or [], r.get("recipients") or []
    names1, names2 = _names(e, actors), _names(e, recipients)
    inter1 = inter_code(actors[0] if actors else None, r.get("acled_type"), "actor1")
    inter2 = inter_code(recipients[0] if recipients else None, r.get("acled_type"), "actor2")
    iso = e.country_code
    place = e.place or {}
    location = place.get("name") or r.get("location_text")
    size = r.get("size") or {}
    day: dt.date | None = r.get("day")
    wire = r.get("article_wire")
    ingested = r.get("article_ingested_at")
    reported = r.get("reported_by") if isinstance(r.get("reported_by"), dict) else None
    return {
        "event_id_cnty": event_id_cnty(iso, e.key),
        "event_date": day,
        "year": day.year if day else None,
        "time_precision": time_precision(r),
        "disorder_type": disorder_type(r.get("acled_type"), r.get("acled_sub_type")),
        "event_type": r.get("acled_type"),
        "sub_event_type": r.get("acled_sub_type"),
        "actor1": names1[0] if names1 else None,
        "assoc_actor_1": "; ".join(names1[1:]) or None,
        "inter1": inter1,
        "actor2": names2[0] if names2 else None,
        "assoc_actor_2": "; ".join(names2[1:]) or None,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "iso": iso,
        "country": country_name(iso),
        "admin1": place.get("admin1"),
        "admin2": admin2(r.get("location_place")),
        "location": location,
        "latitude": r.get("location_lat"),
        "longitude": r.get("location_lon"),
        "geo_precision": r.get("geo_precision"),
        "source": "; ".join(s for s in (wire, e.outlet) if s) or None,
        "source_scale": "International" if wire else None,
        "notes": notes(e, names1[0] if names1 else None, names2[0] if names2 else None, location),
        "fatalities": int(size.get("dead") or size.get("dead_min") or 0),
        "timestamp": int(ingested.replace(tzinfo=dt.UTC).timestamp()) if ingested else None,
        "article_id": r["article_id"],
        "event_id": r["id"],
        "cluster_id": r.get("cluster_id"),
        "sources": e.sources,
        "independent_sources": e.independent_sources,
        "plover_type": r["type"],
        "plover_mode": r.get("mode"),
        "contexts": "; ".join(r.get("contexts") or []) or None,
        "cameo": r.get("cameo"),
        "quad": r.get("quad"),
        "modality": r.get("modality"),
        "historical": r.get("historical"),
        "date_value": r.get("date_value"),
        "date_precision": r.get("date_precision"),
        "date_fallback": r.get("date_fallback"),
        "actor1_id": actors[0].get("actor") if actors else None,
        "actor1_code": actors[0].get("code") if actors else None,
        "actor2_id": recipients[0].get("actor") if recipients else None,
        "actor2_code": recipients[0].get("code") if recipients else None,
        "place_id": r.get("location_place"),
        "reported_by": (reported.get("actor") or reported.get("text")) if reported else None,
        "injured": size.get("injured"),
        "arrested": size.get("arrested"),
        "rule": r.get("rule"),
        "score": r.get("score"),
        "evidence": r.get("evidence_text"),
        "evidence_start": r.get("evidence_start"),
        "evidence_end": r.get("evidence_end"),
        "evidence_field": r.get("evidence_field"),
        "wire": wire,
        "source_key": r.get("article_source_key"),
        "url": r.get("article_url"),
        "title": r.get("article_title"),
        "published": r.get("article_published"),
        "corrected": "; ".join(r.get("corrected") or []) or None,
        "review": r.get("review"),
    }
