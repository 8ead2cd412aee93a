"""An Atom feed (RFC 4287) of a watchlist's latest events, built with feedgen so escaping
and the required elements (feed and entry ``id``, ``title``, ``updated``, ``author``,
``link``) are the library's job, not string formatting.

Entry ids are ``urn:sitroom:event:<event id>``: event ids are content-derived, so a feed
reader sees the same entry across server restarts and re-ingests. ``updated`` is when the
event's article was stored, which is when it became news to the reader.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from feedgen.feed import FeedGenerator

from sitroom import settings
from sitroom.watchlists import get, matching


def _utc(value: dt.datetime | None) -> dt.datetime:
    value = value or dt.datetime.now(dt.UTC)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _names(parts: Any) -> str:
    parts = json.loads(parts) if isinstance(parts, str) else parts or []
    return ", ".join(p.get("actor") or p.get("text") or "?" for p in parts)


def _title(e: dict[str, Any]) -> str:
    who = _names(e["actors"])
    whom = _names(e["recipients"])
    where = f" in {e['location_text']}" if e.get("location_text") else ""
    when = f" on {e['day']}" if e.get("day") else ""
    return f"{e['type']}: {who or 'unknown actor'}{' -> ' + whom if whom else ''}{where}{when}"


def _summary(e: dict[str, Any]) -> str:
    trust = (
        f"{e.get('rule')} score {e.get('score')}; review: {e.get('review')}"
        + (f" (corrected: {', '.join(e['corrected'])})" if e.get("corrected") else "")
        + f"; independent sources: {e.get('independent_sources')}"
    )
    return f"{e.get('evidence_text') or ''}\n\n{e.get('article_title') or ''}\n{trust}".strip()


def watchlist_feed(db: Path | str, name: str, base_url: str = "http://127.0.0.1:8000") -> bytes:
    """The Atom document for watchlist ``name`` (raises ``WatchlistError`` if unknown)."""
    w = get(db, name)
    rows, _ = matching(db, w, limit=settings.integer("query.feed_size"))
    base = base_url.rstrip("/")
    fg = FeedGenerator()
    fg.id(f"urn:sitroom:watchlist:{quote(w.name)}")
    fg.title(f"sitroom watchlist {w.name}")
    fg.subtitle(w.describe())
    fg.author({"name": "sitroom"})
    fg.link(
        href=f"{base}/api/watchlists/{quote(w.name)}/feed.atom",
        rel="self",
        type="application/atom+xml",
    )
    shown = {k: v for k, v in w.filters().items() if v and k != "type"}
    fg.link(href=f"{base}/api/events?{urlencode(shown)}", rel="alternate")
    fg.generator("sitroom")
    newest = None
    for e in reversed(rows):  # feedgen lists the last added first: newest first in the document
        stored = _utc(e.get("article_ingested_at"))
        newest = max(newest, stored) if newest else stored
        entry = fg.add_entry()
        entry.id(f"urn:sitroom:event:{e['id']}")
        entry.title(_title(e))
        entry.updated(stored)
        if e.get("article_published"):
            try:
                entry.published(_utc(dt.datetime.fromisoformat(e["article_published"][:10])))
            except ValueError:
                pass
        entry.link(
            href=e.get("article_url")
            or f"{base}/api/events?{urlencode({'article': e['article_id']})}",
            rel="alternate",
        )
        entry.summary(_summary(e))
        entry.category(term=e["type"])
    fg.updated(newest or _utc(w.created_at))
    return fg.atom_str(pretty=True)
