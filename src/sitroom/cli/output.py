"""Prints rows in the four output formats every listing command offers."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from sitroom.cli.options import OutputFormat


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def emit(
    rows: Iterable[dict[str, Any]], fmt: OutputFormat, columns: Sequence[str] | None = None
) -> None:
    """Write ``rows`` to stdout; ``columns`` picks and orders what table and csv show."""
    rows = list(rows)
    cols = list(columns or (rows[0].keys() if rows else []))
    if fmt is OutputFormat.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    elif fmt is OutputFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt is OutputFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(cols)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in cols])
    else:
        table = Table(show_lines=False)
        for c in cols:
            table.add_column(c, overflow="fold")
        for row in rows:
            table.add_row(*[_cell(row.get(c))[:120] for c in cols])
        Console().print(table)
