"""Finds and normalises temporal expressions with regular patterns built from a lexicon.

The patterns are few and compositional (number + unit, modifier + month, relative word +
unit…) and are generated from ``data/time_lexicon.json`` (``time_words``), so adding a
month spelling or a unit is a data change. Each pattern carries a rule id that ends up on
the TimeExpr's ``Explanation`` ("time.<rule>") and a handler (``time_named``,
``time_relative``) that accepts or rejects a match and resolves it. spaCy's DATE entities
only help with one decision the patterns cannot make alone: whether a bare four-digit
number is a year.

The same grammar serves two callers: ``scan`` reads an article body, and
``normalise_expression`` normalises one given span (gold spans in evaluation, or a phrase
another component already holds).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from sitroom.extract.common import rule_table
from sitroom.extract.common.pattern_scan import Scanner, fold
from sitroom.extract.times.calendar import Resolved, Tense
from sitroom.extract.times.named import (
    h_century,
    h_decade,
    h_holiday,
    h_iso_date,
    h_month,
    h_month_day,
    h_month_relative_year,
    h_month_year,
    h_movable_holiday,
    h_numeric_date,
    h_season,
    h_spoken_year,
    h_year,
)
from sitroom.extract.times.relative import (
    h_ago,
    h_bare_plural,
    h_clock,
    h_clock_day,
    h_deictic,
    h_duration,
    h_frequency,
    h_latest_quarter,
    h_ordinal_part,
    h_ref,
    h_relative_unit,
    h_set_adverb,
    h_set_every,
    h_weekday,
    h_weekend,
    h_year_earlier,
)
from sitroom.extract.times.words import (
    DECADE_WORDS,
    HOLIDAYS,
    MOD,
    MON,
    MOVABLE_HOLIDAYS,
    NUM,
    ONES,
    ORDINALS,
    PART,
    REFS,
    SEASONS,
    SET_ADVERBS,
    TENS,
    UNIT_WORDS,
    VAGUE,
    WD,
    YEAR,
    Context,
    alt,
)
from sitroom.model import Explanation, TimeExpr


@dataclass(frozen=True)
class Found:
    """A pattern match before tense resolution: where, which rule, and how to resolve it."""

    start: int
    end: int
    rule: str
    priority: int
    resolve: Callable[[dt.date | None, Tense], Resolved | None]
    score: float


Handler = Callable[
    [re.Match, str, Context], "Callable[[dt.date | None, Tense], Resolved | None] | None"
]
# --- the rules: (rule id, pattern, handler); priority is the order, the score is in
# data/rules.csv under "time.<rule id>" ---------------------------------------------------

RULES: list[tuple[str, str, Handler]] = [
    (
        "iso-date",
        r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
        r"(?:[T ](?P<hh>\d{2}):(?P<mm>\d{2})(?::\d{2})?)?\b",
        h_iso_date,
    ),
    ("numeric-date", r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})\b", h_numeric_date),
    (
        "month-day",
        rf"\b(?:{WD},?\s+)?(?:{MOD}\s+)?{MON}\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+{YEAR}\b)?",
        h_month_day,
    ),
    (
        "day-month",
        rf"\b(?:{WD},?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MON}(?:,?\s+{YEAR}\b)?",
        h_month_day,
    ),
    ("month-year", rf"\b(?:{MOD}\s+)?{MON},?\s+(?:of\s+)?{YEAR}\b", h_month_year),
    (
        "month-relative-year",
        rf"\b(?:{MOD}\s+)?{MON}\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b",
        h_month_relative_year,
    ),
    ("month", rf"\b(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<mod>{MOD}\s*)?{MON}", h_month),
    (
        "year",
        rf"\b(?:(?P<mod>{MOD}|post-|pre-|the\s+first\s+half\s+of|the\s+second\s+half\s+of)\s*)?(?P<fiscal>(?:fiscal|calendar|the)\s+(?:year\s+)?)?{YEAR}\b(?!-|,\d|\.\d|\s*(?:%|per\s*cent))",
        h_year,
    ),
    (
        "spoken-year",
        rf"\b(?:{MON}\s+(?:of\s+)?)?(?:(?P<sy_2k>the\s+year\s+two\s+thousand)(?:\s+(?:and\s+)?(?P<sy_k>{alt(ONES)}))?|(?P<sy_cent>fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\s+(?:(?P<sy_tens>{alt(TENS)}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?:[\s-](?P<sy_ones>{alt(ONES)}))?|oh[\s-](?P<sy_oh>{alt(ONES)})))\b",
        h_spoken_year,
    ),
    (
        "decade",
        rf"\b(?:{MOD}\s*)?(?:(?P<y>1[5-9]\d0|20\d0)'?s|'(?P<yy>\d0)s|the\s+(?P<cent>nineteen\s+|two\s+thousand\s+)?(?P<word>{alt(DECADE_WORDS)}))\b",
        h_decade,
    ),
    ("century", r"\b(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century\b", h_century),
    (
        "deictic",
        rf"\b(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))(?:\s+{PART})?\b",
        h_deictic,
    ),
    (
        "weekday",
        rf"\b(?:(?P<rel>last|this\s+past|this\s+coming|this|next|past|coming)\s+)?{WD}(?P<plural>s)?(?:\s+{PART})?\b",
        h_weekday,
    ),
    (
        "relative-unit",
        rf"\b(?:{MOD}\s+)?(?P<rel>last|this\s+past|this\s+coming|this|next|the\s+current|current|the\s+coming|coming|the\s+previous|previous)\s+(?P<unit>week|month|quarter|year|decade|century|{alt(SEASONS)})\b(?!-)",
        h_relative_unit,
    ),
    ("the-unit", rf"\b{MOD}\s+(?P<rel>the)\s+(?P<unit>week|month|year|decade)\b", h_relative_unit),
    (
        "latest-quarter",
        r"\b(?:the\s+)?(?:(?:latest|most\s+recent|recent|just-ended|just\s+ended)\s+(?:fiscal\s+)?|(?<=the\s))quarter\b(?!\s+(?:of|century|mile|point|percent|inch))",
        h_latest_quarter,
    ),
    ("weekend", r"\b(?:the|this|last|next|this\s+past)\s+weekend\b", h_weekend),
    (
        "ordinal-part",
        rf"\b(?:(?:the|(?P<yrel>last|this|next)\s+year's|its)\s+)?(?:(?P<y2>1[5-9]\d\d|20\d\d)\s+)?(?P<ord>{alt(ORDINALS)})[\s-](?:fiscal[\s-])?(?P<part_unit>quarter|half)\b(?:\s+of\s+(?:fiscal\s+)?{YEAR}\b)?",
        h_ordinal_part,
    ),
    (
        "ago",
        rf"\b(?:(?P<num>{NUM})|{alt(VAGUE)})[\s-]+(?P<unit>{alt(UNIT_WORDS)}|centuries)s?\s+(?P<dir>ago|earlier|later|from\s+now|hence)\b",
        h_ago,
    ),
    (
        "vague-ago",
        r"\b(?P<num>)(?P<unit>years|months|weeks|days|decades)\s+(?P<dir>ago|earlier|later)\b",
        h_ago,
    ),
    ("year-earlier", r"\b(?:the\s+)?year-(?:earlier|ago)\b", h_year_earlier),
    (
        "the-past-unit",
        r"\b(?:the\s+(?:past|last|next|coming)|past)\s+(?P<num>)(?P<unit>week|month|year|decade|century|quarter)\b",
        h_duration,
    ),
    (
        "duration",
        rf"\b(?:(?:the\s+)?(?:past|last|next|coming|first|previous|following|final|latest|initial|remaining|other)\s+)?(?P<num>{NUM}|{alt(VAGUE)})[\s-]+(?P<unit>{alt(UNIT_WORDS)}|centuries)s?\b(?P<half>\s+and\s+a\s+half\b)?(?![\s-]+old\b)",
        h_duration,
    ),
    (
        "bare-plural",
        r"\b(?:(?P<q>recent|several|many|the\s+past\s+few|the\s+last\s+few|the\s+next\s+few|the\s+coming|the\s+past|the\s+last|the\s+next)\s+)?(?P<unit>years|months|weeks|days|decades|hours|centuries)\b",
        h_bare_plural,
    ),
    ("ref", rf"\b(?P<word>{alt(REFS)})\b", h_ref),
    (
        "every",
        rf"\b(?:every|each)\s+(?:(?P<num>other|{NUM})\s+)?(?:{WD}|{PART}|{MON}|(?P<unit>{alt(UNIT_WORDS)})s?)\b",
        h_set_every,
    ),
    ("set-adverb", rf"\b(?P<word>{alt(SET_ADVERBS)})\b", h_set_adverb),
    (
        "frequency",
        r"\b(?:once|twice|\w+\s+times)\s+(?:a|an|per|each)\s+(?P<unit>day|week|month|year|decade)\b",
        h_frequency,
    ),
    (
        "clock-day",
        rf"\b(?:(?P<h>\d{{1,2}})(?::(?P<min>\d{{2}}))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)|(?P<word>noon|midnight))(?:\s+\(?(?:\d{{4}}\s+)?(?:[ECMP][SD]T|GMT|UTC)\)?)?,?\s+(?:on\s+)?(?:{WD}|{MON}\s*(?P<d>\d{{1,2}})\b|(?P<deictic>today|yesterday|tomorrow))",
        h_clock_day,
    ),
    (
        "clock",
        r"\b(?:(?P<h>\d{1,2})(?::(?P<min>\d{2}))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)|(?P<word>noon|midnight))",
        h_clock,
    ),
    (
        "season",
        rf"\b(?:(?P<the>the)\s+)?(?:(?P<mod>{MOD})\s+)?(?P<season>{alt(SEASONS)})(?:\s+(?:of\s+)?{YEAR}\b)?\b",
        h_season,
    ),
    (
        "movable-holiday",
        rf"\b(?:(?P<rel>last|next|this)\s+)?(?P<word>{alt(MOVABLE_HOLIDAYS)})\b(?:\s+{YEAR}\b)?",
        h_movable_holiday,
    ),
    ("holiday", rf"\b(?P<word>{alt(HOLIDAYS)})\b(?:\s+{YEAR}\b)?", h_holiday),
]


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, Scanner, Handler, int, float]]:
    """The rules as case-insensitive scanners: each is tried only where its words can
    begin (``pattern_scan``), with the matches of a plain ``finditer``."""
    return [
        (rule, Scanner(pattern), handler, priority, rule_table.score("times", f"time.{rule}"))
        for priority, (rule, pattern, handler) in enumerate(RULES)
    ]


def scan(text: str, date_spans: Iterable[tuple[int, int]] = (), whole: bool = False) -> list[Found]:
    """Every accepted pattern match in ``text``, overlaps resolved: longest first, then the
    earlier rule (more specific patterns come first in RULES)."""
    ctx = Context(tuple(date_spans), whole)
    folded = fold(text)
    candidates: list[Found] = []
    for rule, scanner, handler, priority, score in _compiled():
        for m in scanner.finditer(text, folded):
            if m.end() == m.start():
                continue
            resolver = handler(m, rule, ctx)
            if resolver is not None:
                candidates.append(Found(m.start(), m.end(), rule, priority, resolver, score))
    chosen: list[Found] = []
    taken = bytearray(len(text))
    for found in sorted(candidates, key=lambda f: (f.start - f.end, f.priority, f.start)):
        if not any(taken[found.start : found.end]):
            chosen.append(found)
            taken[found.start : found.end] = b"\x01" * (found.end - found.start)
    return sorted(chosen, key=lambda f: f.start)


def to_time_expr(
    text: str, found: Found, anchor: dt.date | None, tense: Tense, offset: int = 0
) -> TimeExpr | None:
    try:
        resolved = found.resolve(anchor, tense)
    except (OverflowError, ValueError):  # "99999 days ago", or an anchor at the calendar's end
        return None
    if resolved is None:
        return None
    return TimeExpr(
        start=found.start + offset,
        end=found.end + offset,
        text=text[found.start : found.end],
        value=resolved.value,
        precision=resolved.precision,
        type=resolved.type,
        timex=resolved.timex,
        explanation=Explanation(rule=f"time.{found.rule}", score=found.score),
    )


def parse_anchor(published: str | None) -> dt.date | None:
    """The publication date as a date; anything unreadable gives None (relative expressions
    then keep their span and type but no value)."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def normalise_expression(text: str, anchor: dt.date | None, tense: Tense = None) -> TimeExpr | None:
    """Normalise one temporal expression given on its own (offsets are into ``text``).

    Used on gold spans and by components that already hold a date phrase. The longest
    expression found in ``text`` is taken; None when nothing in it is temporal.
    """
    found = scan(text, whole=True)
    if not found:
        return None
    best = max(found, key=lambda f: f.end - f.start)
    return to_time_expr(text, best, anchor, tense)


YEAR_BACK = re.compile(
    r"^(?:the\s+)?(?:(?:a|one)\s+year[\s-]+(?:ago|earlier)|year-(?:ago|earlier))$", re.IGNORECASE
)
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def align_to_reporting_period(times: list[TimeExpr]) -> None:
    """In a results story "a year ago"/"year-earlier" compare with the same period a year
    back: once the text names its quarter ("third-quarter profit"), they become that quarter
    of the previous year (TimeBank: 1988-Q3 in a story on 1989-Q3)."""
    period = next(
        (QUARTER.match(t.timex or "") for t in times if QUARTER.match(t.timex or "")), None
    )
    if period is None:
        return
    year_number, number = int(period.group(1)), period.group(2)
    for expr in times:
        if YEAR_BACK.match(expr.text) and expr.timex == f"{year_number - 1:04d}":
            expr.timex = f"{year_number - 1:04d}-Q{number}"
            expr.explanation = Explanation(
                rule="time.year-ago-period",
                score=rule_table.score("times", "time.year-ago-period"),
            )
