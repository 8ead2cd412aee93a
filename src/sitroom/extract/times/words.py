"""The time grammar's vocabulary: lexicon, pattern pieces and the helpers handlers share.

Everything here is read from ``data/time_lexicon.json`` or derived from it (the regex
pieces for numbers, months, weekdays, units, day parts), so the handlers in
``time_named`` and ``time_relative`` and the rule table in ``time_grammar`` speak of
words, not of spellings.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources

from sitroom.extract.times.calendar import Resolved, Tense

LEXICON = json.loads(
    resources.files("sitroom.extract.times").joinpath("data/time_lexicon.json").read_text("utf-8")
)

MONTHS: dict[str, int] = LEXICON["months"]
WEEKDAYS: dict[str, int] = LEXICON["weekdays"]
SEASONS: dict[str, list] = LEXICON["seasons"]
DAY_PARTS: dict[str, str] = LEXICON["day_parts"]
UNITS: dict[str, str] = LEXICON["units"]
NUMBERS: dict[str, float] = LEXICON["numbers"]
ORDINALS: dict[str, int] = LEXICON["ordinals"]
DECADE_WORDS: dict[str, int] = LEXICON["decade_words"]
HOLIDAYS: dict[str, list[int]] = LEXICON["holidays"]
MOVABLE_HOLIDAYS: dict[str, list[int]] = LEXICON["movable_holidays"]
REFS: dict[str, str] = LEXICON["refs"]
SET_ADVERBS: dict[str, str] = LEXICON["set_adverbs"]
VAGUE: list[str] = LEXICON["vague_numbers"]


def alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first so "sept" wins over "sep"."""
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


UNIT_WORDS = [w for w in UNITS]
TENS = [w for w, n in NUMBERS.items() if isinstance(n, int) and n >= 20 and n % 10 == 0 and n < 100]
ONES = [
    w for w, n in NUMBERS.items() if isinstance(n, int) and 1 <= n <= 9 and w not in ("a", "an")
]
NUM = (
    rf"(?:(?:{alt(TENS)})[\s-](?:{alt(ONES)})|{alt(NUMBERS)}|\d+\s+1/2|\d+(?:\.\d+)?)"
    rf"(?:[\s-]and[\s-]a[\s-]half)?"
)
_FULL_MONTHS = [w for w in MONTHS if len(w) > 4 or w in ("may", "june", "july")]
_ABBR_MONTHS = [w for w in MONTHS if w not in _FULL_MONTHS]
MON = rf"(?P<mon>(?:{alt(_FULL_MONTHS)})\b|(?:{alt(_ABBR_MONTHS)})\b\.?)"
WD = rf"(?P<wd>{alt(WEEKDAYS)})"
MOD = (
    r"(?:early|late|mid|mid-|earlier|later|the\s+end\s+of|the\s+beginning\s+of"
    r"|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of)"
)
YEAR = r"(?P<y>1[5-9]\d\d|20\d\d)"
PART = rf"(?P<part>{alt(DAY_PARTS)})"
DATE_PREPOSITIONS = {
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "through",
    "during",
    "of",
    "before",
    "after",
    "between",
    "early",
    "late",
    "mid",
    "around",
    "circa",
    "and",
    "to",
    "at",
    "for",
    "year",
    "fiscal",
    "as",
    "summer",
    "spring",
    "winter",
    "autumn",
    "fall",
    "about",
    "the",
}


@dataclass(frozen=True)
class Context:
    """What a handler may look at besides its match: whether a span is a spaCy DATE entity
    (to accept bare years) and whether the match is the whole input (a given span)."""

    date_spans: tuple[tuple[int, int], ...] = ()
    whole: bool = False

    def in_date_entity(self, start: int, end: int) -> bool:
        return self.whole or any(s <= start and end <= e for s, e in self.date_spans)


def number_value(text: str) -> float | None:
    """The value of a numeral written in digits or words ("twenty four", "two-and-a-half")."""
    text = re.sub(r"[\s-]+", " ", text.lower()).strip()
    extra = 0.0
    if text.endswith(" and a half"):
        text, extra = text[: -len(" and a half")], 0.5
    if text.endswith(" 1/2"):
        text, extra = text[: -len(" 1/2")], 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text) + extra
    if text in NUMBERS:
        return NUMBERS[text] + extra
    parts = text.split(" ")
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]] + extra
    return None


def unit_code(word: str) -> str:
    word = word.lower()
    if word == "centuries":
        return "CE"
    return UNITS[word[:-1] if word.endswith("s") and word[:-1] in UNITS else word]


def capitalised(word: str | None) -> bool:
    return word is not None and word[:1].isupper()


def preceding_word(m: re.Match) -> str:
    before = re.findall(r"[A-Za-z]+", m.string[max(0, m.start() - 20) : m.start()])
    return before[-1].lower() if before else ""


def following_word(m: re.Match) -> str:
    after = re.match(r"\s*([A-Za-z%$]+)", m.string[m.end() : m.end() + 20])
    return after.group(1) if after else ""


SMALLER_UNIT = {
    "Y": (12, "M"),
    "W": (7, "D"),
    "D": (24, "TH"),
    "TH": (60, "TM"),
    "TM": (60, "TS"),
    "DE": (10, "Y"),
}


def duration(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: P2Y, P2Y6M, PT3H, P20Y for two decades, PXY for an unknown amount."""
    if amount is not None and unit in ("DE", "CE"):
        amount, unit = amount * (10 if unit == "DE" else 100), "Y"
    if amount is not None and not float(amount).is_integer() and unit in SMALLER_UNIT:
        factor, small = SMALLER_UNIT[unit]
        whole, rest = int(amount), round((amount - int(amount)) * factor)
        head = duration(whole, unit) if whole else "P"
        tail = duration(rest, small)[1:]
        if "T" in head and tail.startswith("T"):
            tail = tail[1:]
        return head + tail
    if amount is None:
        number = "X"
    else:
        number = str(int(amount)) if float(amount).is_integer() else str(amount)
    if unit == "2W":
        return "P2W" if amount is None else f"P{_fmt(2 * amount)}W"
    if unit.startswith("T"):
        return f"PT{number}{unit[1:]}"
    return f"P{number}{unit}"


def _fmt(amount: float) -> str:
    return str(int(amount)) if float(amount).is_integer() else str(amount)


def fixed(resolved: Resolved) -> Callable[[dt.date | None, Tense], Resolved]:
    return lambda anchor, tense: resolved


def anchored(fn: Callable[[dt.date, Tense], Resolved | None], unresolved: Resolved | None = None):
    """Wraps a resolver that needs the publication date; without one the expression is kept
    with no value (the span and type are still right)."""

    def resolve(anchor: dt.date | None, tense: Tense) -> Resolved | None:
        if anchor is None:
            return unresolved
        return fn(anchor, tense)

    return resolve


def month_of(m: re.Match) -> int:
    return MONTHS[m["mon"].lower().rstrip(".")]
