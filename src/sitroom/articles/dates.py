"""Publication dates: date lines of page dumps and dates handed over by containers.

dateparser reads the many ways sites print a date ("Updated 13 March 2023",
"March 13, 2023 10:04 AM", ISO stamps, French and Arabic month names) without a format list
per site. A date line must hold a full day-month-year and little else, so headlines and body
sentences that merely mention a date are never taken for the page's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import dateparser

from sitroom.articles.rules import date_label_rules

LANGUAGES = ["en", "fr", "ar"]
_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
MAX_DATE_CHARS = 60
"""Longer strings are sentences that mention a date, not date lines."""
MAX_DATE_WORDS = 9


@dataclass(frozen=True)
class DateStamp:
    """A date line's meaning: ``role`` is ``published`` or ``updated``; a bare date with no
    label counts as ``published``."""

    role: str
    value: str
    rule: str


def parse_date(text: str) -> str | None:
    """ISO ``YYYY-MM-DD`` when ``text`` is one full date (time and zone allowed), else None."""
    text = text.strip().strip(",;|")
    if (
        not text
        or len(text) > MAX_DATE_CHARS
        or len(text.split()) > MAX_DATE_WORDS
        or not _YEAR.search(text)
    ):
        return None
    iso = _ISO_DAY.match(text)
    if iso:
        try:
            return date.fromisoformat(iso.group(1)).isoformat()
        except ValueError:
            return None
    parsed = dateparser.parse(text, languages=LANGUAGES, settings=_SETTINGS)
    return parsed.date().isoformat() if parsed else None


def date_stamp(text: str) -> DateStamp | None:
    """Read a date line such as "Updated 13 March 2023" or "Published: 2024-05-01 09:30"."""
    text = text.strip()
    for rule in date_label_rules():
        label = rule.pattern.match(text)
        if label:
            value = parse_date(text[label.end() :])
            return DateStamp(rule.value, value, rule.rule) if value else None
    value = parse_date(text)
    return DateStamp("published", value, "segment.date.bare") if value else None


def to_iso_date(value: object) -> str | None:
    """Normalise a container's date (feed, WARC, JSONL field; string or datetime) to ISO."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return parse_date(value)
    return None
