"""/api/watchlists: saved watchlists and one Atom feed each, for feed readers."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from sitroom.http.errors import ApiError
from sitroom.watchlists import WatchlistError, all_watchlists
from sitroom.watchlists.feed import watchlist_feed

router = APIRouter(prefix="/api/watchlists", tags=["watchlists"])


@router.get("", summary="Saved watchlists")
def list_watchlists(request: Request) -> dict[str, Any]:
    items = [
        {**w.to_json(), "filters": w.describe(), "feed": f"/api/watchlists/{w.name}/feed.atom"}
        for w in all_watchlists(request.app.state.db_path)
    ]
    return {"items": items, "total": len(items)}


@router.get(
    "/{name}/feed.atom",
    summary="A watchlist's latest events as an Atom feed",
    response_class=Response,
    responses={200: {"content": {"application/atom+xml": {}}}},
)
async def feed(request: Request, name: str) -> Response:
    base = str(request.base_url).rstrip("/")
    try:
        body = await run_in_threadpool(watchlist_feed, request.app.state.db_path, name, base)
    except WatchlistError as exc:
        raise ApiError(404, str(exc)) from None
    return Response(body, media_type="application/atom+xml; charset=utf-8")
