"""``sitroom events``: list stored events with the query layer's filters, and their clusters.

The filter options defined here are reused by ``sitroom export``, so a listing and an
export made with the same options hold the same events.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from sitroom.cli.app import app
from sitroom.cli.options import DEFAULT_DB, DbOption, FormatOption, OutputFormat
from sitroom.cli.output import emit
from sitroom.query import clusters as cluster_queries
from sitroom.query import queries
from sitroom.store import StoreError, reading

ActorOpt = Annotated[
    str | None, typer.Option("--actor", help="Actor id, name or any alias (actor or recipient).")
]
TypeOpt = Annotated[
    list[str] | None, typer.Option("--type", help="PLOVER type; repeat for several.")
]
ModeOpt = Annotated[
    list[str] | None, typer.Option("--mode", help="PLOVER mode; repeat for several.")
]
CountryOpt = Annotated[
    str | None, typer.Option("--country", help="Participant or location country code (IRQ).")
]
PlaceOpt = Annotated[
    str | None, typer.Option("--place", help="Place id (geonames:98182) or location text.")
]
BboxOpt = Annotated[str | None, typer.Option("--bbox", help="min_lon,min_lat,max_lon,max_lat.")]
SinceOpt = Annotated[
    str | None, typer.Option("--since", help="Event day on or after (YYYY-MM-DD).")
]
UntilOpt = Annotated[
    str | None, typer.Option("--until", help="Event day on or before (YYYY-MM-DD).")
]
ModalityOpt = Annotated[
    list[str] | None, typer.Option("--modality", help="asserted, planned, negated, hypothetical.")
]
SourceOpt = Annotated[
    str | None, typer.Option("--source", help="Outlet, site, or start of the input path.")
]
ClusterOpt = Annotated[
    str | None, typer.Option("--cluster", help="Only the events of this cluster id.")
]
MinSourcesOpt = Annotated[
    int | None,
    typer.Option(
        "--min-independent-sources", min=1, help="Only events whose cluster rests on this many."
    ),
]
OnePerClusterOpt = Annotated[
    bool, typer.Option("--one-per-cluster", help="One representative event per cluster.")
]

TABLE_COLUMNS = [
    "day",
    "type",
    "mode",
    "modality",
    "actor_ids",
    "location_text",
    "cluster_id",
    "cluster_sources",
    "cluster_independent_sources",
    "article_title",
]
CLUSTER_COLUMNS = [
    "cluster_id",
    "type",
    "events",
    "sources",
    "independent_sources",
    "first_day",
    "last_day",
    "source_keys",
]


def fail(message: str, code: int = 1) -> None:
    """One line on stderr, no traceback."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _date(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        fail(f"{name}: {value!r} is not a date YYYY-MM-DD", 2)
    return None


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        parts = tuple(float(v) for v in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4 or not (
        -180 <= parts[0] <= parts[2] <= 180 and -90 <= parts[1] <= parts[3] <= 90
    ):
        fail(f"--bbox: {value!r} is not min_lon,min_lat,max_lon,max_lat", 2)
    return parts  # type: ignore[return-value]


def event_filters(
    actor: str | None,
    type: list[str] | None,
    mode: list[str] | None,
    country: str | None,
    place: str | None,
    bbox: str | None,
    since: str | None,
    until: str | None,
    modality: list[str] | None,
    source: str | None,
    cluster: str | None,
    min_independent_sources: int | None,
    one_per_cluster: bool,
) -> dict[str, Any]:
    """Checked CLI options as ``cluster_queries.events`` keyword filters (unset ones left out)."""
    filters = {
        "actor": actor,
        "type": [t.upper() for t in type] if type else None,
        "mode": mode or None,
        "country": country.upper() if country else None,
        "place": place,
        "bbox": _bbox(bbox),
        "since": _date("--since", since),
        "until": _date("--until", until),
        "modality": modality or None,
        "source": source,
        "cluster": cluster,
        "min_independent_sources": min_independent_sources,
        "one_per_cluster": one_per_cluster or None,
    }
    return {k: v for k, v in filters.items() if v is not None}


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = OutputFormat.table,
    limit: Annotated[int, typer.Option("--limit", min=0, help="At most this many rows.")] = 100,
    clusters: Annotated[
        bool, typer.Option("--clusters", help="List clusters (with source counts), not events.")
    ] = False,
    actor: ActorOpt = None,
    type: TypeOpt = None,
    mode: ModeOpt = None,
    country: CountryOpt = None,
    place: PlaceOpt = None,
    bbox: BboxOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    modality: ModalityOpt = None,
    source: SourceOpt = None,
    cluster: ClusterOpt = None,
    min_independent_sources: MinSourcesOpt = None,
    one_per_cluster: OnePerClusterOpt = False,
) -> None:
    """List stored events newest first (or --clusters), with their cluster and source counts."""
    filters = event_filters(
        actor,
        type,
        mode,
        country,
        place,
        bbox,
        since,
        until,
        modality,
        source,
        cluster,
        min_independent_sources,
        one_per_cluster,
    )
    try:
        with reading(db) as con:
            if clusters:
                rows = queries.fetch(con, cluster_queries.clusters(limit=limit, **filters))
            else:
                rows = queries.fetch(con, cluster_queries.events(limit=limit, **filters))
    except StoreError as exc:
        fail(str(exc))
    columns = CLUSTER_COLUMNS if clusters else TABLE_COLUMNS
    emit(rows, fmt, columns if fmt in (OutputFormat.table, OutputFormat.csv) else None)
