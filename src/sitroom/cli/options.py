"""Options shared by every subcommand, so ``--db`` and ``--format`` mean the same everywhere."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

DEFAULT_DB = Path(os.environ.get("SITROOM_DB", "data/sitroom.duckdb"))


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


DbOption = Annotated[
    Path,
    typer.Option(
        "--db", help="Embedded store file (DuckDB). Env: SITROOM_DB.", envvar="SITROOM_DB"
    ),
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar, only the summary and errors.")
]
