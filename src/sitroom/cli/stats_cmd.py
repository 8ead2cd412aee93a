"""``sitroom stats``: what the store holds, the summary ``make run`` ends with."""

from __future__ import annotations

import json
import sys

import typer

from sitroom.cli.app import app
from sitroom.cli.options import DEFAULT_DB, DbOption, FormatOption, OutputFormat
from sitroom.cli.output import emit
from sitroom.query import clusters as cluster_queries
from sitroom.query import queries
from sitroom.store import StoreError, reading


@app.command()
def stats(db: DbOption = DEFAULT_DB, fmt: FormatOption = OutputFormat.table) -> None:
    """Count articles, near-duplicates, mentions, actors, places, events by type, clusters,
    sources and claims."""
    try:
        with reading(db) as con:
            figures = queries.stats(con)
            figures.update(cluster_queries.stats(con))
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    if fmt in (OutputFormat.json, OutputFormat.jsonl):
        sys.stdout.write(json.dumps(figures, indent=2 if fmt is OutputFormat.json else None) + "\n")
        return
    by_type = figures.pop("events_by_type")
    rows = [{"what": k, "count": v} for k, v in figures.items()]
    rows += [{"what": f"events: {t}", "count": n} for t, n in by_type.items()]
    emit(rows, fmt, ["what", "count"])
