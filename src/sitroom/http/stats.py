"""/api/stats: store counts, the timeline (events per day by type) and map points, under
the same filters as /api/events."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from sitroom.http.deps import Connection, Filters
from sitroom.query import queries

router = APIRouter(prefix="/api/stats", tags=["stats"])


@router.get("", summary="What the store holds")
def store_stats(con: Connection) -> dict[str, Any]:
    return queries.stats(con)


@router.get("/timeline", summary="Events per day and type")
def timeline(con: Connection, f: Filters) -> dict[str, Any]:
    rows = queries.fetch(con, queries.events_per_day(**f.kwargs()))
    return {"days": rows, "types": sorted({r["type"] for r in rows})}


@router.get("/map", summary="Geocoded events per location")
def map_points(con: Connection, f: Filters) -> dict[str, Any]:
    return {"points": queries.fetch(con, queries.event_points(**f.kwargs()))}
