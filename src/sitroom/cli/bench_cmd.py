"""``sitroom bench``: the benchmark corpus through the whole pipeline, next to bare spaCy.

Prints one JSON object (also written to ``--out``/bench.json); progress goes to stderr.
Figures are wall-clock on this machine: other work running at the same time slows them,
which is why the spaCy limit is measured in the same run on the same texts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from sitroom.bench import DEFAULT_SHARED
from sitroom.cli.app import app


@app.command()
def bench(
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Only the first N documents (a quick run).")
    ] = None,
    processes: Annotated[
        int, typer.Option("--processes", min=1, help="Worker processes for sitroom and spaCy.")
    ] = 1,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="nlp.pipe batch size for sitroom.")
    ] = 32,
    stream: Annotated[
        int | None,
        typer.Option(
            "--stream", min=0, help="Stream N marked copies (default 20000; 0 with --limit)."
        ),
    ] = None,
    events_store: Annotated[
        int | None,
        typer.Option(
            "--events-store", min=0, help="Synthetic events to time queries on (default 1M)."
        ),
    ] = None,
    profile: Annotated[
        bool, typer.Option("--profile/--no-profile", help="pyinstrument profile to --out.")
    ] = True,
    shared: Annotated[
        Path, typer.Option("--shared", help="The shared folder holding gold/.")
    ] = DEFAULT_SHARED,
    out: Annotated[Path, typer.Option("--out", help="Where bench.json and the profile go.")] = Path(
        "bench-out"
    ),
) -> None:
    """Throughput, memory, stage shares and query latency; the ratio to bare spaCy."""
    from sitroom.bench.corpus import CorpusError
    from sitroom.bench.run import run_bench
    from sitroom.bench.stream import StreamError
    from sitroom.store import StoreError

    def step(line: str) -> None:
        typer.echo(f"bench: {line} ...", err=True)

    try:
        result = run_bench(
            shared, out, limit, processes, batch_size, stream, events_store, profile, step
        )
    except (CorpusError, StreamError, StoreError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=2)
    (out / "bench.json").write_text(text + "\n", encoding="utf-8")
    sys.stdout.write(text + "\n")
