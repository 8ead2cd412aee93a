"""``sitroom articles``: list stored articles (all SCHEMA.md article fields in json/jsonl)."""

from __future__ import annotations

from typing import Annotated

import typer

from sitroom.cli.app import app
from sitroom.cli.options import DEFAULT_DB, DbOption, FormatOption, OutputFormat
from sitroom.cli.output import emit
from sitroom.query import queries
from sitroom.store import StoreError, reading

TABLE_COLUMNS = ["id", "published", "dateline", "title", "duplicate_of", "source"]


@app.command()
def articles(
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = OutputFormat.table,
    limit: Annotated[int, typer.Option("--limit", min=0, help="At most this many articles.")] = 100,
    search: Annotated[
        str | None, typer.Option("--search", help="Only articles containing every word.")
    ] = None,
) -> None:
    """List stored articles, newest first."""
    try:
        with reading(db) as con:
            rows = queries.fetch(con, queries.articles(search=search, limit=limit))
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    emit(rows, fmt, TABLE_COLUMNS)
