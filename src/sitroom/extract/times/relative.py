"""Handlers of the expressions relative to the publication date (today, last week, two
years ago, Monday), of durations and sets ("every week"), and of clock times.

Like ``time_named``'s, each handler returns a resolver or None to reject the match.
"""

from __future__ import annotations

import datetime as dt
import re

from sitroom.extract.times import calendar as cal
from sitroom.extract.times.calendar import Resolved, Tense
from sitroom.extract.times.words import (
    DAY_PARTS,
    ORDINALS,
    REFS,
    SEASONS,
    SET_ADVERBS,
    UNITS,
    WEEKDAYS,
    Context,
    anchored,
    capitalised,
    duration,
    fixed,
    following_word,
    month_of,
    number_value,
    preceding_word,
    unit_code,
)

DEICTIC_DAYS = {
    "today": 0,
    "tonight": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


def h_deictic(m: re.Match, rule: str, ctx: Context):
    word = re.sub(r"\s+", " ", m["word"].lower())
    part = DAY_PARTS.get((m["part"] or "").lower()) or ("NI" if word == "tonight" else None)
    if word == "last night":
        offset, part = -1, "NI"
    elif word.startswith("this "):
        offset, part = 0, DAY_PARTS[word.split()[-1]]
    else:
        offset = DEICTIC_DAYS[word]
    return anchored(lambda anchor, tense: cal.day(anchor + dt.timedelta(days=offset), part))


def h_weekday(m: re.Match, rule: str, ctx: Context):
    if not capitalised(m["wd"]):
        return None
    iso_weekday = WEEKDAYS[m["wd"].lower()]
    if m["plural"]:
        return fixed(Resolved("SET", f"XXXX-WXX-{iso_weekday}", None, "unknown"))
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

    return anchored(resolve, Resolved("DATE", f"XXXX-WXX-{iso_weekday}", None, "unknown"))


REL_DIRECTION = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "this past": -1,
    "this": 0,
    "current": 0,
    "the current": 0,
    "the": 0,
    "next": 1,
    "coming": 1,
    "this coming": 1,
}


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
                return cal.season(
                    base
                    if started and anchor.month >= first_month + 3
                    else base - 1
                    if started
                    else base - 1,
                    code,
                )
            if direction > 0:
                return cal.season(base + 1 if started else base, code)
            return cal.season(base, code)

        return anchored(resolve_season)
    unit = UNITS[word]
    if rel == "the" and unit not in ("Y", "M", "W", "DE"):
        return None
    return anchored(lambda anchor, tense: cal.by_unit(cal.shift(anchor, direction, unit), unit))


def h_latest_quarter(m: re.Match, rule: str, ctx: Context):
    """ "The latest quarter": financial news reports the last completed quarter."""
    return anchored(lambda anchor, tense: cal.by_unit(cal.shift(anchor, -1, "Q"), "Q"))


def h_weekend(m: re.Match, rule: str, ctx: Context):
    """ "the weekend": the one before the anchor in past tense, else the coming one."""
    word = m.group(0).lower().split()[0]

    def resolve(anchor: dt.date, tense: Tense) -> Resolved:
        saturday = cal.weekday_near(
            anchor,
            6,
            "past" if word == "last" or (word != "next" and tense == "past") else "future",
        )
        return cal.week(saturday, weekend=True)

    return anchored(resolve)


def h_ordinal_part(m: re.Match, rule: str, ctx: Context):
    """ "the third quarter", "first half of 2023": in the anchor's year unless it has not
    started yet and the verb is not in the future."""
    number = ORDINALS[m["ord"].lower()]
    unit = m["part_unit"].lower()
    make = cal.quarter if unit == "quarter" else cal.half
    if unit == "half" and number > 2:
        return None
    if m["y"] or m["y2"]:
        return fixed(make(int(m["y"] or m["y2"]), number))
    if m["yrel"]:  # "next year's first quarter"
        step = {"last": -1, "this": 0, "next": 1}[m["yrel"].lower()]
        return anchored(lambda anchor, tense: make(anchor.year + step, number))

    def resolve(anchor: dt.date, tense: Tense) -> Resolved:
        current = (anchor.month - 1) // (3 if unit == "quarter" else 6) + 1
        year_number = anchor.year if number <= current or tense == "future" else anchor.year - 1
        return make(year_number, number)

    return anchored(resolve)


def h_ago(m: re.Match, rule: str, ctx: Context):
    """ "two years ago", "a week earlier", "three months later": anchor moved, kept at the
    unit's precision. A vague amount ("years ago") is only PAST_REF/FUTURE_REF."""
    unit = unit_code(m["unit"])
    amount = number_value(m["num"]) if m["num"] else None
    sign = 1 if m["dir"].lower() in ("later", "from now", "hence") else -1
    if amount is None or not float(amount).is_integer():
        return fixed(Resolved("DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", None, "unknown"))
    steps = int(amount)

    def resolve(anchor: dt.date, tense: Tense) -> Resolved:
        if unit.startswith("T"):
            return cal.day(anchor)
        if unit == "2W":
            return cal.by_unit(cal.shift(anchor, sign * 2 * steps, "W"), "W")
        if unit in ("DE", "CE"):
            return cal.year(cal.shift(anchor, sign * steps, unit).year)
        return cal.by_unit(cal.shift(anchor, sign * steps, unit), unit)

    return anchored(resolve)


def h_year_earlier(m: re.Match, rule: str, ctx: Context):
    return anchored(lambda anchor, tense: cal.year(anchor.year - 1))


def h_duration(m: re.Match, rule: str, ctx: Context):
    """ "14-year", "two weeks", "the past five years": DURATION with no calendar value."""
    unit = unit_code(m["unit"])
    raw = m["num"]
    amount = number_value(raw) if raw else 1
    if amount is not None and m.groupdict().get("half"):
        amount += 0.5  # "a minute and a half": PT1M30S
    if unit == "TS" and raw.lower() in ("a", "an"):
        return None  # "a second attack"
    if (
        unit == "Q"
        and following_word(m).lower() == "of"
        and not re.match(r"\s*of\s+(?:fiscal\s+)?\d{4}", m.string[m.end() :])
    ):
        return None  # a fraction: "three-quarters of its food", "a quarter of the market"
    return fixed(Resolved("DURATION", duration(amount, unit), None, "unknown"))


def h_bare_plural(m: re.Match, rule: str, ctx: Context):
    """Unit plurals without a number: "recent years" is PAST_REF, "for years" PXY."""
    unit = unit_code(m["unit"])
    quantifier = re.sub(r"\s+", " ", (m["q"] or "").lower())
    if quantifier == "recent" and unit in ("Y", "DE", "CE"):
        return fixed(Resolved("DATE", "PAST_REF", None, "unknown"))  # "recent years": the past
    if quantifier == "recent":  # "in recent weeks": a stretch up to now (TimeML: DURATION)
        return fixed(Resolved("DURATION", duration(None, unit), None, "unknown"))
    if not quantifier and not ctx.whole and preceding_word(m) not in ("for", "over", "within"):
        return None
    return fixed(Resolved("DURATION", duration(None, unit), None, "unknown"))


def h_ref(m: re.Match, rule: str, ctx: Context):
    word = re.sub(r"\s+", " ", m["word"].lower())
    ref = REFS[word]
    if word == "future" and preceding_word(m) not in ("the", "near", "in"):
        return None
    if word == "current" and not following_word(m)[:1].islower():
        return None
    if ref == "PRESENT_REF":
        return anchored(
            lambda anchor, tense: Resolved("DATE", "PRESENT_REF", anchor.isoformat(), "day"),
            Resolved("DATE", "PRESENT_REF", None, "unknown"),
        )
    return fixed(Resolved("DATE", ref, None, "unknown"))


def h_set_every(m: re.Match, rule: str, ctx: Context):
    if m["wd"]:
        if not capitalised(m["wd"]):
            return None
        return fixed(Resolved("SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()]}", None, "unknown"))
    if m["mon"]:
        return fixed(Resolved("SET", f"XXXX-{month_of(m):02d}", None, "unknown"))
    if m["part"]:
        return fixed(Resolved("SET", f"XXXX-XX-XXT{DAY_PARTS[m['part'].lower()]}", None, "unknown"))
    amount = (
        2 if (m["num"] or "").lower() == "other" else (number_value(m["num"]) if m["num"] else 1)
    )
    return fixed(Resolved("SET", duration(amount, unit_code(m["unit"])), None, "unknown"))


def h_set_adverb(m: re.Match, rule: str, ctx: Context):
    return fixed(Resolved("SET", SET_ADVERBS[m["word"].lower()], None, "unknown"))


def h_frequency(m: re.Match, rule: str, ctx: Context):
    return fixed(Resolved("SET", duration(1, unit_code(m["unit"])), None, "unknown"))


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
    """ "10 p.m. Wednesday", "5 p.m. EST Nov. 9", "noon yesterday": one TIME on that day."""
    clock = _clock(m)
    if clock is None:
        return None
    hour, minute = clock
    if m["wd"] and not capitalised(m["wd"]) or m["mon"] and not capitalised(m["mon"]):
        return None

    def resolve(anchor: dt.date, tense: Tense) -> Resolved | None:
        date: dt.date | None
        if m["wd"]:
            date = cal.weekday_near(anchor, WEEKDAYS[m["wd"].lower()], tense)
        elif m["mon"]:
            month_number, day_number = month_of(m), int(m["d"])
            date = cal.safe_date(
                cal.year_for_month(anchor, month_number, day_number, tense),
                month_number,
                day_number,
            )
        else:
            date = anchor + dt.timedelta(days=DEICTIC_DAYS[m["deictic"].lower()])
        if date is None:
            return None
        return Resolved(
            "TIME", f"{date.isoformat()}T{hour:02d}:{minute:02d}", date.isoformat(), "day"
        )

    return anchored(resolve)


def h_clock(m: re.Match, rule: str, ctx: Context):
    clock = _clock(m)
    if clock is None:
        return None
    hour, minute = clock

    def resolve(anchor: dt.date, tense: Tense) -> Resolved:
        iso = anchor.isoformat()
        return Resolved("TIME", f"{iso}T{hour:02d}:{minute:02d}", iso, "day")

    return anchored(
        resolve, Resolved("TIME", f"XXXX-XX-XXT{hour:02d}:{minute:02d}", None, "unknown")
    )
