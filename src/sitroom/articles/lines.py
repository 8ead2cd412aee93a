"""What one line of a page dump is: structural tests shared by splitting and segmentation.

Every test looks at the shape of a line (a bullet marker, sentence punctuation, a
date and little else, a credit at the end, a label from the boilerplate table) rather than at
one site's strings, so a dump from a site never seen before is still read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitroom.articles.dates import DateStamp, date_stamp
from sitroom.articles.rules import boilerplate_rules, caption_rules

BULLET = re.compile(r"^\s*(?:[•●◦▪▸►‣∙·*]|[-–—](?=\s))\s+(?=\S)")
"""A summary bullet: a marker followed by a space ("• ...", "- ...", "* ...")."""
SEPARATOR = re.compile(r"^\s*(?:[-=_*~#•·]\s*){3,}$")
"""A rule line between articles: "-----", "=====", "* * *"."""
_FIELD_SPLIT = re.compile(r"\s+[|·•]\s+|\s+[|]|[|]\s+")
"""Meta lines pack several fields: "Published: 12 March 2024 | Share | Comments"."""
_SENTENCE_END = re.compile(r"[.!?…:;\"”’')\]»]$")
_NAME_WORD = r"(?:[A-Z\u0600-\u06FF][\w.'’-]*|al|el|de|bin|ibn|van|von|and|et)"
_BYLINE = re.compile(
    r"^(?:[Bb]y|[Ww]ritten by|[Rr]eporting by|[Pp]ar|بقلم)\s*:?\s+"
    rf"(?P<name>{_NAME_WORD}(?:[\s-]+{_NAME_WORD}){{0,5}})"
    r"(?:\s*(?:,|\bin\b|[-–—])\s*.{0,40})?$"
)
WORD_RE = re.compile(r"\w+")
_NOISE = re.compile(r"[\d()\[\]{}:|]+")
SHORT_FRAGMENT_WORDS = 4
"""Lines this short without sentence punctuation are widgets and labels, not prose."""


def words(text: str) -> int:
    return len(WORD_RE.findall(text))


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.rstrip()))


def is_bullet(line: str) -> bool:
    return bool(BULLET.match(line))


def strip_bullet(line: str) -> str:
    return BULLET.sub("", line, count=1).strip()


def norm(line: str) -> str:
    """Comparison form: repeated titles match despite case, spacing and quote style."""
    line = line.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(line.split()).casefold()


@lru_cache(maxsize=8192)
def boilerplate_rule(line: str) -> str | None:
    """Rule id when the line (or one ``|``-separated field of it) is site furniture.
    Cached: segmentation and the furniture pass ask about the same lines."""
    text = line.strip()
    bare = " ".join(_NOISE.sub(" ", text).split())
    for rule in boilerplate_rules():
        if rule.kind == "exact" and bare and rule.pattern.fullmatch(bare):
            return rule.rule
        if rule.kind == "prefix" and rule.pattern.match(text):
            return rule.rule
        if rule.kind == "regex" and rule.pattern.search(text):
            return rule.rule
    return None


def byline(line: str) -> str | None:
    """The author's name in "By Jane Doe" / "By Jane Doe, Reuters" lines."""
    match = _BYLINE.match(line.strip())
    return match.group("name").strip() if match else None


def caption_rule(line: str, header: bool) -> str | None:
    """Rule id when the line ends (or opens) with a photo credit; ``header`` allows the
    looser agency credits that only mean "caption" above the body."""
    for rule in caption_rules():
        if (header or rule.kind == "anywhere") and rule.pattern.search(line.strip()):
            return rule.rule
    return None


@dataclass
class Meta:
    """What a metadata line told: dates, an author, and the rules that fired."""

    dates: list[DateStamp]
    author: str | None
    rules: list[str]


def meta(line: str) -> Meta | None:
    """Read a line made only of dates, bylines and boilerplate fields; None for prose.

    "Published: 12 March 2024 | Share | Comments" and "By Jane Doe · 3 min read" are meta
    lines; "Follow" alone is one too (pure boilerplate), and so is a row of short labels
    ("Home | World | Region", "Share on X | Email") whatever the labels say.
    """
    fields = [f for f in _FIELD_SPLIT.split(line.strip()) if f.strip()]
    if not fields:
        return None
    found = Meta([], None, [])
    for text in fields:
        stamp = date_stamp(text)
        if stamp:
            found.dates.append(stamp)
            found.rules.append(stamp.rule)
            continue
        name = byline(text)
        if name and not ends_sentence(text.rstrip(".")):
            found.author = found.author or name
            found.rules.append("segment.byline")
            continue
        rule = boilerplate_rule(text)
        if rule is None and len(fields) > 1 and is_short_fragment(text):
            rule = "segment.boilerplate.widget-row"
        if rule is None:
            return None
        found.rules.append(rule)
    return found


def is_short_fragment(line: str) -> bool:
    """A few words with no sentence punctuation: a button, a label, a section name."""
    return words(line) <= SHORT_FRAGMENT_WORDS and not ends_sentence(line)


def is_title_like(line: str) -> bool:
    """Could be a headline: a few words to a couple of lines, not closed by a full stop."""
    text = line.strip()
    return (
        3 <= words(text) <= 30
        and 12 <= len(text) <= 220
        and not text.endswith((".", ",", ";"))
        and not is_bullet(text)
        and not SEPARATOR.match(text)
        and caption_rule(text, header=False) is None
        and boilerplate_rule(text) is None
        and meta(text) is None
    )


def is_prose(line: str) -> bool:
    """A body paragraph: a sentence of several words, or a long run of words."""
    n = words(line)
    return (n >= 6 and ends_sentence(line)) or n >= 20
