"""``sitroom export``: events from the store in any format ``sitroom.export.writers``
registers (ACLED-style CSV, PLOVER JSON/JSONL, GeoJSON, Parquet), with the same filters as
``sitroom events`` (docs/exports.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli.app import app
from sitroom.cli.events_cmd import (
    ActorOpt,
    BboxOpt,
    ClusterOpt,
    CountryOpt,
    MinSourcesOpt,
    ModalityOpt,
    ModeOpt,
    OnePerClusterOpt,
    PlaceOpt,
    SinceOpt,
    SourceOpt,
    TypeOpt,
    UntilOpt,
    event_filters,
    fail,
)
from sitroom.cli.options import DEFAULT_DB, DbOption
from sitroom.export.writers import WRITERS
from sitroom.store import StoreError, reading

_FORMAT_NAMES = ", ".join(list(WRITERS)[:-1]) + " or " + list(WRITERS)[-1]


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"{_FORMAT_NAMES}.")] = "csv",
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Output file (default: stdout, text formats)."),
    ] = None,
    db: DbOption = DEFAULT_DB,
    actor: ActorOpt = None,
    type: TypeOpt = None,
    mode: ModeOpt = None,
    country: CountryOpt = None,
    place: PlaceOpt = None,
    bbox: BboxOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    modality: ModalityOpt = None,
    source: SourceOpt = None,
    cluster: ClusterOpt = None,
    min_independent_sources: MinSourcesOpt = None,
    one_per_cluster: OnePerClusterOpt = False,
) -> None:
    """Export stored events (one row per event, or --one-per-cluster) with provenance."""
    from sitroom.export import FORMATS, ExportError, export_bytes

    fmt = fmt.lower()
    if fmt not in WRITERS:
        fail(f"--format: unknown export format {fmt!r}: use one of {', '.join(FORMATS)}", 2)
    if WRITERS[fmt].binary and out is None:
        fail(f"--format {fmt}: binary output needs --out PATH", 2)
    filters = event_filters(
        actor,
        type,
        mode,
        country,
        place,
        bbox,
        since,
        until,
        modality,
        source,
        cluster,
        min_independent_sources,
        one_per_cluster,
    )
    try:
        with reading(db) as con:
            data, skipped = export_bytes(con, fmt, **filters)
    except (StoreError, ExportError) as exc:
        fail(str(exc))
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        tmp = out.with_name(out.name + ".part")
        try:
            tmp.write_bytes(data)
            tmp.replace(out)
        except OSError as exc:
            fail(f"{out}: cannot write: {exc.strerror or exc}")
        typer.echo(f"exported to {out} ({fmt}, {len(data)} bytes)", err=True)
    if skipped:
        typer.echo(f"note: {skipped} events without coordinates are not in the GeoJSON", err=True)
