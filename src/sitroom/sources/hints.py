"""Normalising the metadata containers carry (``RawDocument.hints``).

Dates become ISO ``YYYY-MM-DD`` here, once, so segmentation can trust a ``published``
hint whatever container it came from (a JSONL string, a feed's parsed time, a WARC
header). Strings that are not ISO 8601 are parsed with dateparser, the library the
time extractor uses too, restricted to absolute dates (no "yesterday" relative to the
machine clock).
"""

from __future__ import annotations

import datetime as dt
import time

import dateparser

_DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PARSERS": ["absolute-time"],
}
MAX_DATE_CHARS = 100
"""A stated date is short; dateparser's cost grows with the string, so a long field (a
hostile or broken record) is no date rather than seconds of parsing."""


def iso_date(value: object) -> str | None:
    """``value`` (ISO string, RFC 822 string, ``struct_time``, ``datetime``) as an ISO
    calendar date, or ``None`` when it names no date."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        try:  # feedparser turns "0000-00-00" into year -1: a date no calendar has
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
        except ValueError:
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if len(text) > MAX_DATE_CHARS:
        return None
    try:
        return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date().isoformat() if parsed else None
