"""Handlers of the expressions that name a calendar unit: dates, months, years, decades,
centuries, seasons and holidays.

A handler gets a rule's match and returns a resolver (publication date and tense ->
``Resolved``), or None to reject the match; ``time_grammar.RULES`` pairs each with its
pattern.
"""

from __future__ import annotations

import datetime as dt
import re

from sitroom.extract.times import calendar as cal
from sitroom.extract.times.calendar import Resolved, Tense
from sitroom.extract.times.words import (
    DATE_PREPOSITIONS,
    DECADE_WORDS,
    HOLIDAYS,
    MOVABLE_HOLIDAYS,
    NUMBERS,
    SEASONS,
    WEEKDAYS,
    Context,
    anchored,
    capitalised,
    fixed,
    following_word,
    month_of,
    preceding_word,
)


def h_iso_date(m: re.Match, rule: str, ctx: Context):
    date = cal.safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if date is None:
        return None
    if m["hh"]:
        iso = date.isoformat()
        return fixed(Resolved("TIME", f"{iso}T{m['hh']}:{m['mm']}", iso, "day"))
    return fixed(cal.day(date))


def h_numeric_date(m: re.Match, rule: str, ctx: Context):
    year_number = int(m["y"])
    if year_number < 100:
        year_number += 2000 if year_number < 50 else 1900
    date = cal.safe_date(year_number, int(m["m"]), int(m["d"]))
    return fixed(cal.day(date)) if date else None


def h_month_day(m: re.Match, rule: str, ctx: Context):
    if not capitalised(m["mon"]):
        return None
    month_number, day_number = month_of(m), int(m["d"])
    if not 1 <= day_number <= 31:
        return None
    if m["y"]:
        date = cal.safe_date(int(m["y"]), month_number, day_number)
        return fixed(cal.day(date)) if date else None

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

    return anchored(
        resolve, Resolved("DATE", f"XXXX-{month_number:02d}-{day_number:02d}", None, "unknown")
    )


def h_month_year(m: re.Match, rule: str, ctx: Context):
    if not capitalised(m["mon"]):
        return None
    return fixed(cal.month(int(m["y"]), month_of(m)))


def h_month(m: re.Match, rule: str, ctx: Context):
    """A month name alone. Abbreviations and "May" need a cue that it is a date."""
    word = m["mon"].rstrip(".")
    if not capitalised(word) or word.lower() not in ("may",) and len(word) < 4 and not ctx.whole:
        return None
    cue = m["rel"] or m["mod"] or preceding_word(m) in DATE_PREPOSITIONS
    if (
        not ctx.whole
        and not cue
        and (word.lower() in ("may", "march") or m.string[m.start() - 2 : m.start()] in ("", ". "))
    ):
        return None
    month_number = month_of(m)
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

    return anchored(resolve, Resolved("DATE", f"XXXX-{month_number:02d}", None, "unknown"))


def h_month_relative_year(m: re.Match, rule: str, ctx: Context):
    """ "July last year", "March of next year"."""
    if not capitalised(m["mon"]):
        return None
    month_number = month_of(m)
    step = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return anchored(lambda anchor, tense: cal.month(anchor.year + step, month_number))


def h_year(m: re.Match, rule: str, ctx: Context):
    """A four-digit number is a year only with a cue: "fiscal", a modifier, a preposition such
    as "in"/"since", or spaCy calling it a DATE; counts ("2000 fighters") never."""
    follower = following_word(m)
    if follower[:1] in ("%", "$") or follower.lower() in (
        "percent",
        "people",
        "troops",
        "fighters",
        "members",
    ):
        return None
    cue = m["mod"] or m["fiscal"] or ctx.in_date_entity(m.start("y"), m.end("y"))
    if (
        not cue
        and preceding_word(m) in DATE_PREPOSITIONS
        and not (
            follower
            and follower[0].islower()
            and follower not in ("and", "to", "when", "after", "before")
        )
    ):
        cue = True
    if not cue:
        return None
    return fixed(cal.year(int(m["y"])))


def h_decade(m: re.Match, rule: str, ctx: Context):
    if m["y"]:
        first = int(m["y"])
    elif m["yy"]:
        first = 1900 + int(m["yy"])
    else:
        first = (2000 if m["cent"] and "two" in m["cent"].lower() else 1900) + 10 * DECADE_WORDS[
            m["word"].lower()
        ]
    return fixed(cal.decade(first))


def _spoken_year(m: re.Match) -> int | None:
    """ "nineteen ninety-six" (broadcast transcripts spell years out): hundreds + tens + ones."""
    tens = NUMBERS.get(m["sy_tens"].lower(), 0) if m["sy_tens"] else 0
    ones = NUMBERS.get((m["sy_ones"] or m["sy_oh"] or "").lower(), 0)
    value = int(100 * NUMBERS[m["sy_cent"].lower()] + tens + ones)
    return value if 1500 <= value <= 2099 else None


def h_spoken_year(m: re.Match, rule: str, ctx: Context):
    year_number = (
        2000 + int(NUMBERS.get((m["sy_k"] or "").lower(), 0)) if m["sy_2k"] else _spoken_year(m)
    )
    if year_number is None:
        return None
    if m["mon"]:
        return fixed(cal.month(year_number, month_of(m))) if capitalised(m["mon"]) else None
    return fixed(cal.year(year_number))


def h_century(m: re.Match, rule: str, ctx: Context):
    number = int(m["n"])
    return fixed(Resolved("DATE", f"{number - 1:02d}", None, "unknown"))


def h_season(m: re.Match, rule: str, ctx: Context):
    word = m["season"].lower()
    code, first_month = SEASONS[word]
    if m["y"]:
        return fixed(cal.season(int(m["y"]), code))
    if not (m["the"] or m["mod"]) and not ctx.whole:
        return None
    if word == "fall" and following_word(m).lower() == "of":
        return None  # "the fall of Mosul"

    def resolve(anchor: dt.date, tense: Tense) -> Resolved:
        if tense == "past" and anchor.month < first_month:
            return cal.season(anchor.year - 1, code)
        if tense == "future" and anchor.month >= first_month + 3:
            return cal.season(anchor.year + 1, code)
        return cal.season(anchor.year, code)

    return anchored(resolve)


def h_holiday(m: re.Match, rule: str, ctx: Context):
    if not capitalised(m["word"]):
        return None
    month_number, day_number = HOLIDAYS[re.sub(r"\s+", " ", m["word"].lower())]
    if m["y"]:
        return fixed(cal.day(dt.date(int(m["y"]), month_number, day_number)))
    return anchored(
        lambda anchor, tense: cal.day(
            dt.date(
                cal.year_for_month(anchor, month_number, day_number, tense),
                month_number,
                day_number,
            )
        )
    )


def h_movable_holiday(m: re.Match, rule: str, ctx: Context):
    """ "Thanksgiving Day", "last Thanksgiving", "Election Day 2024": the nth weekday of a
    month in the year the tense (or "last"/"next") points to."""
    if not capitalised(m["word"]):
        return None
    month_number, weekday, nth = MOVABLE_HOLIDAYS[re.sub(r"\s+", " ", m["word"].lower())]
    rel = (m["rel"] or "").lower()

    def on(year_number: int) -> Resolved:
        return cal.day(cal.nth_weekday(year_number, month_number, weekday, nth))

    if m["y"]:
        return fixed(on(int(m["y"])))

    def resolve(anchor: dt.date, tense: Tense) -> Resolved:
        this_year = cal.nth_weekday(anchor.year, month_number, weekday, nth)
        if rel == "last" or (not rel and tense == "past"):
            return on(anchor.year if this_year <= anchor else anchor.year - 1)
        if rel == "next" or tense == "future":
            return on(anchor.year if this_year >= anchor else anchor.year + 1)
        return on(cal.year_for_month(anchor, month_number, this_year.day, tense))

    return anchored(resolve)
