"""/api/export/{format}: the events under the shared filters as a file, written by
``sitroom.export`` (the same code as ``sitroom export``): ACLED-style CSV, PLOVER JSON or
JSONL, GeoJSON, Parquet."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from sitroom.export import FORMATS, MEDIA_TYPES, ExportError, export_bytes
from sitroom.http.deps import Connection, Filters
from sitroom.http.errors import ApiError

router = APIRouter(prefix="/api/export", tags=["export"])

_SUFFIX = {
    "csv": "csv",
    "plover": "json",
    "jsonl": "jsonl",
    "geojson": "geojson",
    "parquet": "parquet",
}


@router.get(
    "/{fmt}",
    summary="Export events (csv, plover, jsonl, geojson, parquet)",
    response_class=Response,
    responses={
        200: {
            "description": "The export file; X-Sitroom-Skipped counts events it could not hold "
            "(GeoJSON: events without coordinates)."
        }
    },
)
def export(
    con: Connection,
    f: Filters,
    fmt: Annotated[str, Path(description=f"One of {', '.join(FORMATS)}.")],
    one_per_cluster: Annotated[
        bool, Query(description="One event per cluster of reports of the same event.")
    ] = False,
    min_sources: Annotated[
        int | None,
        Query(ge=1, le=10_000, description="Events reported by at least this many sources."),
    ] = None,
) -> Response:
    if fmt not in FORMATS:
        raise ApiError(404, f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    extra = {"one_per_cluster": one_per_cluster or None, "min_sources": min_sources}
    try:
        data, skipped = export_bytes(
            con, fmt, **f.kwargs(), **{k: v for k, v in extra.items() if v}
        )
    except ExportError as exc:
        raise ApiError(400, str(exc)) from None
    return Response(
        data,
        media_type=MEDIA_TYPES[fmt],
        headers={
            "Content-Disposition": f'attachment; filename="sitroom-events.{_SUFFIX[fmt]}"',
            "X-Sitroom-Skipped": str(skipped),
        },
    )
