"""/api/search: full-text search over titles, summaries and bodies (every word must start
a word), with a snippet around the first hit, plus actors whose names match."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Query

from sitroom.http.deps import Connection, Paging
from sitroom.query import queries

router = APIRouter(prefix="/api/search", tags=["search"])

SNIPPET_CHARS = 160


def snippet(text: str, words: list[str]) -> dict[str, Any]:
    """A window of the body around the first word found: its text and the hit's offsets
    into the body, so the page can highlight without parsing markup."""
    for word in words:
        hit = re.search(r"\b" + re.escape(word), text, flags=re.IGNORECASE)
        if hit:
            start = max(0, hit.start() - SNIPPET_CHARS // 2)
            return {
                "text": text[start : start + SNIPPET_CHARS],
                "offset": start,
                "hit_start": hit.start(),
                "hit_end": hit.end(),
            }
    return {"text": text[:SNIPPET_CHARS], "offset": 0, "hit_start": None, "hit_end": None}


@router.get("", summary="Search articles (and actor names)")
def search(
    con: Connection,
    p: Paging,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Words to find.")],
) -> dict[str, Any]:
    words = re.findall(r"\w+", q.lower())
    rows = queries.fetch(con, queries.articles(search=q, limit=p.limit, offset=p.offset))
    total = queries.fetch(
        con, queries.count(queries.articles(search=q, limit=p.limit, offset=p.offset))
    )[0]["n"]
    items = [
        {
            "id": r["id"],
            "title": r["title"],
            "published": r["published"],
            "source": r["source"],
            "outlet": r["outlet"],
            "duplicate_of": r["duplicate_of"],
            "snippet": snippet(r["text"] or "", words),
        }
        for r in rows
    ]
    actors = queries.fetch(con, queries.actors(search=q, limit=10))
    return {
        "items": items,
        "total": total,
        "limit": p.limit,
        "offset": p.offset,
        "actors": [
            {"id": a["id"], "name": a["name"], "kind": a["kind"], "articles": a["articles"]}
            for a in actors
        ],
    }
