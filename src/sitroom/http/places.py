"""/api/places: places the articles name, with gazetteer fields and event counts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from sitroom.http.deps import Connection, Paging, paged, parse_bbox
from sitroom.query import queries

router = APIRouter(prefix="/api/places", tags=["places"])


@router.get("", summary="List places, most mentioned first")
def list_places(
    con: Connection,
    p: Paging,
    q: Annotated[str | None, Query(max_length=200, description="Part of the place name.")] = None,
    country: Annotated[str | None, Query(description="ISO3 country code.")] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
) -> dict[str, Any]:
    query = queries.places(
        search=q, country=country, bbox=parse_bbox(bbox), limit=p.limit, offset=p.offset
    )
    return paged(con, query, p)
