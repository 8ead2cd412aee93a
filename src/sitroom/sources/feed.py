"""RSS and Atom files: one ``RawDocument(media_type="text/html")`` per item.

feedparser is used because it is the long-maintained reference parser for every RSS
and Atom dialect, copes with the broken feeds found in the wild (a loose parser takes
over when XML parsing fails), detects the XML encoding itself and sanitises item HTML.
It also refuses XML external entities: unsafe ``<!ENTITY>`` declarations are stripped
before parsing and the SAX parser's external-entity feature is off, so a feed cannot
make sitroom read local files (XXE); a test guards this. The feed is handed over as an
in-memory stream, never as a string, so feedparser never treats input as a URL to fetch.
"""

from __future__ import annotations

import html
import io
import xml.sax
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser

from sitroom.model import RawDocument, ReadProblem
from sitroom.sources.hints import iso_date
from sitroom.sources.opening import DEFAULT_LIMITS, InputError, Limits, bom_encoding, read_whole


def read_feed(
    path: Path, source: str, limits: Limits = DEFAULT_LIMITS
) -> Iterator[RawDocument | ReadProblem]:
    try:
        data, truncation = read_whole(path, limits, check_lines=False)
        if not data.strip():
            raise InputError("empty (no feed)")
        if bom_encoding(data) is None and b"\x00" in data:
            raise InputError("binary content (NUL bytes), not a feed")
    except InputError as exc:
        yield ReadProblem(source, exc.reason)
        return
    try:
        parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    except Exception as exc:
        yield ReadProblem(
            source, f"malformed feed (the feed parser failed: {type(exc).__name__}: {exc})"
        )
        return
    malformed = _malformed(parsed)
    if not parsed.entries:
        reason = (
            truncation
            or malformed
            or ("feed has no items" if parsed.version else "not an RSS/Atom feed")
        )
        yield ReadProblem(source, reason)
        return
    outlet = parsed.feed.get("title") or None
    recovered = 0
    for n, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#item:{n}"
        body = entry_html(entry)
        if body is None:
            if not (truncation or malformed):  # else the item is the damaged part, reported below
                yield ReadProblem(where, "feed item has no content or summary text")
            continue
        recovered += 1
        yield RawDocument(
            source=where, body=body, media_type="text/html", hints=entry_hints(entry, outlet)
        )
    if truncation or malformed:
        yield ReadProblem(
            source, f"{truncation or malformed}; {recovered} item(s) with text recovered"
        )


def _malformed(parsed: Any) -> str | None:
    """A reason when the feed is not well-formed XML (feedparser then falls back to its
    loose parser); encoding and content-type notices are not failures."""
    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(exc, xml.sax.SAXParseException):
        return f"malformed XML feed (line {exc.getLineNumber()}: {exc.getMessage()})"
    if exc is not None and not isinstance(
        exc, (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    ):
        return f"malformed feed ({exc})"
    return None


def entry_html(entry: Any) -> str | None:
    """The richest text an item carries (full content before summary) as HTML."""
    candidates = [c for c in entry.get("content", []) if c.get("value", "").strip()]
    if entry.get("summary", "").strip():
        candidates.append(
            entry.get("summary_detail") or {"value": entry.summary, "type": "text/html"}
        )
    if not candidates:
        return None
    best = candidates[0]
    value = best["value"]
    if best.get("type") == "text/plain":
        return "".join(f"<p>{html.escape(p.strip())}</p>" for p in value.split("\n\n") if p.strip())
    return value


def entry_hints(entry: Any, outlet: str | None) -> dict[str, str]:
    """What the feed states about an item; it overrides what the page might say."""
    # dict.get: feedparser's own get() maps a missing updated date to the published one.
    published, updated = dict.get(entry, "published_parsed"), dict.get(entry, "updated_parsed")
    hints = {
        "title": entry.get("title"),
        "published": iso_date(published or updated),
        "updated": iso_date(updated) if published else None,
        "url": entry.get("link"),
        "outlet": outlet,
        "author": entry.get("author"),
    }
    return {k: v.strip() for k, v in hints.items() if isinstance(v, str) and v.strip()}
