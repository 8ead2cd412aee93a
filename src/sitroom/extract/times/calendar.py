"""Calendar arithmetic for resolving relative temporal expressions.

Kept apart from the grammar so the direction rules (SCHEMA.md: a bare weekday is the nearest
such day in the direction of the verb's tense, the anchor day included) live in one place
and can be tested without patterns or spaCy.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from sitroom import settings

Tense = str | None  # "past", "present", "future" or None when no verb governs the expression


@dataclass(frozen=True)
class Resolved:
    """One normalised expression: ISO-TimeML type, TIMEX3 value and the calendar form."""

    type: str
    timex: str | None
    value: str | None
    precision: str


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def shift(anchor: dt.date, amount: int, unit: str) -> dt.date:
    """``anchor`` moved by ``amount`` units (D, W, M, Y, DE, Q); months clamp to the month's end."""
    if unit == "D":
        return anchor + dt.timedelta(days=amount)
    if unit in ("W", "WE"):
        return anchor + dt.timedelta(weeks=amount)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
    if months is None:
        return anchor
    year, month = add_months(anchor.year, anchor.month, amount * months)
    return dt.date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))


def day(date: dt.date, part: str | None = None, part_type: str = "TIME") -> Resolved:
    """A day; a part of day ("MO", "NI") adds that TIMEX3 suffix. TimeBank types "this
    morning" TIME but "Friday morning" mostly DATE, hence ``part_type``."""
    iso = date.isoformat()
    if part:
        return Resolved(part_type, f"{iso}T{part}", iso, "day")
    return Resolved("DATE", iso, iso, "day")


def week(date: dt.date, weekend: bool = False) -> Resolved:
    """The ISO week holding ``date``: TIMEX3 ``YYYY-Www``, calendar value its Monday."""
    iso_year, iso_week, _ = date.isocalendar()
    monday = date - dt.timedelta(days=date.weekday())
    suffix = "-WE" if weekend else ""
    return Resolved("DATE", f"{iso_year}-W{iso_week:02d}{suffix}", monday.isoformat(), "week")


def month(year: int, month_number: int) -> Resolved:
    text = f"{year:04d}-{month_number:02d}"
    return Resolved("DATE", text, text, "month")


def year(year_number: int) -> Resolved:
    return Resolved("DATE", f"{year_number:04d}", f"{year_number:04d}", "year")


def quarter(year_number: int, number: int) -> Resolved:
    """Quarters have no calendar precision of their own: the value keeps the year."""
    return Resolved("DATE", f"{year_number:04d}-Q{number}", f"{year_number:04d}", "year")


def half(year_number: int, number: int) -> Resolved:
    return Resolved("DATE", f"{year_number:04d}-H{number}", f"{year_number:04d}", "year")


def season(year_number: int, code: str) -> Resolved:
    """SCHEMA.md: a season keeps the year in ``value`` and the season in ``timex``."""
    return Resolved("DATE", f"{year_number:04d}-{code}", f"{year_number:04d}", "season")


def decade(first_year: int) -> Resolved:
    """TIMEX3 writes the 1990s as "199"; the calendar value is the decade's first year."""
    return Resolved("DATE", f"{first_year // 10:03d}", f"{first_year:04d}", "decade")


def by_unit(anchor: dt.date, unit: str) -> Resolved:
    """The calendar unit (day, week, month, quarter, year, decade) that holds ``anchor``."""
    if unit == "D":
        return day(anchor)
    if unit in ("W", "WE"):
        return week(anchor, weekend=unit == "WE")
    if unit == "M":
        return month(anchor.year, anchor.month)
    if unit == "Q":
        return quarter(anchor.year, (anchor.month - 1) // 3 + 1)
    if unit == "DE":
        return decade(anchor.year - anchor.year % 10)
    if unit == "CE":
        return Resolved("DATE", f"{anchor.year // 100:02d}", None, "unknown")
    return year(anchor.year)


def weekday_near(anchor: dt.date, iso_weekday: int, tense: Tense, strict: bool = False) -> dt.date:
    """The nearest ``iso_weekday`` in the tense's direction, the anchor day itself included.

    ``strict`` excludes the anchor day ("last Friday" said on a Friday is a week back).
    Without a clear direction (present tense, no verb) the nearer of the two wins, the past
    on a tie, since news mostly reports what happened.
    """
    back = (anchor.isoweekday() - iso_weekday) % 7
    ahead = (iso_weekday - anchor.isoweekday()) % 7
    if strict:
        back, ahead = back or 7, ahead or 7
    if tense == "past":
        return anchor - dt.timedelta(days=back)
    if tense == "future":
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back) if back <= ahead else anchor + dt.timedelta(days=ahead)


def nth_weekday(year_number: int, month_number: int, iso_weekday: int, nth: int) -> dt.date:
    """The nth ``iso_weekday`` of a month (nth -1: the last; 0: the US Election Day rule,
    the day after the first Monday)."""
    if nth == 0:
        return nth_weekday(year_number, month_number, 1, 1) + dt.timedelta(days=1)
    if nth < 0:
        last = (
            dt.date(year_number, month_number % 12 + 1, 1) - dt.timedelta(days=1)
            if month_number < 12
            else dt.date(year_number, 12, 31)
        )
        return last - dt.timedelta(days=(last.isoweekday() - iso_weekday) % 7)
    first = dt.date(year_number, month_number, 1)
    return first + dt.timedelta(days=(iso_weekday - first.isoweekday()) % 7 + 7 * (nth - 1))


def year_for_month(anchor: dt.date, month_number: int, day_number: int | None, tense: Tense) -> int:
    """The year of a month (and day) given without one: the nearest occurrence in the tense's
    direction, the anchor's own month/day counting as both past and future.

    The tense only decides within ``times.tense_window_months`` (a setting): news dates lie
    close to publication, and a past-tense verb often governs a future date ("declared a
    dividend payable Dec. 7"; "extended the offer to Nov. 20" reaches here with no
    direction, see ``time_tense``).
    Beyond that window the nearest occurrence wins.
    """
    window = settings.integer("times.tense_window_months")
    here = (anchor.month, anchor.day if day_number is not None else 0)
    there = (month_number, day_number if day_number is not None else 0)
    if tense == "past":
        months_back = (anchor.month - month_number) % 12
        if months_back <= window and not (months_back == 0 and there > here):
            return anchor.year if there <= here else anchor.year - 1
    if tense == "future":
        months_ahead = (month_number - anchor.month) % 12
        if months_ahead <= window and not (months_ahead == 0 and there < here):
            return anchor.year if there >= here else anchor.year + 1
    # No usable direction: the occurrence within six months of the anchor.
    distance = (month_number - anchor.month) % 12
    if distance == 0:
        return anchor.year
    return (
        anchor.year + (1 if month_number < anchor.month else 0)
        if distance <= 6
        else (anchor.year - (1 if month_number > anchor.month else 0))
    )


def safe_date(year_number: int, month_number: int, day_number: int) -> dt.date | None:
    try:
        return dt.date(year_number, month_number, day_number)
    except ValueError:
        return None
