"""``sitroom extract``: inputs -> SCHEMA.md records on stdout, no database needed."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from sitroom.articles.stream import articles_from_inputs
from sitroom.cli.app import app
from sitroom.cli.options import FormatOption, OutputFormat
from sitroom.cli.output import emit


@app.command()
def extract(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories or globs: dumps, HTML, JSONL, RSS/Atom, WARC(.gz)."
        ),
    ],
    fmt: FormatOption = OutputFormat.jsonl,
    published: Annotated[
        str | None,
        typer.Option("--published", help="Reference date YYYY-MM-DD where the input has none."),
    ] = None,
) -> None:
    """Extract articles, mentions, actors, places, times, events and claims (SCHEMA.md)."""
    from sitroom.extract import extract_articles

    problems: list[str] = []
    articles = articles_from_inputs(
        inputs, default_published=published, on_problem=lambda p: problems.append(str(p))
    )
    records = (x.to_json() for x in extract_articles(articles))
    if fmt is OutputFormat.jsonl:
        for rec in records:
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    elif fmt is OutputFormat.json:
        json.dump(list(records), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        emit(
            (
                {**r["article"], "events": len(r["events"]), "claims": len(r["claims"])}
                for r in records
            ),
            fmt,
            ["id", "published", "dateline", "title", "events", "claims"],
        )
    for p in problems:
        typer.echo(f"error: {p}", err=True)
    if problems:
        raise typer.Exit(1)
