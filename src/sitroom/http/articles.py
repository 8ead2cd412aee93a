"""/api/articles: stored articles, and one article with its whole extraction (what the
article reader needs to highlight the evidence of any event or claim)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from sitroom.http.deps import Connection, Paging, iso_day, paged
from sitroom.http.errors import ApiError
from sitroom.query import queries

router = APIRouter(prefix="/api/articles", tags=["articles"])

_OFFSETS = {"start_char": "start", "end_char": "end"}
"""The store names offsets start_char/end_char ("end" is SQL); SCHEMA.md says start/end."""


def _schema_names(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{_OFFSETS.get(k, k): v for k, v in row.items()} for row in rows]


@router.get("", summary="List articles, newest first")
def list_articles(
    con: Connection,
    p: Paging,
    q: Annotated[
        str | None,
        Query(max_length=200, description="Every word must start a word of the article."),
    ] = None,
    source: Annotated[
        str | None, Query(description="Outlet, site, or start of the input path.")
    ] = None,
    since: Annotated[str | None, Query(description="First publication day, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(description="Last publication day, YYYY-MM-DD.")] = None,
    include_duplicates: Annotated[
        bool, Query(description="Include near-duplicates of earlier articles.")
    ] = True,
    with_text: Annotated[bool, Query(description="Include the body text.")] = False,
) -> dict[str, Any]:
    query = queries.articles(
        search=q,
        source=source,
        since=iso_day(since, "since"),
        until=iso_day(until, "until"),
        include_duplicates=include_duplicates,
        with_text=with_text,
        limit=p.limit,
        offset=p.offset,
    )
    return paged(con, query, p)


@router.get("/{article_id}", summary="One article with its full extraction")
def get_article(con: Connection, article_id: str) -> dict[str, Any]:
    found = queries.fetch(con, queries.articles(ids=[article_id], limit=1))
    if not found:
        raise ApiError(404, f"no article with id {article_id!r}")
    return {
        "article": found[0],
        **{
            part: _schema_names(queries.fetch(con, queries.article_part(part, article_id)))
            for part in ("mentions", "actors", "places", "times")
        },
        "events": queries.fetch(con, queries.events(article=article_id, limit=None)),
        "claims": queries.fetch(con, queries.claims(article=article_id, limit=None)),
    }
