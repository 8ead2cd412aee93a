"""The export formats, each registered once with what it needs to be served.

A format is one ``Writer`` in ``WRITERS``: the CLI's ``--format`` choices, the HTTP
endpoint (its formats, media types and file names) and the formats table of
docs/exports.md (a test keeps it equal to ``formats_table()``) all read this table, so a
new format is one function and one entry here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from sitroom.export.acled import COLUMN_NAMES, SCHEMA, acled_row
from sitroom.export.geojson import feature_collection
from sitroom.export.plover import plover_record
from sitroom.export.records import ExportEvent

Write = Callable[[list[ExportEvent]], tuple[bytes, int]]
"""Events in, the file's bytes out, with how many events the format could not hold."""


@dataclass(frozen=True)
class Writer:
    """One export format: how to write it and how to serve and document the result."""

    write: Write
    media_type: str
    suffix: str
    what: str
    notes: str
    binary: bool = False
    """Binary output is never written to a terminal: the CLI wants ``--out`` for it."""


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


def write_csv(events: list[ExportEvent]) -> tuple[bytes, int]:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMN_NAMES)
    for e in events:
        row = acled_row(e)
        writer.writerow([_csv_cell(row[c]) for c in COLUMN_NAMES])
    return buf.getvalue().encode("utf-8"), 0


def write_plover(events: list[ExportEvent]) -> tuple[bytes, int]:
    text = json.dumps(
        [plover_record(e) for e in events], ensure_ascii=False, indent=1, default=_json_default
    )
    return (text + "\n").encode("utf-8"), 0


def write_jsonl(events: list[ExportEvent]) -> tuple[bytes, int]:
    lines = (
        json.dumps(plover_record(e), ensure_ascii=False, default=_json_default) + "\n"
        for e in events
    )
    return "".join(lines).encode("utf-8"), 0


def write_geojson(events: list[ExportEvent]) -> tuple[bytes, int]:
    collection, skipped = feature_collection(events)
    text = json.dumps(collection, ensure_ascii=False, default=_json_default)
    return (text + "\n").encode("utf-8"), skipped


def write_parquet(events: list[ExportEvent]) -> tuple[bytes, int]:
    table = pa.Table.from_pylist([acled_row(e) for e in events], schema=SCHEMA)
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue(), 0


WRITERS: dict[str, Writer] = {
    "csv": Writer(
        write_csv,
        "text/csv",
        "csv",
        "ACLED-style columns, then sitroom's",
        "UTF-8, header row, one row per event",
    ),
    "plover": Writer(
        write_plover,
        "application/json",
        "json",
        "JSON array of PLOVER records",
        "POLECAT-style flat record + provenance",
    ),
    "jsonl": Writer(
        write_jsonl,
        "application/x-ndjson",
        "jsonl",
        "the same records, one per line",
        "for streaming",
    ),
    "geojson": Writer(
        write_geojson,
        "application/geo+json",
        "geojson",
        "RFC 7946 FeatureCollection",
        "Point `[lon, lat]`, WGS 84, `bbox`; events without coordinates left out (count on stderr)",
    ),
    "parquet": Writer(
        write_parquet,
        "application/vnd.apache.parquet",
        "parquet",
        "the CSV columns, typed",
        "pyarrow, zstd; readable by DuckDB, pandas, Spark",
        binary=True,
    ),
}
"""In the order the CLI help, the API and the docs list them."""


def formats_table() -> str:
    """The formats table of docs/exports.md."""
    lines = ["| format | what | notes |", "|---|---|---|"]
    lines += [f"| `{name}` | {w.what} | {w.notes} |" for name, w in WRITERS.items()]
    return "\n".join(lines) + "\n"
