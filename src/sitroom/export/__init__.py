"""Exports of the store's events: ACLED-style CSV, PLOVER JSON/JSONL, GeoJSON and Parquet.

Plain functions for the CLI, the HTTP API and notebooks::

    from sitroom.export import export_bytes, export_file
    with reading(db) as con:
        data, skipped = export_bytes(con, "geojson", actor="ISIS", since="2024-01-01")
    export_file(db, "parquet", Path("events.parquet"), type="ASSAULT")

Filters are those of ``sitroom.query.queries.events`` (actor incl. aliases, type, country,
place, bbox, since, until, modality, source, article) plus ``cluster_queries``' mode,
cluster, min_sources, min_independent_sources and one_per_cluster. docs/exports.md lists
the columns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from sitroom.export.records import ExportEvent, load
from sitroom.export.writers import WRITERS, Writer
from sitroom.store import reading

FORMATS = tuple(WRITERS)
"""csv: ACLED-style columns; plover: a JSON array of PLOVER records; jsonl: the same
records one per line; geojson: RFC 7946 FeatureCollection; parquet: the CSV columns,
typed, zstd-compressed (``sitroom.export.writers`` registers them)."""


class ExportError(ValueError):
    """A request the exporter cannot serve (unknown format, parquet to a terminal ...)."""


def writer(fmt: str) -> Writer:
    """The registered writer of ``fmt``, or an ``ExportError`` naming the formats there are."""
    try:
        return WRITERS[fmt]
    except KeyError:
        raise ExportError(
            f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}"
        ) from None


def render(events: list[ExportEvent], fmt: str) -> tuple[bytes, int]:
    """``events`` in format ``fmt``; also how many could not be written (GeoJSON: events
    without coordinates)."""
    return writer(fmt).write(events)


def export_bytes(con: duckdb.DuckDBPyConnection, fmt: str, **filters: Any) -> tuple[bytes, int]:
    """The events matching ``filters`` in ``fmt``, and how many were left out."""
    return writer(fmt).write(load(con, **filters))


def export_file(db_path: Path | str, fmt: str, out: Path | str, **filters: Any) -> tuple[int, int]:
    """Write the export to ``out`` (replaced whole only once complete); return how many
    events matched and how many were left out."""
    with reading(Path(db_path)) as con:
        events = load(con, **filters) if fmt in FORMATS else []
        data, skipped = render(events, fmt)
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(out)
    return len(events), skipped
