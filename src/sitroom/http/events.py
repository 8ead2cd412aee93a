"""/api/events: coded events under the shared filters (actor incl. aliases, type,
country, place, bbox, date range, modality, source)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from sitroom.http.deps import Connection, Filters, Paging, paged
from sitroom.query import queries

router = APIRouter(prefix="/api/events", tags=["events"])


@router.get("", summary="List events, newest first")
def list_events(con: Connection, p: Paging, f: Filters) -> dict[str, Any]:
    return paged(con, queries.events(**f.kwargs(), limit=p.limit, offset=p.offset), p)
