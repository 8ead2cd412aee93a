"""``sitroom reextract``: run the current pipeline again on articles an older pipeline
version coded, keeping the articles and every correction made on them."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from sitroom.cli.app import app
from sitroom.cli.options import DEFAULT_DB, DbOption
from sitroom.store import StoreError


@app.command()
def reextract(
    db: DbOption = DEFAULT_DB,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles per transaction.")
    ] = 32,
    everything: Annotated[
        bool, typer.Option("--all", help="Every article, even those the current pipeline coded.")
    ] = False,
) -> None:
    """Replace the extracted rows of stale articles, one transaction per batch."""
    from sitroom.ingest import reextract as run

    problems = []

    def problem(line: str) -> None:
        problems.append(line)
        typer.echo(f"error: {line}", err=True)

    try:
        report = run(db, batch_size=batch_size, everything=everything, on_problem=problem)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    sys.stdout.write(report.summary() + "\n")
    if report.failed:
        raise typer.Exit(1)
