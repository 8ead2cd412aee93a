"""/api/actors: the actor list, and one actor's page (codings and dated roles over time,
events as actor and as recipient, the actors it appears with)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from sitroom.http.deps import Connection, Page, Paging, paged
from sitroom.http.errors import ApiError
from sitroom.query import queries

router = APIRouter(prefix="/api/actors", tags=["actors"])

PAGE_EVENTS = 100
"""Events of each role shown on an actor page; the events endpoint pages through the rest."""


@router.get("", summary="List actors, most mentioned first")
def list_actors(
    con: Connection,
    p: Paging,
    q: Annotated[
        str | None, Query(max_length=200, description="Part of an id or name, or a whole alias.")
    ] = None,
    country: Annotated[
        str | None, Query(description="Coded country (ISO3 or PLOVER code).")
    ] = None,
    kind: Annotated[
        str | None, Query(description="person, organisation, armed_group, country, ...")
    ] = None,
) -> dict[str, Any]:
    return paged(
        con, queries.actors(search=q, country=country, kind=kind, limit=p.limit, offset=p.offset), p
    )


@router.get("/{actor}", summary="One actor's page, by id, name or any alias")
def get_actor(con: Connection, actor: str) -> dict[str, Any]:
    found = queries.fetch(con, queries.actor_lookup(actor))
    if not found:
        raise ApiError(404, f"no actor with id, name or alias {actor!r}")
    row = found[0]
    first = Page(PAGE_EVENTS, 0)
    return {
        "actor": row,
        "codings": queries.fetch(con, queries.actor_codings(row["id"])),
        "roles": queries.fetch(con, queries.actor_roles(row["id"])),
        "as_actor": paged(con, queries.actor_events(row["id"], "actor", PAGE_EVENTS), first),
        "as_recipient": paged(
            con, queries.actor_events(row["id"], "recipient", PAGE_EVENTS), first
        ),
        "co_actors": queries.fetch(con, queries.co_actors(row["id"])),
        "timeline": queries.fetch(con, queries.events_per_day(actor=row["id"])),
    }
