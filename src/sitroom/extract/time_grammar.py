"""Finds and normalises temporal expressions with regular patterns built from a lexicon.

The patterns are few and compositional (number + unit, modifier + month, relative word +
unit…) and are generated from ``data/time_lexicon.json``, so adding a month spelling or a
unit is a data change. Each pattern carries a rule id that ends up on the TimeExpr's
``Explanation`` ("time.<rule>"). spaCy's DATE entities only help with one decision the
patterns cannot make alone: whether a bare four-digit number is a year.

The same grammar serves two callers: ``find_expressions`` scans an article body, and
``normalise_expression`` normalises one given span (gold spans in evaluation, or a phrase
another component already holds).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sitroom.extract import time_calendar as cal
from sitroom.extract.time_calendar import Resolved, Tense
from sitroom.model import Explanation, TimeExpr

LEXICON = json.loads(resources.files("sitroom.extract").joinpath("data/time_lexicon.json").read_text("utf-8"))

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

SCORE = {"exact": 0.95, "relative": 0.85, "directional": 0.75, "vague": 0.6}


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first so "sept" wins over "sep"."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_UNITS_SINGLE = [w for w in UNITS]
_TENS = [w for w, n in NUMBERS.items() if isinstance(n, int) and n >= 20 and n % 10 == 0 and n < 100]
_ONES = [w for w, n in NUMBERS.items() if isinstance(n, int) and 1 <= n <= 9 and w not in ("a", "an")]
NUM = (
    rf"(?:(?:{_alt(_TENS)})[\s-](?:{_alt(_ONES)})|{_alt(NUMBERS)}|\d+\s+1/2|\d+(?:\.\d+)?)"
    rf"(?:[\s-]and[\s-]a[\s-]half)?"
)
_FULL_MONTHS = [w for w in MONTHS if len(w) > 4 or w in ("may", "june", "july")]
_ABBR_MONTHS = [w for w in MONTHS if w not in _FULL_MONTHS]
MON = rf"(?P<mon>(?:{_alt(_FULL_MONTHS)})\b|(?:{_alt(_ABBR_MONTHS)})\b\.?)"
WD = rf"(?P<wd>{_alt(WEEKDAYS)})"
UNIT = rf"(?P<unit>{_alt(_UNITS_SINGLE)}|centuries)"
MOD = r"(?:early|late|mid|mid-|earlier|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of)"
YEAR = r"(?P<y>1[5-9]\d\d|20\d\d)"
PART = rf"(?P<part>{_alt(DAY_PARTS)})"
DATE_PREPOSITIONS = {
    "in", "since", "by", "until", "till", "from", "through", "during", "of", "before", "after",
    "between", "early", "late", "mid", "around", "circa", "and", "to", "in", "at", "for", "year",
    "fiscal", "as", "summer", "spring", "winter", "autumn", "fall", "about", "the",
}


@dataclass(frozen=True)
class Found:
    """A pattern match before tense resolution: where, which rule, and how to resolve it."""

    start: int
    end: int
    rule: str
    priority: int
    resolve: Callable[[dt.date | None, Tense], Resolved | None]
    score: float


Handler = Callable[[re.Match, str, "Context"], "Callable[[dt.date | None, Tense], Resolved | None] | None"]


@dataclass(frozen=True)
class Context:
    """What a handler may look at besides its match: whether a span is a spaCy DATE entity
    (to accept bare years) and whether the match is the whole input (a given span)."""

    date_spans: tuple[tuple[int, int], ...] = ()
    whole: bool = False

    def in_date_entity(self, start: int, end: int) -> bool:
        return self.whole or any(s <= start and end <= e for s, e in self.date_spans)


def _number(text: str) -> float | None:
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


def _unit_code(word: str) -> str:
    word = word.lower()
    if word == "centuries":
        return "CE"
    return UNITS[word[:-1] if word.endswith("s") and word[:-1] in UNITS else word]


def _capitalised(word: str | None) -> bool:
    return bool(word) and word[0].isupper()


def _preceding_word(m: re.Match) -> str:
    before = re.findall(r"[A-Za-z]+", m.string[max(0, m.start() - 20) : m.start()])
    return before[-1].lower() if before else ""


def _following_word(m: re.Match) -> str:
    after = re.match(r"\s*([A-Za-z%$]+)", m.string[m.end() : m.end() + 20])
    return after.group(1) if after else ""


SMALLER_UNIT = {"Y": (12, "M"), "W": (7, "D"), "D": (24, "TH"), "TH": (60, "TM"), "TM": (60, "TS"), "DE": (10, "Y")}


def _duration(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: P2Y, P2Y6M, PT3H, P20Y for two decades, PXY for an unknown amount."""
    if amount is not None and unit in ("DE", "CE"):
        amount, unit = amount * (10 if unit == "DE" else 100), "Y"
    if amount is not None and not float(amount).is_integer() and unit in SMALLER_UNIT:
        factor, small = SMALLER_UNIT[unit]
        whole, rest = int(amount), round((amount - int(amount)) * factor)
        head = _duration(whole, unit) if whole else "P"
        tail = _duration(rest, small)[1:]
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


def _fixed(resolved: Resolved) -> Callable[[dt.date | None, Tense], Resolved]:
    return lambda anchor, tense: resolved


def _anchored(fn: Callable[[dt.date, Tense], Resolved | None], unresolved: Resolved | None = None):
    """Wraps a resolver that needs the publication date; without one the expression is kept
    with no value (the span and type are still right)."""

    def resolve(anchor: dt.date | None, tense: Tense) -> Resolved | None:
        if anchor is None:
            return unresolved
        return fn(anchor, tense)

    return resolve


# --- handlers: each returns a resolver, or None to reject the match -------------------------


def h_iso_date(m: re.Match, rule: str, ctx: Context):
    date = cal.safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if date is None:
        return None
    if m["hh"]:
        iso = date.isoformat()
        return _fixed(Resolved("TIME", f"{iso}T{m['hh']}:{m['mm']}", iso, "day"))
    return _fixed(cal.day(date))


def h_numeric_date(m: re.Match, rule: str, ctx: Context):
    year_number = int(m["y"])
    if year_number < 100:
        year_number += 2000 if year_number < 50 else 1900
    date = cal.safe_date(year_number, int(m["m"]), int(m["d"]))
    return _fixed(cal.day(date)) if date else None


def _month_number(m: re.Match) -> int:
    return MONTHS[m["mon"].lower().rstrip(".")]


def h_month_day(m: re.Match, rule: str, ctx: Context):
    if not _capitalised(m["mon"]):
        return None
    month_number, day_number = _month_number(m), int(m["d"])
    if not 1 <= day_number <= 31:
        return None
    if m["y"]:
        date = cal.safe_date(int(m["y"]), month_number, day_number)
        return _fixed(cal.day(date)) if date else None

    weekday = WEEKDAYS[m["wd"].lower()] if m["wd"] else None

    def resolve(anchor: dt.date, tense: Tense) -> Resolved | None:
        year_number = cal.year_for_month(anchor, month_number, day_number, tense)
        if weekday is not None:  # "Monday, Oct. 26": the year whose Oct. 26 is a Monday
            for candidate in (year_number, anchor.year, anchor.year - 1, anchor.year + 1):
                date = cal.safe_date(candidate, month_number, day_number)
                if date and date.isoweekday() == weekday:
                    return cal.day(date)
        date = cal.safe_date(year_number, month_number, day_number)
        return cal.day(date) if date else None

    return _anchored(resolve, Resolved("DATE", f"XXXX-{month_number:02d}-{day_number:02d}", None, "unknown"))


def h_month_year(m: re.Match, rule: str, ctx: Context):
    if not _capitalised(m["mon"]):
        return None
    return _fixed(cal.month(int(m["y"]), _month_number(m)))


def h_month(m: re.Match, rule: str, ctx: Context):
    """A month name alone. Abbreviations and "May" need a cue that it is a date."""
    word = m["mon"].rstrip(".")
    if not _capitalised(word) or word.lower() not in ("may",) and len(word) < 4 and not ctx.whole:
        return None
    cue = m["rel"] or m["mod"] or _preceding_word(m) in DATE_PREPOSITIONS
    if not ctx.whole and not cue and (word.lower() in ("may", "march") or m.string[m.start() - 2 : m.start()] in ("", ". ")):
        return None
    month_number = _month_number(m)
    rel = (m["rel"] or "").lower()

    def resolve(anchor: dt.date, tense: Tense) -> Resolved:
        if rel in ("last", "past"):
            year_number = anchor.year if month_number < anchor.month else anchor.year - 1
        elif rel in ("next", "coming"):
            year_number = anchor.year if month_number > anchor.month else anchor.year + 1
        elif rel == "this":
            year_number = anchor.year
        else:
            year_number = cal.year_for_month(anchor, month_number, None, tense)
        return cal.month(year_number, month_number)

    return _anchored(resolve, Resolved("DATE", f"XXXX-{month_number:02d}", None, "unknown"))


def h_month_relative_year(m: re.Match, rule: str, ctx: Context):
    """"July last year", "March of next year"."""
    if not _capitalised(m["mon"]):
        return None
    month_number = _month_number(m)
    step = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return _anchored(lambda anchor, tense: cal.month(anchor.year + step, month_number))


def h_year(m: re.Match, rule: str, ctx: Context):
    """A four-digit number is a year only with a cue: "fiscal", a modifier, a preposition such
    as "in"/"since", or spaCy calling it a DATE; counts ("2000 fighters") never."""
    follower = _following_word(m)
    if follower[:1] in ("%", "$") or follower.lower() in ("percent", "people", "troops", "fighters", "members"):
        return None
    cue = m["mod"] or m["fiscal"] or ctx.in_date_entity(m.start("y"), m.end("y"))
    if not cue and _preceding_word(m) in DATE_PREPOSITIONS and not (follower and follower[0].islower() and follower not in ("and", "to", "when", "after", "before")):
        cue = True
    if not cue:
        return None
    return _fixed(cal.year(int(m["y"])))


def h_decade(m: re.Match, rule: str, ctx: Context):
    if m["y"]:
        first = int(m["y"])
    elif m["yy"]:
        first = 1900 + int(m["yy"])
    else:
        first = (2000 if m["cent"] and "two" in m["cent"].lower() else 1900) + 10 * DECADE_WORDS[m["word"].lower()]
    return _fixed(cal.decade(first))


def _spoken_year(m: re.Match) -> int | None:
    """"nineteen ninety-six" (broadcast transcripts spell years out): hundreds + tens + ones."""
    tens = NUMBERS.get(m["sy_tens"].lower(), 0) if m["sy_tens"] else 0
    ones = NUMBERS.get((m["sy_ones"] or m["sy_oh"] or "").lower(), 0)
    value = 100 * NUMBERS[m["sy_cent"].lower()] + tens + ones
    return value if 1500 <= value <= 2099 else None


def h_spoken_year(m: re.Match, rule: str, ctx: Context):
    year_number = 2000 + NUMBERS.get((m["sy_k"] or "").lower(), 0) if m["sy_2k"] else _spoken_year(m)
    if year_number is None:
        return None
    if m["mon"]:
        return _fixed(cal.month(year_number, _month_number(m))) if _capitalised(m["mon"]) else None
    return _fixed(cal.year(year_number))


def h_century(m: re.Match, rule: str, ctx: Context):
    number = int(m["n"])
    return _fixed(Resolved("DATE", f"{number - 1:02d}", None, "unknown"))


DEICTIC_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}


def h_deictic(m: re.Match, rule: str, ctx: Context):
    word = re.sub(r"\s+", " ", m["word"].lower())
    offset = DEICTIC_DAYS.get(word)
    part = DAY_PARTS.get((m["part"] or "").lower()) or ("NI" if word == "tonight" else None)
    if word == "last night":
        offset, part = -1, "NI"
    if word.startswith("this "):
        offset, part = 0, DAY_PARTS[word.split()[-1]]
    return _anchored(lambda anchor, tense: cal.day(anchor + dt.timedelta(days=offset), part))


def h_weekday(m: re.Match, rule: str, ctx: Context):
    if not _capitalised(m["wd"]):
        return None
    iso_weekday = WEEKDAYS[m["wd"].lower()]
    if m["plural"]:
        return _fixed(Resolved("SET", f"XXXX-WXX-{iso_weekday}", None, "unknown"))
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    part = DAY_PARTS.get((m["part"] or "").lower())

    def resolve(anchor: dt.date, tense: Tense) -> Resolved:
        if rel in ("last", "past", "this past"):
            date = cal.weekday_near(anchor, iso_weekday, "past", strict=rel == "last")
        elif rel in ("next", "coming", "this coming"):
            date = cal.weekday_near(anchor, iso_weekday, "future", strict=rel == "next")
        else:
            date = cal.weekday_near(anchor, iso_weekday, tense)
        return cal.day(date, part, part_type="DATE")

    return _anchored(resolve, Resolved("DATE", f"XXXX-WXX-{iso_weekday}", None, "unknown"))


REL_DIRECTION = {"last": -1, "past": -1, "previous": -1, "this past": -1, "this": 0, "current": 0,
                 "the current": 0, "the": 0, "next": 1, "coming": 1, "this coming": 1}


def h_relative_unit(m: re.Match, rule: str, ctx: Context):
    """last/this/next + week, month, quarter, year, season: the unit holding the shifted anchor."""
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    word = m["unit"].lower()
    direction = REL_DIRECTION.get(rel)
    if direction is None:
        return None
    if word in SEASONS:
        code, first_month = SEASONS[word]

        def resolve_season(anchor: dt.date, tense: Tense) -> Resolved:
            started = anchor.month >= first_month or (code == "WI" and anchor.month < 3)
            base = anchor.year - (1 if code == "WI" and anchor.month < 3 else 0)
            if direction < 0:
                return cal.season(base if started and anchor.month >= first_month + 3 else base - 1 if started else base - 1, code)
            if direction > 0:
                return cal.season(base + 1 if started else base, code)
            return cal.season(base, code)

        return _anchored(resolve_season)
    unit = UNITS[word]
    if rel == "the" and unit not in ("Y", "M", "W", "DE"):
        return None
    return _anchored(lambda anchor, tense: cal.by_unit(cal.shift(anchor, direction, unit), unit))


def h_latest_quarter(m: re.Match, rule: str, ctx: Context):
    """"The latest quarter": financial news reports the last completed quarter."""
    return _anchored(lambda anchor, tense: cal.by_unit(cal.shift(anchor, -1, "Q"), "Q"))


def h_weekend(m: re.Match, rule: str, ctx: Context):
    """"the weekend": the one before the anchor in past tense, else the coming one."""
    word = m.group(0).lower().split()[0]

    def resolve(anchor: dt.date, tense: Tense) -> Resolved:
        saturday = cal.weekday_near(anchor, 6, "past" if word == "last" or (word != "next" and tense == "past") else "future")
        return cal.week(saturday, weekend=True)

    return _anchored(resolve)


def h_ordinal_part(m: re.Match, rule: str, ctx: Context):
    """"the third quarter", "first half of 2023": in the anchor's year unless it has not
    started yet and the verb is not in the future."""
    number = ORDINALS[m["ord"].lower()]
    unit = m["part_unit"].lower()
    make = cal.quarter if unit == "quarter" else cal.half
    if unit == "half" and number > 2:
        return None
    if m["y"] or m["y2"]:
        return _fixed(make(int(m["y"] or m["y2"]), number))
    if m["yrel"]:  # "next year's first quarter"
        step = {"last": -1, "this": 0, "next": 1}[m["yrel"].lower()]
        return _anchored(lambda anchor, tense: make(anchor.year + step, number))

    def resolve(anchor: dt.date, tense: Tense) -> Resolved:
        current = (anchor.month - 1) // (3 if unit == "quarter" else 6) + 1
        year_number = anchor.year if number <= current or tense == "future" else anchor.year - 1
        return make(year_number, number)

    return _anchored(resolve)


def h_ago(m: re.Match, rule: str, ctx: Context):
    """"two years ago", "a week earlier", "three months later": anchor moved, kept at the
    unit's precision. A vague amount ("years ago") is only PAST_REF/FUTURE_REF."""
    unit = _unit_code(m["unit"])
    amount = _number(m["num"]) if m["num"] else None
    sign = 1 if m["dir"].lower() in ("later", "from now", "hence") else -1
    if amount is None or not float(amount).is_integer():
        return _fixed(Resolved("DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", None, "unknown"))
    steps = int(amount)

    def resolve(anchor: dt.date, tense: Tense) -> Resolved:
        if unit.startswith("T"):
            return cal.day(anchor)
        if unit == "2W":
            return cal.by_unit(cal.shift(anchor, sign * 2 * steps, "W"), "W")
        if unit in ("DE", "CE"):
            return cal.year(cal.shift(anchor, sign * steps, unit).year)
        return cal.by_unit(cal.shift(anchor, sign * steps, unit), unit)

    return _anchored(resolve)


def h_year_earlier(m: re.Match, rule: str, ctx: Context):
    return _anchored(lambda anchor, tense: cal.year(anchor.year - 1))


def h_duration(m: re.Match, rule: str, ctx: Context):
    """"14-year", "two weeks", "the past five years": DURATION with no calendar value."""
    unit = _unit_code(m["unit"])
    raw = m["num"]
    amount = _number(raw) if raw else 1
    if amount is not None and m.groupdict().get("half"):
        amount += 0.5  # "a minute and a half": PT1M30S
    if unit == "TS" and raw.lower() in ("a", "an"):
        return None  # "a second attack"
    if unit == "Q" and _following_word(m).lower() == "of" and not re.match(r"\s*of\s+(?:fiscal\s+)?\d{4}", m.string[m.end():]):
        return None  # a fraction: "three-quarters of its food", "a quarter of the market"
    return _fixed(Resolved("DURATION", _duration(amount, unit), None, "unknown"))


def h_bare_plural(m: re.Match, rule: str, ctx: Context):
    """Unit plurals without a number: "recent years" is PAST_REF, "for years" PXY."""
    unit = _unit_code(m["unit"])
    quantifier = re.sub(r"\s+", " ", (m["q"] or "").lower())
    if quantifier == "recent" and unit in ("Y", "DE", "CE"):
        return _fixed(Resolved("DATE", "PAST_REF", None, "unknown"))  # "recent years": the past
    if quantifier == "recent":  # "in recent weeks": a stretch up to now (TimeML: DURATION)
        return _fixed(Resolved("DURATION", _duration(None, unit), None, "unknown"))
    if not quantifier and not ctx.whole and _preceding_word(m) not in ("for", "over", "within"):
        return None
    return _fixed(Resolved("DURATION", _duration(None, unit), None, "unknown"))


def h_ref(m: re.Match, rule: str, ctx: Context):
    word = re.sub(r"\s+", " ", m["word"].lower())
    ref = REFS[word]
    if word == "future" and _preceding_word(m) not in ("the", "near", "in"):
        return None
    if word == "current" and not _following_word(m)[:1].islower():
        return None
    if ref == "PRESENT_REF":
        return _anchored(lambda anchor, tense: Resolved("DATE", "PRESENT_REF", anchor.isoformat(), "day"),
                         Resolved("DATE", "PRESENT_REF", None, "unknown"))
    return _fixed(Resolved("DATE", ref, None, "unknown"))


def h_set_every(m: re.Match, rule: str, ctx: Context):
    if m["wd"]:
        if not _capitalised(m["wd"]):
            return None
        return _fixed(Resolved("SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()]}", None, "unknown"))
    if m["mon"]:
        return _fixed(Resolved("SET", f"XXXX-{_month_number(m):02d}", None, "unknown"))
    if m["part"]:
        return _fixed(Resolved("SET", f"XXXX-XX-XXT{DAY_PARTS[m['part'].lower()]}", None, "unknown"))
    amount = 2 if (m["num"] or "").lower() == "other" else (_number(m["num"]) if m["num"] else 1)
    return _fixed(Resolved("SET", _duration(amount, _unit_code(m["unit"])), None, "unknown"))


def h_set_adverb(m: re.Match, rule: str, ctx: Context):
    return _fixed(Resolved("SET", SET_ADVERBS[m["word"].lower()], None, "unknown"))


def h_frequency(m: re.Match, rule: str, ctx: Context):
    return _fixed(Resolved("SET", _duration(1, _unit_code(m["unit"])), None, "unknown"))


def _clock(m: re.Match) -> tuple[int, int] | None:
    """Hour and minute of "10:35 a.m.", "9 pm", "noon"."""
    hour = int(m["h"]) if m["h"] else (12 if m["word"].lower() == "noon" else 0)
    minute = int(m["min"] or 0)
    ampm = (m["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return hour, minute


def h_clock_day(m: re.Match, rule: str, ctx: Context):
    """"10 p.m. Wednesday", "5 p.m. EST Nov. 9", "noon yesterday": one TIME on that day."""
    clock = _clock(m)
    if clock is None:
        return None
    hour, minute = clock
    if m["wd"] and not _capitalised(m["wd"]) or m["mon"] and not _capitalised(m["mon"]):
        return None

    def resolve(anchor: dt.date, tense: Tense) -> Resolved | None:
        if m["wd"]:
            date = cal.weekday_near(anchor, WEEKDAYS[m["wd"].lower()], tense)
        elif m["mon"]:
            month_number, day_number = _month_number(m), int(m["d"])
            date = cal.safe_date(cal.year_for_month(anchor, month_number, day_number, tense), month_number, day_number)
        else:
            date = anchor + dt.timedelta(days=DEICTIC_DAYS[m["deictic"].lower()])
        if date is None:
            return None
        return Resolved("TIME", f"{date.isoformat()}T{hour:02d}:{minute:02d}", date.isoformat(), "day")

    return _anchored(resolve)


def h_clock(m: re.Match, rule: str, ctx: Context):
    clock = _clock(m)
    if clock is None:
        return None
    hour, minute = clock

    def resolve(anchor: dt.date, tense: Tense) -> Resolved:
        iso = anchor.isoformat()
        return Resolved("TIME", f"{iso}T{hour:02d}:{minute:02d}", iso, "day")

    return _anchored(resolve, Resolved("TIME", f"XXXX-XX-XXT{hour:02d}:{minute:02d}", None, "unknown"))


def h_season(m: re.Match, rule: str, ctx: Context):
    word = m["season"].lower()
    code, first_month = SEASONS[word]
    if m["y"]:
        return _fixed(cal.season(int(m["y"]), code))
    if not (m["the"] or m["mod"]) and not ctx.whole:
        return None
    if word == "fall" and _following_word(m).lower() == "of":
        return None  # "the fall of Mosul"

    def resolve(anchor: dt.date, tense: Tense) -> Resolved:
        if tense == "past" and anchor.month < first_month:
            return cal.season(anchor.year - 1, code)
        if tense == "future" and anchor.month >= first_month + 3:
            return cal.season(anchor.year + 1, code)
        return cal.season(anchor.year, code)

    return _anchored(resolve)


def h_holiday(m: re.Match, rule: str, ctx: Context):
    if not _capitalised(m["word"]):
        return None
    month_number, day_number = HOLIDAYS[re.sub(r"\s+", " ", m["word"].lower())]
    if m["y"]:
        return _fixed(cal.day(dt.date(int(m["y"]), month_number, day_number)))
    return _anchored(lambda anchor, tense: cal.day(dt.date(
        cal.year_for_month(anchor, month_number, day_number, tense), month_number, day_number)))


def h_movable_holiday(m: re.Match, rule: str, ctx: Context):
    """"Thanksgiving Day", "last Thanksgiving", "Election Day 2024": the nth weekday of a
    month in the year the tense (or "last"/"next") points to."""
    if not _capitalised(m["word"]):
        return None
    month_number, weekday, nth = MOVABLE_HOLIDAYS[re.sub(r"\s+", " ", m["word"].lower())]
    rel = (m["rel"] or "").lower()

    def on(year_number: int) -> Resolved:
        return cal.day(cal.nth_weekday(year_number, month_number, weekday, nth))

    if m["y"]:
        return _fixed(on(int(m["y"])))

    def resolve(anchor: dt.date, tense: Tense) -> Resolved:
        this_year = cal.nth_weekday(anchor.year, month_number, weekday, nth)
        if rel == "last" or (not rel and tense == "past"):
            return on(anchor.year if this_year <= anchor else anchor.year - 1)
        if rel == "next" or tense == "future":
            return on(anchor.year if this_year >= anchor else anchor.year + 1)
        return on(cal.year_for_month(anchor, month_number, this_year.day, tense))

    return _anchored(resolve)


# --- the rules: (rule id, pattern, handler, priority, score class) ------------------------

RULES: list[tuple[str, str, Handler, str]] = [
    ("iso-date", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<hh>\d{2}):(?P<mm>\d{2})(?::\d{2})?)?\b", h_iso_date, "exact"),
    ("numeric-date", r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})\b", h_numeric_date, "exact"),
    ("month-day", rf"\b(?:{WD},?\s+)?(?:{MOD}\s+)?{MON}\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+{YEAR}\b)?", h_month_day, "directional"),
    ("day-month", rf"\b(?:{WD},?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MON}(?:,?\s+{YEAR}\b)?", h_month_day, "directional"),
    ("month-year", rf"\b(?:{MOD}\s+)?{MON},?\s+(?:of\s+)?{YEAR}\b", h_month_year, "exact"),
    ("month-relative-year", rf"\b(?:{MOD}\s+)?{MON}\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b", h_month_relative_year, "relative"),
    ("month", rf"\b(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<mod>{MOD}\s*)?{MON}", h_month, "directional"),
    ("year", rf"\b(?:(?P<mod>{MOD}|post-|pre-|the\s+first\s+half\s+of|the\s+second\s+half\s+of)\s*)?(?P<fiscal>(?:fiscal|calendar|the)\s+(?:year\s+)?)?{YEAR}\b(?!-|,\d|\.\d|\s*(?:%|per\s*cent))", h_year, "exact"),
    ("spoken-year", rf"\b(?:{MON}\s+(?:of\s+)?)?(?:(?P<sy_2k>the\s+year\s+two\s+thousand)(?:\s+(?:and\s+)?(?P<sy_k>{_alt(_ONES)}))?|(?P<sy_cent>fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\s+(?:(?P<sy_tens>{_alt(_TENS)}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?:[\s-](?P<sy_ones>{_alt(_ONES)}))?|oh[\s-](?P<sy_oh>{_alt(_ONES)})))\b", h_spoken_year, "exact"),
    ("decade", rf"\b(?:{MOD}\s*)?(?:(?P<y>1[5-9]\d0|20\d0)'?s|'(?P<yy>\d0)s|the\s+(?P<cent>nineteen\s+|two\s+thousand\s+)?(?P<word>{_alt(DECADE_WORDS)}))\b", h_decade, "exact"),
    ("century", r"\b(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century\b", h_century, "exact"),
    ("deictic", rf"\b(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))(?:\s+{PART})?\b", h_deictic, "relative"),
    ("weekday", rf"\b(?:(?P<rel>last|this\s+past|this\s+coming|this|next|past|coming)\s+)?{WD}(?P<plural>s)?(?:\s+{PART})?\b", h_weekday, "directional"),
    ("relative-unit", rf"\b(?:{MOD}\s+)?(?P<rel>last|this\s+past|this\s+coming|this|next|the\s+current|current|the\s+coming|coming|the\s+previous|previous)\s+(?P<unit>week|month|quarter|year|decade|century|{_alt(SEASONS)})\b(?!-)", h_relative_unit, "relative"),
    ("the-unit", rf"\b{MOD}\s+(?P<rel>the)\s+(?P<unit>week|month|year|decade)\b", h_relative_unit, "relative"),
    ("latest-quarter", r"\b(?:the\s+)?(?:(?:latest|most\s+recent|recent|just-ended|just\s+ended)\s+(?:fiscal\s+)?|(?<=the\s))quarter\b(?!\s+(?:of|century|mile|point|percent|inch))", h_latest_quarter, "relative"),
    ("weekend", r"\b(?:the|this|last|next|this\s+past)\s+weekend\b", h_weekend, "directional"),
    ("ordinal-part", rf"\b(?:(?:the|(?P<yrel>last|this|next)\s+year's|its)\s+)?(?:(?P<y2>1[5-9]\d\d|20\d\d)\s+)?(?P<ord>{_alt(ORDINALS)})[\s-](?:fiscal[\s-])?(?P<part_unit>quarter|half)\b(?:\s+of\s+(?:fiscal\s+)?{YEAR}\b)?", h_ordinal_part, "relative"),
    ("ago", rf"\b(?:(?P<num>{NUM})|{_alt(VAGUE)})[\s-]+(?P<unit>{_alt(_UNITS_SINGLE)}|centuries)s?\s+(?P<dir>ago|earlier|later|from\s+now|hence)\b", h_ago, "relative"),
    ("vague-ago", rf"\b(?P<num>)(?P<unit>years|months|weeks|days|decades)\s+(?P<dir>ago|earlier|later)\b", h_ago, "vague"),
    ("year-earlier", r"\b(?:the\s+)?year-(?:earlier|ago)\b", h_year_earlier, "relative"),
    ("the-past-unit", r"\b(?:the\s+(?:past|last|next|coming)|past)\s+(?P<num>)(?P<unit>week|month|year|decade|century|quarter)\b", h_duration, "relative"),
    ("duration", rf"\b(?:(?:the\s+)?(?:past|last|next|coming|first|previous|following|final|latest|initial|remaining|other)\s+)?(?P<num>{NUM}|{_alt(VAGUE)})[\s-]+(?P<unit>{_alt(_UNITS_SINGLE)}|centuries)s?\b(?P<half>\s+and\s+a\s+half\b)?(?![\s-]+old\b)", h_duration, "exact"),
    ("bare-plural", r"\b(?:(?P<q>recent|several|many|the\s+past\s+few|the\s+last\s+few|the\s+next\s+few|the\s+coming|the\s+past|the\s+last|the\s+next)\s+)?(?P<unit>years|months|weeks|days|decades|hours|centuries)\b", h_bare_plural, "vague"),
    ("ref", rf"\b(?P<word>{_alt(REFS)})\b", h_ref, "vague"),
    ("every", rf"\b(?:every|each)\s+(?:(?P<num>other|{NUM})\s+)?(?:{WD}|{PART}|{MON}|(?P<unit>{_alt(_UNITS_SINGLE)})s?)\b", h_set_every, "exact"),
    ("set-adverb", rf"\b(?P<word>{_alt(SET_ADVERBS)})\b", h_set_adverb, "exact"),
    ("frequency", r"\b(?:once|twice|\w+\s+times)\s+(?:a|an|per|each)\s+(?P<unit>day|week|month|year|decade)\b", h_frequency, "exact"),
    ("clock-day", rf"\b(?:(?P<h>\d{{1,2}})(?::(?P<min>\d{{2}}))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)|(?P<word>noon|midnight))(?:\s+\(?(?:\d{{4}}\s+)?(?:[ECMP][SD]T|GMT|UTC)\)?)?,?\s+(?:on\s+)?(?:{WD}|{MON}\s*(?P<d>\d{{1,2}})\b|(?P<deictic>today|yesterday|tomorrow))", h_clock_day, "directional"),
    ("clock", r"\b(?:(?P<h>\d{1,2})(?::(?P<min>\d{2}))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)|(?P<word>noon|midnight))", h_clock, "exact"),
    ("season", rf"\b(?:(?P<the>the)\s+)?(?:(?P<mod>{MOD})\s+)?(?P<season>{_alt(SEASONS)})(?:\s+(?:of\s+)?{YEAR}\b)?\b", h_season, "directional"),
    ("movable-holiday", rf"\b(?:(?P<rel>last|next|this)\s+)?(?P<word>{_alt(MOVABLE_HOLIDAYS)})\b(?:\s+{YEAR}\b)?", h_movable_holiday, "directional"),
    ("holiday", rf"\b(?P<word>{_alt(HOLIDAYS)})\b(?:\s+{YEAR}\b)?", h_holiday, "directional"),
]


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, re.Pattern, Handler, int, float]]:
    return [
        (rule, re.compile(pattern, re.IGNORECASE), handler, priority, SCORE[kind])
        for priority, (rule, pattern, handler, kind) in enumerate(RULES)
    ]


def scan(text: str, date_spans: Iterable[tuple[int, int]] = (), whole: bool = False) -> list[Found]:
    """Every accepted pattern match in ``text``, overlaps resolved: longest first, then the
    earlier rule (more specific patterns come first in RULES)."""
    ctx = Context(tuple(date_spans), whole)
    candidates: list[Found] = []
    for rule, pattern, handler, priority, score in _compiled():
        for m in pattern.finditer(text):
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


def to_time_expr(text: str, found: Found, anchor: dt.date | None, tense: Tense, offset: int = 0) -> TimeExpr | None:
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


YEAR_BACK = re.compile(r"^(?:the\s+)?(?:(?:a|one)\s+year[\s-]+(?:ago|earlier)|year-(?:ago|earlier))$", re.IGNORECASE)
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def align_to_reporting_period(times: list[TimeExpr]) -> None:
    """In a results story "a year ago"/"year-earlier" compare with the same period a year
    back: once the text names its quarter ("third-quarter profit"), they become that quarter
    of the previous year (TimeBank: 1988-Q3 in a story on 1989-Q3)."""
    period = next((QUARTER.match(t.timex or "") for t in times if QUARTER.match(t.timex or "")), None)
    if period is None:
        return
    year_number, number = int(period.group(1)), period.group(2)
    for expr in times:
        if YEAR_BACK.match(expr.text) and expr.timex == f"{year_number - 1:04d}":
            expr.timex = f"{year_number - 1:04d}-Q{number}"
            expr.explanation = Explanation(rule="time.year-ago-period", score=0.7)
