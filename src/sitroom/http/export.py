"""/api/export/{format}: the events under the shared filters as a file, written by
``sitroom.export`` (the same code as ``sitroom export``); the formats, their media types and
file names are those ``sitroom.export.writers`` registers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from sitroom.export import FORMATS, ExportError, export_bytes
from sitroom.export.writers import WRITERS
from sitroom.http.deps import Connection, Filters
from sitroom.http.errors import ApiError

router = APIRouter(prefix="/api/export", tags=["export"])


@router.get(
    "/{fmt}",
    summary=f"Export events ({', '.join(FORMATS)})",
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
    writer = WRITERS.get(fmt)
    if writer is None:
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
        media_type=writer.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="sitroom-events.{writer.suffix}"',
            "X-Sitroom-Skipped": str(skipped),
        },
    )
