"""``sitroom watch``: saved event queries, what is new since the last run, Atom feeds."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli.app import app
from sitroom.cli.options import DEFAULT_DB, DbOption, FormatOption, OutputFormat
from sitroom.cli.output import emit

watch_app = typer.Typer(
    help="Watchlists: follow an actor, type or place without opening the page.",
    no_args_is_help=True,
)
app.add_typer(watch_app, name="watch")

RUN_COLUMNS = [
    "day",
    "type",
    "actor_ids",
    "location_text",
    "review",
    "corrected",
    "cluster_independent_sources",
    "article_title",
    "id",
]


def _fail(exc: Exception) -> None:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(1) from None


@watch_app.command("add")
def watch_add(
    name: Annotated[str, typer.Argument(help="Watchlist name (letters, digits, - _ .).")],
    actor: Annotated[str | None, typer.Option("--actor", help="Actor id, name or alias.")] = None,
    type_: Annotated[
        list[str] | None, typer.Option("--type", help="PLOVER type; repeat or comma-separate.")
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="Participant or location country (ISO3).")
    ] = None,
    place: Annotated[str | None, typer.Option("--place", help="Place id or location text.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Event day on or after (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Event day on or before (YYYY-MM-DD).")
    ] = None,
    days: Annotated[
        int | None, typer.Option("--days", help="Rolling window: events of the last N days.")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Redefine an existing watchlist (cursor restarts).")
    ] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Save a watchlist."""
    from sitroom.store import StoreError
    from sitroom.watchlists import Watchlist, WatchlistError, add

    types = [t for item in type_ or [] for t in item.split(",")]
    try:
        w = add(
            db, Watchlist(name, actor, types, country, place, since, until, days), replace=replace
        )
    except (WatchlistError, StoreError) as exc:
        _fail(exc)
    typer.echo(f"watchlist {w.name}: {w.describe()}")


@watch_app.command("list")
def watch_list(db: DbOption = DEFAULT_DB, fmt: FormatOption = OutputFormat.table) -> None:
    """Saved watchlists with their filters and last run."""
    from sitroom.store import StoreError
    from sitroom.watchlists import all_watchlists

    try:
        found = all_watchlists(db)
    except StoreError as exc:
        _fail(exc)
    rows = [{**w.to_json(), "filters": w.describe()} for w in found]
    emit(
        rows,
        fmt,
        ["name", "filters", "last_run_at", "cursor_seq"] if fmt is OutputFormat.table else None,
    )


@watch_app.command("remove")
def watch_remove(name: Annotated[str, typer.Argument()], db: DbOption = DEFAULT_DB) -> None:
    """Delete a watchlist."""
    from sitroom.store import StoreError
    from sitroom.watchlists import WatchlistError, remove

    try:
        remove(db, name)
    except (WatchlistError, StoreError) as exc:
        _fail(exc)
    typer.echo(f"watchlist {name}: removed")


@watch_app.command("run")
def watch_run(
    name: Annotated[str, typer.Argument(help="Watchlist name.")],
    peek: Annotated[
        bool, typer.Option("--peek", help="Show what is new without moving the cursor.")
    ] = False,
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Print the events stored since this watchlist's last run, then remember this run."""
    from sitroom.store import StoreError
    from sitroom.watchlists import WatchlistError, run

    try:
        w, rows = run(db, name, advance=not peek)
    except (WatchlistError, StoreError) as exc:
        _fail(exc)
    emit(rows, fmt, RUN_COLUMNS if fmt in (OutputFormat.table, OutputFormat.csv) else None)
    since = w.last_run_at.isoformat(timespec="seconds") if w.last_run_at else "the start"
    typer.echo(f"{name}: {len(rows)} new events since {since}", err=True)


@watch_app.command("feed")
def watch_feed(
    name: Annotated[str, typer.Argument(help="Watchlist name.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    base_url: Annotated[
        str, typer.Option("--base-url", help="Where `sitroom serve` answers.")
    ] = "http://127.0.0.1:8000",
    db: DbOption = DEFAULT_DB,
) -> None:
    """The watchlist's Atom feed (the same document `sitroom serve` serves)."""
    from sitroom.store import StoreError
    from sitroom.watchlists import WatchlistError
    from sitroom.watchlists.feed import watchlist_feed

    try:
        body = watchlist_feed(db, name, base_url)
    except (WatchlistError, StoreError) as exc:
        _fail(exc)
    if output:
        output.write_bytes(body)
    else:
        sys.stdout.buffer.write(body)
