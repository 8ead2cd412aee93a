"""``sitroom spark`` (inputs -> date-partitioned Parquet on Apache Spark) and
``sitroom import-parquet`` (that output -> the embedded store).

The same job runs under ``spark-submit`` on a cluster: see ``sitroom.scale.job`` and
docs/scale.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli.app import app
from sitroom.cli.options import DEFAULT_DB, DbOption


@app.command()
def spark(
    inputs: Annotated[
        list[str], typer.Argument(help="WARC/JSONL/HTML/text/Parquet files, folders or globs.")
    ],
    out: Annotated[
        str, typer.Option("--out", help="Output folder or URI for the Parquet tables.")
    ] = "spark-out",
    master: Annotated[str, typer.Option("--master", help="Spark master URL.")] = "local[*]",
) -> None:
    """Run the pipeline on Spark, one task per input file; prints a JSON summary."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        typer.echo("error: pyspark is not installed (pip install 'sitroom[spark]')", err=True)
        raise typer.Exit(2) from None
    from sitroom.scale.job import run_job

    summary = run_job(inputs, out, master=master)
    for problem in summary["problems"]:
        typer.echo(f"error: {problem}", err=True)
    sys.stdout.write(
        json.dumps({k: v for k, v in summary.items() if k != "per_input"}, indent=2) + "\n"
    )
    if summary["problems"]:
        raise typer.Exit(1)


@app.command("import-parquet")
def import_parquet_cmd(
    directory: Annotated[Path, typer.Argument(help="Output folder of `sitroom spark`.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Import `sitroom spark` output into the store; importing it again adds nothing."""
    from sitroom.scale.parquet_import import import_parquet
    from sitroom.store import StoreError

    try:
        added = import_parquet(directory, db)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    sys.stdout.write(json.dumps({"added": added}) + "\n")
