"""Flattens one ``Extraction`` into rows of the store's tables (see migrations/0001).

Pure functions from the shared dataclasses to dicts keyed by column name, so the writer
stays about transactions and this module about the mapping. Nested parts filters never
look into stay whole as JSON; the fields filters use get their own columns.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from sitroom.model import (
    Actor,
    Claim,
    Event,
    Evidence,
    Explanation,
    Extraction,
    Mention,
    Place,
    TimeExpr,
)

Row = dict[str, Any]


def _is_record(value: Any) -> bool:
    """A dataclass instance (not a dataclass type): what ``dataclasses.asdict`` takes."""
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


def _json(value: Any) -> str | None:
    if value is None:
        return None
    if _is_record(value):
        value = dataclasses.asdict(value)
    elif isinstance(value, list):
        value = [dataclasses.asdict(v) if _is_record(v) else v for v in value]
    elif isinstance(value, dict):
        value = {k: dataclasses.asdict(v) if _is_record(v) else v for k, v in value.items()}
    return json.dumps(value, ensure_ascii=False)


def _explained(explanation: Explanation | None) -> Row:
    return {
        "rule": explanation.rule if explanation else None,
        "score": explanation.score if explanation else None,
    }


def _evidence(evidence: Evidence | None) -> Row:
    return {
        "evidence_start": evidence.start if evidence else None,
        "evidence_end": evidence.end if evidence else None,
        "evidence_text": evidence.text if evidence else None,
        "evidence_field": evidence.field if evidence else None,
    }


def first_day(value: str | None) -> dt.date | None:
    """The first day an ISO value cut to its precision covers ("2023-03" -> 2023-03-01)."""
    if not value:
        return None
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2][:2]) if len(parts) > 2 else 1
        return dt.date(year, month, day)
    except ValueError:
        return None


def _double(value: float | int | None) -> float | None:
    """A claim bound as the DOUBLE column holds it: an int past 2**53 (or past the largest
    double) in a batch of floats otherwise fails the batch's Arrow conversion."""
    if value is None:
        return None
    try:
        return float(value)
    except OverflowError:
        return float("inf") if value > 0 else float("-inf")


def _day(value: str | None, published: str | None) -> tuple[dt.date | None, bool]:
    """An event's or claim's calendar day, falling back to publication (SCHEMA.md) and
    saying so."""
    day = first_day(value)
    return (day, False) if day else (first_day(published), True)


def article_row(x: Extraction, coded: bool) -> Row:
    a = x.article
    return {
        "id": a.id,
        "source": a.source,
        "url": a.url,
        "outlet": a.outlet,
        "site": a.site,
        "author": a.author,
        "title": a.title,
        "published": a.published,
        "updated": a.updated,
        "dateline": a.dateline,
        "summary": list(a.summary),
        "captions": list(a.captions),
        "text": a.text,
        "language": a.language,
        "duplicate_of": a.duplicate_of,
        "coded": coded,
        "provenance": _json(a.provenance),
    }


def mention_row(article_id: str, idx: int, m: Mention) -> Row:
    return {
        "article_id": article_id,
        "idx": idx,
        "start_char": m.start,
        "end_char": m.end,
        "text": m.text,
        "label": m.label,
        "actor": m.actor,
        "place": m.place,
        "field": m.field,
        **_explained(m.explanation),
    }


def actor_row(article_id: str, a: Actor) -> Row:
    return {
        "article_id": article_id,
        "id": a.id,
        "name": a.name,
        "aliases": list(a.aliases),
        "kind": a.kind,
        "country": a.country,
        "sector": a.sector,
        "ethnicity": a.ethnicity,
        **_explained(a.explanation),
    }


def role_rows(article_id: str, a: Actor) -> list[Row]:
    return [
        {
            "article_id": article_id,
            "actor": a.id,
            "idx": i,
            "country": r.country,
            "sector": r.sector,
            "title": r.title,
            "start_date": r.start,
            "end_date": r.end,
            "source": r.source,
            **_evidence(r.evidence),
        }
        for i, r in enumerate(a.roles)
    ]


def place_row(article_id: str, p: Place) -> Row:
    return {
        "article_id": article_id,
        "id": p.id,
        "name": p.name,
        "feature_class": p.feature_class,
        "feature_code": p.feature_code,
        "country": p.country,
        "admin1": p.admin1,
        "lat": p.lat,
        "lon": p.lon,
        "population": p.population,
        **_explained(p.explanation),
    }


def time_row(article_id: str, idx: int, t: TimeExpr) -> Row:
    return {
        "article_id": article_id,
        "idx": idx,
        "start_char": t.start,
        "end_char": t.end,
        "text": t.text,
        "value": t.value,
        "precision": t.precision,
        "type": t.type,
        "timex": t.timex,
        "field": t.field,
        **_explained(t.explanation),
    }


def event_row(x: Extraction, e: Event, places: dict[str, Place]) -> Row:
    loc = e.location
    place = places.get(loc.place) if loc and loc.place else None
    day, fallback = _day(e.date.value, x.article.published)
    participants = [*e.actors, *e.recipients]
    return {
        "article_id": x.article.id,
        "id": e.id,
        "type": e.type,
        "mode": e.mode,
        "contexts": list(e.contexts),
        "quad": e.quad,
        "cameo": e.cameo,
        "acled_type": (e.acled or {}).get("type"),
        "acled_sub_type": (e.acled or {}).get("sub_type"),
        "date_value": e.date.value,
        "date_precision": e.date.precision,
        "date_text": e.date.text,
        "day": day,
        "date_fallback": fallback,
        "modality": e.modality,
        "historical": e.historical,
        "location_place": loc.place if loc else None,
        "location_text": loc.text if loc else None,
        "location_lat": place.lat if place else None,
        "location_lon": place.lon if place else None,
        "location_country": place.country if place else None,
        "geo_precision": loc.geo_precision if loc else None,
        "actor_ids": sorted({p.actor for p in participants if p.actor}),
        "codes": sorted({p.code for p in participants if p.code}),
        **_evidence(e.evidence),
        **_explained(e.explanation),
        "actors": _json(e.actors),
        "recipients": _json(e.recipients),
        "size": _json(e.size),
        "reported_by": _json(e.reported_by),
        "record": _json(e),
    }


def claim_row(x: Extraction, c: Claim) -> Row:
    day, fallback = _day(c.date.value, x.article.published)
    return {
        "article_id": x.article.id,
        "id": c.id,
        "subject": c.subject,
        "subject_key": c.subject_key,
        "actor": c.actor,
        "measure": c.measure,
        "low": _double(c.low),
        "high": _double(c.high),
        "unit": c.unit,
        "qualifier": c.qualifier,
        "vague": c.vague,
        "claimant_actor": c.claimant.actor if c.claimant else None,
        "claimant_text": c.claimant.text if c.claimant else None,
        "date_value": c.date.value,
        "date_precision": c.date.precision,
        "day": day,
        "date_fallback": fallback,
        "places": list(c.places),
        **_evidence(c.evidence),
        **_explained(c.explanation),
        "record": _json(c),
    }


def extraction_rows(x: Extraction) -> dict[str, list[Row]]:
    """Rows for every table but ``articles``, keyed by table name."""
    aid = x.article.id
    places = {p.id: p for p in x.places}
    return {
        "mentions": [mention_row(aid, i, m) for i, m in enumerate(x.mentions)],
        "actors": [actor_row(aid, a) for a in _unique(x.actors)],
        "actor_roles": [r for a in _unique(x.actors) for r in role_rows(aid, a)],
        "places": [place_row(aid, p) for p in _unique(x.places)],
        "times": [time_row(aid, i, t) for i, t in enumerate(x.times)],
        "events": [event_row(x, e, places) for e in _unique(x.events)],
        "claims": [claim_row(x, c) for c in _unique(x.claims)],
    }


def _unique(items: list) -> list:
    """First record per id: the tables key on (article, id), and a component emitting an id
    twice must not fail a whole batch."""
    seen: dict[str, Any] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return list(seen.values())
