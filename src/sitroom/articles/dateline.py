"""Datelines: the place a story was filed from, at the start of its first paragraph.

Wire and newspaper style puts it in capitals before a colon or a dash ("BAGHDAD:",
"MOSCOW (Reuters) -", "BEIRUT, Lebanon —", "DEIR EZ-ZOR, Syria, March 5 (AFP) —"); agency
style may write it in title case when an agency credit follows ("Baghdad (AFP) -"), and
Arabic papers open with the place and a colon ("بغداد:"). The
dateline stays in the body text (it is part of what the paper printed); only its place name
is copied to ``Article.dateline``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sitroom.articles.rules import table_rows

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
_REGION = r"(?:,\s*(?P<region>[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2}))?"
_TAIL = rf"{_REGION}(?:,?\s*{_MONTH})?"
_DASH = r"\s*(?::|—|–|--|-)\s+"
# Words are joined by spaces only: a hyphen already belongs to a word ("EZ-ZOR"), and letting
# it also separate words made "A-A-A-…" split every possible way (catastrophic backtracking).
_CAPS = re.compile(
    rf"^(?P<place>[A-Z][A-Z'’.-]*(?: [A-Z][A-Z'’.-]*){{0,3}}){_TAIL}"
    rf"(?:\s*\((?P<agency>[^()]{{2,30}})\))?{_DASH}"
)
_TITLE_CASE = re.compile(
    rf"^(?P<place>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){{0,2}}){_TAIL}"
    rf"\s*\((?P<agency>[A-Z][\w .&-]{{1,29}})\){_DASH}"
)

_ARABIC = re.compile(
    r"^(?P<place>[\u0621-\u064A]{3,}(?: [\u0621-\u064A]{2,})?)"
    r"\s*(?:\((?P<agency>[^()]{2,30})\))?\s*(?::|—|–|-)\s+"
)
"""Arabic papers print "بغداد:" or "دير الزور -" the same way, without capitals to go by."""


@dataclass(frozen=True)
class Dateline:
    """The place as printed, the agency credit if any, and the span in the paragraph."""

    place: str
    agency: str | None
    start: int
    end: int
    rule: str


@cache
def _not_places() -> frozenset[str]:
    return frozenset(r["label"] for r in table_rows("dateline_labels.csv"))


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening ``text`` (an article body), or None."""
    patterns = (
        (_CAPS, "segment.dateline.caps"),
        (_TITLE_CASE, "segment.dateline.agency"),
        (_ARABIC, "segment.dateline.arabic"),
    )
    for pattern, rule in patterns:
        match = pattern.match(text)
        if not match:
            continue
        place = match.group("place").strip(" .-")
        letters = sum(c.isalpha() for c in place)
        if letters < 3 or place.upper() in _not_places():
            continue
        return Dateline(
            place,
            match.group("agency"),
            match.start("place"),
            match.start("place") + len(place),
            rule,
        )
    return None
