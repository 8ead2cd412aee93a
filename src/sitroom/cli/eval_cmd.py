"""``sitroom eval``: print a table and a JSON document of every evaluation's figures."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from sitroom.cli.app import app

DEFAULT_SHARED = Path(__file__).resolve().parents[4] / "shared"


@app.command("eval")
def eval_(
    shared: Annotated[
        Path, typer.Option("--shared", help="The shared folder holding gold/ and corpus/.")
    ] = DEFAULT_SHARED,
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--only", help="Run only these evaluations (repeatable; geo brings ged along)."
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Cap documents per evaluation for a quick run.")
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the figures to this JSON file.")
    ] = None,
) -> None:
    """Score NER, geoparsing, TIMEX3, attribution, events and the seed expectations on dev gold."""
    if not shared.is_dir():
        typer.echo(f"error: {shared}: gold folder not found (use --shared)", err=True)
        raise typer.Exit(2)
    from sitroom.evaluate.registry import selected  # loads every evaluation's models

    results: dict[str, dict] = {}
    console = Console(stderr=True)
    for module in selected(only):
        console.print(f"[bold]eval[/] {module.NAME} …")
        started = time.perf_counter()
        try:
            figures = module.run(shared, limit=limit)
        except FileNotFoundError as exc:
            figures = {"error": f"missing gold file: {exc.filename}"}
        figures["seconds"] = round(time.perf_counter() - started, 1)
        results[module.NAME] = figures
    table = Table(title="sitroom eval")
    for col in ("evaluation", "metric", "value"):
        table.add_column(col)
    for name, figures in results.items():
        for metric, value in figures.items():
            table.add_row(name, metric, f"{value:.3f}" if isinstance(value, float) else str(value))
    Console(file=sys.stderr).print(table)
    doc = json.dumps(results, indent=2)
    sys.stdout.write(doc + "\n")
    if json_out:
        json_out.write_text(doc + "\n", encoding="utf-8")
