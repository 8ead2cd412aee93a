"""PLOVER JSON: one POLECAT/PLOVER-style record per event.

POLECAT publishes PLOVER events as flat records (event id, date, type, mode, context,
actor and recipient with country and sector, location, story); sitroom keeps that shape
and adds what analysts need to trust a row: modality, who reported it, evidence offsets,
the rule and score, the cluster and how many (independent) sources report it, and the
SCHEMA.md event record unchanged under ``record``.
"""

from __future__ import annotations

from typing import Any

from sitroom.export.acled import time_precision
from sitroom.export.records import ExportEvent, country_name


def _participants(e: ExportEvent, side: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "actor": p.get("actor"),
            "name": e.name(p),
            "country": p.get("code"),
            "sector": p.get("sector"),
            "text": p.get("text"),
            "start": p.get("start"),
            "end": p.get("end"),
        }
        for p in side
    ]


def plover_record(e: ExportEvent) -> dict[str, Any]:
    r = e.row
    place = e.place or {}
    iso = e.country_code
    return {
        "event_id": e.key,
        "story_id": r["article_id"],
        "cluster_id": r.get("cluster_id"),
        "event_date": r["day"].isoformat() if r.get("day") else None,
        "date": {
            "value": r.get("date_value"),
            "precision": r.get("date_precision"),
            "text": r.get("date_text"),
            "time_precision": time_precision(r),
            "fallback_to_published": bool(r.get("date_fallback")),
        },
        "event_type": r["type"],
        "event_mode": r.get("mode"),
        "event_context": list(r.get("contexts") or []),
        "quad_code": r.get("quad"),
        "cameo": r.get("cameo"),
        "acled": {"type": r.get("acled_type"), "sub_type": r.get("acled_sub_type")},
        "actors": _participants(e, r.get("actors") or []),
        "recipients": _participants(e, r.get("recipients") or []),
        "location": None
        if not (r.get("location_place") or r.get("location_text"))
        else {
            "place": r.get("location_place"),
            "name": place.get("name") or r.get("location_text"),
            "text": r.get("location_text"),
            "country": iso,
            "country_name": country_name(iso),
            "admin1": place.get("admin1"),
            "lat": r.get("location_lat"),
            "lon": r.get("location_lon"),
            "geo_precision": r.get("geo_precision"),
            "feature_code": place.get("feature_code"),
        },
        "modality": r.get("modality"),
        "historical": r.get("historical"),
        "reported_by": r.get("reported_by"),
        "size": r.get("size") or {},
        "story": {
            "id": r["article_id"],
            "title": r.get("article_title"),
            "published": r.get("article_published"),
            "source": r.get("article_source"),
            "outlet": e.outlet,
            "url": r.get("article_url"),
            "wire": r.get("article_wire"),
            "source_key": r.get("article_source_key"),
            "copy_of": r.get("article_copy_of"),
        },
        "sources": e.sources,
        "independent_sources": e.independent_sources,
        "evidence": {
            "start": r.get("evidence_start"),
            "end": r.get("evidence_end"),
            "text": r.get("evidence_text"),
            "field": r.get("evidence_field"),
        },
        "explanation": {"rule": r.get("rule"), "score": r.get("score")},
        "corrected": list(r.get("corrected") or []),
        "review": r.get("review"),
        "pipeline_version": r.get("pipeline_version"),
        "record": r.get("record"),
    }
