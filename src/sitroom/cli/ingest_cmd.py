"""``sitroom ingest``: inputs -> articles -> extractions -> the embedded store.

Prints one ``error: <source>: <reason>`` line per problem and a final summary line; exits
1 when anything failed. ``--follow DIR`` keeps polling a folder and ingests files that
are new or changed once they stop growing, until interrupted: the first Ctrl-C or
SIGTERM stops it after the batch being stored, a second one at once (that batch rolls back).
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sitroom.cli.app import app
from sitroom.cli.options import DEFAULT_DB, DbOption, QuietOption
from sitroom.ingest import IngestTotals, ingest_articles
from sitroom.model import Article, ReadProblem
from sitroom.store import Store, StoreError


class _Run:
    """One ingest invocation: the store, the running totals and where lines go."""

    def __init__(self, db: Path, published: str | None, batch_size: int, quiet: bool) -> None:
        self.store = Store(db)
        self.published = published
        self.batch_size = batch_size
        self.console = Console(stderr=True, highlight=False, soft_wrap=True)
        self.show_progress = not quiet and self.console.is_terminal
        self.totals = IngestTotals()
        self.stopping = threading.Event()
        """Set by the first stop signal while following: finish the batch, then stop."""

    def problem(self, line: str) -> None:
        self.totals.failed += 1
        self.console.print(f"error: {line}", markup=False)

    def ingest_files(self, files: list[Path]) -> None:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.console,
            disable=not self.show_progress,
            transient=True,
        ) as progress:
            task = progress.add_task("ingest", total=len(files))
            for path in files:
                if self.stopping.is_set():
                    break
                progress.update(task, description=f"{path.name[:40]} · {self.totals.new} new")
                report = ingest_articles(
                    self.store,
                    self._articles(path),
                    self.batch_size,
                    on_problem=lambda line: self.console.print(f"error: {line}", markup=False),
                    stop=self.stopping.is_set,
                )
                self.totals.add(report)
                progress.advance(task)

    def _articles(self, path: Path) -> Iterator[Article]:
        from sitroom.articles.stream import articles_from_inputs

        yield from articles_from_inputs(
            [str(path)], default_published=self.published, on_problem=self._read_problem
        )

    def _read_problem(self, problem: ReadProblem) -> None:
        self.problem(str(problem))


def _expand(inputs: list[str], run: _Run) -> list[Path]:
    from sitroom.sources.dispatch import expand

    files: list[Path] = []
    for item in inputs:
        for found in expand(item):
            if isinstance(found, ReadProblem):
                run.problem(str(found))
            else:
                files.append(found)
    return files


def _follow(directory: Path, interval: float, run: _Run) -> None:
    """Poll ``directory``; a file is ingested once its size and mtime held still for one
    poll (so half-written files are not read), and again whenever it changes."""
    done: dict[Path, tuple[int, int]] = {}
    pending: dict[Path, tuple[int, int]] = {}
    while not run.stopping.is_set():
        ready = []
        for path in _expand([str(directory)], run):
            try:
                stat = path.stat()
            except OSError:
                continue  # vanished between listing and stat: the next poll decides
            state = (stat.st_size, stat.st_mtime_ns)
            if done.get(path) == state:
                continue
            if pending.get(path) == state:
                ready.append(path)
                done[path] = pending.pop(path)
            else:
                pending[path] = state
        if ready:
            before = (run.totals.new, run.totals.duplicate, run.totals.failed)
            run.ingest_files(ready)
            if (run.totals.new, run.totals.duplicate, run.totals.failed) != before:
                run.console.print(f"{len(ready)} file(s): {run.totals.summary()}", markup=False)
        run.stopping.wait(interval)


def _stop_on_signals(run: _Run) -> None:
    """Ctrl-C and SIGTERM ask the follower to stop after the batch it is storing, so the
    summary counts every stored article; a second signal stops at once (``KeyboardInterrupt``:
    the batch being written rolls back)."""

    def handler(signum: int, frame: object) -> None:
        if run.stopping.is_set():
            raise KeyboardInterrupt
        run.stopping.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


@app.command()
def ingest(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, directories or globs: dumps, HTML, JSONL, RSS/Atom, WARC(.gz)."
        ),
    ] = None,
    db: DbOption = DEFAULT_DB,
    published: Annotated[
        str | None,
        typer.Option("--published", help="Reference date YYYY-MM-DD where the input has none."),
    ] = None,
    quiet: QuietOption = False,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles per transaction.")
    ] = 32,
    follow: Annotated[
        Path | None,
        typer.Option(
            "--follow", help="Then keep watching this directory for new or changed files."
        ),
    ] = None,
    interval: Annotated[
        float, typer.Option("--interval", min=0.05, help="Seconds between polls with --follow.")
    ] = 2.0,
) -> None:
    """Read, extract and store articles; re-ingesting the same content adds nothing."""
    if not inputs and follow is None:
        typer.echo("error: give inputs to ingest, or --follow DIR", err=True)
        raise typer.Exit(2)
    if follow is not None and not follow.is_dir():
        typer.echo(f"error: {follow}: not a directory to follow", err=True)
        raise typer.Exit(2)
    try:
        run = _Run(db, published, batch_size, quiet)
        if inputs:
            run.ingest_files(_expand(inputs, run))
        if follow is not None:
            _stop_on_signals(run)
            try:
                _follow(follow, interval, run)
            except KeyboardInterrupt:
                pass
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    sys.stdout.write(run.totals.summary() + "\n")
    if run.totals.failed:
        raise typer.Exit(1)
