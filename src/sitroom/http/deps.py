"""Request parameters and store access shared by the route modules.

A read-only DuckDB connection is opened per request and closed after it (``reading``):
the server never holds the file, so an ingest in another process gets its turns, and a
request arriving mid-commit waits briefly (bounded) instead of failing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

import duckdb
from fastapi import Depends, Query, Request

from sitroom.http.errors import ApiError
from sitroom.http.settings import ApiSettings
from sitroom.query import queries
from sitroom.store import reading


def read_connection(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    # FastAPI enters and leaves a sync dependency on worker threads that may differ, and
    # a worker may serve a correction meanwhile: the open read belongs to the request.
    with reading(request.app.state.db_path, owner=request) as con:
        yield con


Connection = Annotated[duckdb.DuckDBPyConnection, Depends(read_connection)]


def settings(request: Request) -> ApiSettings:
    return request.app.state.settings


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int


def page(
    request: Request,
    limit: Annotated[
        int | None,
        Query(ge=1, description="Rows per page; capped by the server (default 50, max 500)."),
    ] = None,
    offset: Annotated[int, Query(ge=0, le=2**31, description="Rows to skip.")] = 0,
) -> Page:
    cfg = settings(request)
    return Page(min(limit or cfg.default_limit, cfg.max_limit), offset)


Paging = Annotated[Page, Depends(page)]


def iso_day(value: str | None, name: str) -> str | None:
    """``YYYY-MM-DD`` or 400: DuckDB would otherwise fail the cast deep in the query."""
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ApiError(400, f"{name}: {value!r} is not a date YYYY-MM-DD") from None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    parts = value.split(",")
    try:
        box = tuple(float(p) for p in parts)
    except ValueError:
        box = ()
    if len(box) != 4 or not (-180 <= box[0] <= box[2] <= 180 and -90 <= box[1] <= box[3] <= 90):
        raise ApiError(400, f"bbox: {value!r} is not min_lon,min_lat,max_lon,max_lat in degrees")
    return box


def _listed(values: list[str] | None) -> list[str] | None:
    """Repeated parameters and comma-separated values both: ``type=ASSAULT,AID``."""
    if not values:
        return None
    out = [v.strip() for item in values for v in item.split(",") if v.strip()]
    return out or None


@dataclass(frozen=True)
class EventFilters:
    actor: str | None = None
    type: list[str] | None = None
    country: str | None = None
    place: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    since: str | None = None
    until: str | None = None
    modality: list[str] | None = None
    source: str | None = None
    article: str | None = None

    def kwargs(self) -> dict[str, Any]:
        return dict(self.__dict__)


def event_filters(
    actor: Annotated[
        str | None, Query(description="Actor id, name or any alias (case-insensitive).")
    ] = None,
    type: Annotated[
        list[str] | None, Query(description="PLOVER event type(s); repeat or comma-separate.")
    ] = None,
    country: Annotated[
        str | None, Query(description="Participant's code or the location's country (ISO3).")
    ] = None,
    place: Annotated[
        str | None, Query(description="Place id (e.g. geonames:99237) or the place text.")
    ] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
    since: Annotated[str | None, Query(description="First event day, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(description="Last event day, YYYY-MM-DD.")] = None,
    modality: Annotated[
        list[str] | None, Query(description="asserted, planned, negated, hypothetical.")
    ] = None,
    source: Annotated[
        str | None, Query(description="Outlet, site, or start of the input path.")
    ] = None,
    article: Annotated[str | None, Query(description="Only this article's events.")] = None,
) -> EventFilters:
    return EventFilters(
        actor=actor or None,
        type=_listed(type),
        country=country or None,
        place=place or None,
        bbox=parse_bbox(bbox),
        since=iso_day(since, "since"),
        until=iso_day(until, "until"),
        modality=_listed(modality),
        source=source or None,
        article=article or None,
    )


Filters = Annotated[EventFilters, Depends(event_filters)]


def paged(con: duckdb.DuckDBPyConnection, query: queries.Query, p: Page) -> dict[str, Any]:
    """A page of rows plus the total the filters match, so clients can page on."""
    items = queries.fetch(con, query)
    if items and len(items) < p.limit:  # the last page: no second query needed
        total = p.offset + len(items)
    else:
        total = queries.fetch(con, queries.count(query))[0]["n"]
    return {"items": items, "total": total, "limit": p.limit, "offset": p.offset}
