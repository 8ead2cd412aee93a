"""The API's route groups, in the order the app includes them (and OpenAPI lists them).
A new group is a module with a ``router`` and one line here."""

from __future__ import annotations

from fastapi import APIRouter

from sitroom.http import (
    actors,
    articles,
    claims,
    claims_compare,
    corrections,
    events,
    export,
    ingest,
    places,
    search,
    stats,
    watchlists,
)

ROUTERS: list[APIRouter] = [
    articles.router,
    events.router,
    actors.router,
    places.router,
    claims_compare.router,
    claims.router,
    search.router,
    stats.router,
    export.router,
    ingest.router,
    corrections.router,
    watchlists.router,
]
