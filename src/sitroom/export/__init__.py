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

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from sitroom.export.acled import COLUMN_NAMES, SCHEMA, acled_row
from sitroom.export.geojson import feature_collection
from sitroom.export.plover import plover_record
from sitroom.export.records import ExportEvent, load
from sitroom.store import reading

FORMATS = ("csv", "plover", "jsonl", "geojson", "parquet")
"""csv: ACLED-style columns; plover: a JSON array of PLOVER records; jsonl: the same
records one per line; geojson: RFC 7946 FeatureCollection; parquet: the CSV columns,
typed, zstd-compressed."""
BINARY_FORMATS = frozenset({"parquet"})
MEDIA_TYPES = {
    "csv": "text/csv",
    "plover": "application/json",
    "jsonl": "application/x-ndjson",
    "geojson": "application/geo+json",
    "parquet": "application/vnd.apache.parquet",
}


class ExportError(ValueError):
    """A request the exporter cannot serve (unknown format, parquet to a terminal ...)."""


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, dt.date) else value


def render(events: list[ExportEvent], fmt: str) -> tuple[bytes, int]:
    """``events`` in format ``fmt``; also how many could not be written (GeoJSON: events
    without coordinates)."""
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(COLUMN_NAMES)
        for e in events:
            row = acled_row(e)
            writer.writerow([_csv_cell(row[c]) for c in COLUMN_NAMES])
        return buf.getvalue().encode("utf-8"), 0
    if fmt == "plover":
        text = json.dumps(
            [plover_record(e) for e in events], ensure_ascii=False, indent=1, default=_json_default
        )
        return (text + "\n").encode("utf-8"), 0
    if fmt == "jsonl":
        lines = (
            json.dumps(plover_record(e), ensure_ascii=False, default=_json_default) + "\n"
            for e in events
        )
        return "".join(lines).encode("utf-8"), 0
    if fmt == "geojson":
        collection, skipped = feature_collection(events)
        return (json.dumps(collection, ensure_ascii=False, default=_json_default) + "\n").encode(
            "utf-8"
        ), skipped
    if fmt == "parquet":
        table = pa.Table.from_pylist([acled_row(e) for e in events], schema=SCHEMA)
        sink = io.BytesIO()
        pq.write_table(table, sink, compression="zstd")
        return sink.getvalue(), 0
    raise ExportError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")


def export_bytes(con: duckdb.DuckDBPyConnection, fmt: str, **filters: Any) -> tuple[bytes, int]:
    """The events matching ``filters`` in ``fmt``, and how many were left out."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    return render(load(con, **filters), fmt)


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
