"""UCDP GED headlines: deaths, place and date of the event a headline reports.

``gold/ged/ged_dev.csv`` holds GED events of organised violence with the news headline(s)
UCDP coded each from, the death estimates ``[low, high]``, the event's coordinates and its
dates with a stated precision. Each row's headlines run through the whole pipeline as one
article published on the first source date; the row's event is the extraction's first event
that carries a death count, else its first event with a place, else its first event.

- deaths: among rows whose headlines carry a number and a word for death, the share where
  the row's death count (the first one of the headlines) lies within ``[low, high]``; a
  vague count such as "dozens" counts when its bounds overlap GED's;
- place: the share of rows whose event place lies within ``PLACE_KM`` of GED's point (and
  whose place's country is GED's country);
- date: the share of rows with a dated event whose date falls within GED's
  ``[date_start, date_end]`` widened by the stated precision.

Rules were never tuned on this file, but the set is split all the same, so a later rule
tuned on it reports on rows it did not see: rows whose GED id is even are the tuning half,
odd ids the report half; both halves are printed, named as such.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sitroom.extract import extract_articles
from sitroom.extract.places.resolve import km
from sitroom.model import Article, Event, Extraction, Place

NAME = "ged"
GOLD = Path("gold") / "ged" / "ged_dev.csv"
PLACE_KM = 50.0
PRECISION_DAYS = {1: 0, 2: 3, 3: 7, 4: 31, 5: 366}
"""GED ``date_prec``: 1 exact day, 2 within 2-6 days, 3 within a week, 4 within a month,
5 within a year; the widening applied to GED's own date range before comparing."""
COUNTRY_ISO = {"Myanmar (Burma)": "MMR", "Ukraine": "UKR", "Russia (Soviet Union)": "RUS"}
_NUMBER = re.compile(
    r"\b(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|"
    r"scores|hundreds?|thousands?)\b",
    re.I,
)
_DEATH = re.compile(
    r"\b(kill\w*|dead|die[sd]?|dying|deaths?|fatalit\w*|toll|bodies|slain|massacre\w*)\b", re.I
)


@dataclass(frozen=True)
class GedRow:
    id: int
    text: str
    published: str | None
    date_start: str
    date_end: str
    date_prec: int
    country: str
    lat: float
    lon: float
    low: int
    high: int

    @property
    def half(self) -> str:
        return "tune" if self.id % 2 == 0 else "report"

    @property
    def reports_deaths(self) -> bool:
        """The headlines hold a number and a word for death: the rows whose death count a
        reader could take from the text (the set is fixed by the gold text alone)."""
        return bool(_NUMBER.search(self.text) and _DEATH.search(self.text))


def read_ged(path: Path, limit: int | None = None) -> Iterator[GedRow]:
    with path.open(encoding="utf-8", newline="") as fh:
        for n, r in enumerate(csv.DictReader(fh)):
            if limit is not None and n >= limit:
                return
            headlines = [h.strip() for h in r["source_headline"].split(";") if h.strip()]
            dates = [d.strip() for d in r["source_date"].split(";") if d.strip()]
            yield GedRow(
                id=int(r["id"]),
                text="\n".join(headlines),
                published=dates[0] if dates else None,
                date_start=r["date_start"],
                date_end=r["date_end"],
                date_prec=int(r["date_prec"] or 5),
                country=r["country"],
                lat=float(r["latitude"]),
                lon=float(r["longitude"]),
                low=int(r["low"]),
                high=int(r["high"]),
            )


def _dead(event: Event) -> tuple[int, int] | None:
    """The event's death count as bounds: exact, or a bounded range ("dozens"); a bare
    floor ("incurring fatalities") is not a number."""
    if event.size.get("dead") is not None:
        return event.size["dead"], event.size["dead"]
    low, high = event.size.get("dead_min"), event.size.get("dead_max")
    return (low, high) if low is not None and high is not None else None


def row_event(extraction: Extraction) -> Event | None:
    events = extraction.events
    return (
        next((e for e in events if _dead(e) is not None), None)
        or next((e for e in events if e.location and e.location.place), None)
        or (events[0] if events else None)
    )


def deaths(extraction: Extraction) -> tuple[int, int] | None:
    """The death count of the first event that has one: the first headline is the source
    the row lists first."""
    return next((d for e in extraction.events if (d := _dead(e)) is not None), None)


def place_of(extraction: Extraction, event: Event | None) -> Place | None:
    if event is None or event.location is None or event.location.place is None:
        return None
    return next((p for p in extraction.places if p.id == event.location.place), None)


def date_ok(row: GedRow, value: str | None) -> bool | None:
    """Whether the event's date (day, month or year) overlaps GED's widened range."""
    if not value or not re.match(r"^\d{4}", value):
        return None
    slack = dt.timedelta(days=PRECISION_DAYS.get(row.date_prec, 366))
    lo = dt.date.fromisoformat(row.date_start) - slack
    hi = dt.date.fromisoformat(row.date_end) + slack
    parts = value.split("-")
    try:
        if len(parts) >= 3:
            start = end = dt.date.fromisoformat(value[:10])
        elif len(parts) == 2:
            start = dt.date(int(parts[0]), int(parts[1]), 1)
            end = (start + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        else:
            start, end = dt.date(int(parts[0]), 1, 1), dt.date(int(parts[0]), 12, 31)
    except ValueError:
        return None
    return start <= hi and end >= lo


class _Half:
    def __init__(self) -> None:
        self.rows = self.numbered = self.deaths_found = self.deaths_in_range = 0
        self.placed = self.place_within = self.country_right = 0
        self.dated = self.date_within = 0

    def add(self, row: GedRow, extraction: Extraction) -> None:
        self.rows += 1
        event = row_event(extraction)
        if row.reports_deaths:
            self.numbered += 1
            dead = deaths(extraction)
            self.deaths_found += dead is not None
            self.deaths_in_range += dead is not None and dead[0] <= row.high and dead[1] >= row.low
        place = place_of(extraction, event)
        if place is not None and place.lat is not None and place.lon is not None:
            self.placed += 1
            self.place_within += km((place.lat, place.lon), (row.lat, row.lon)) <= PLACE_KM
        self.country_right += place is not None and place.country == COUNTRY_ISO.get(row.country)
        within = date_ok(row, event.date.value if event else None)
        if within is not None:
            self.dated += 1
            self.date_within += within

    def figures(self, half: str) -> dict[str, float | int]:
        def rate(n: int, d: int) -> float:
            return round(n / d, 3) if d else 0.0

        p = f"ged_{half}"
        return {
            f"{p}_rows": self.rows,
            f"{p}_rows_reporting_deaths": self.numbered,
            f"{p}_deaths_found": rate(self.deaths_found, self.numbered),
            f"{p}_deaths_within_low_high": rate(self.deaths_in_range, self.numbered),
            f"{p}_place_within_{int(PLACE_KM)}km": rate(self.place_within, self.rows),
            f"{p}_place_country_right": rate(self.country_right, self.rows),
            f"{p}_events_dated": rate(self.dated, self.rows),
            f"{p}_date_within_precision": rate(self.date_within, self.dated),
        }


def run(shared: Path, limit: int | None = None) -> dict[str, float | int | str]:
    if not (shared / GOLD).exists():
        raise FileNotFoundError(2, "not found", str(shared / GOLD))
    rows = list(read_ged(shared / GOLD, limit))
    articles = [
        Article(id=f"ged-{r.id}", source=f"ged:{r.id}", text=r.text, published=r.published)
        for r in rows
    ]
    halves = {"tune": _Half(), "report": _Half()}
    for row, extraction in zip(rows, extract_articles(articles), strict=True):
        halves[row.half].add(row, extraction)
    figures: dict[str, float | int | str] = {
        "ged_split": "fixed: even GED ids tune, odd ids report",
    }
    for half, tally in halves.items():
        figures.update(tally.figures(half))
    return figures
