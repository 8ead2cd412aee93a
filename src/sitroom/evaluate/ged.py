"""UCDP GED headlines: deaths, place and date of the event a headline reports.

``gold/ged/ged_dev.csv`` holds GED events of organised violence with the news headline(s)
UCDP coded each from, the death estimates ``[low, high]``, the event's coordinates, its
province (``adm_1``) and district (``adm_2``) and its dates with a stated precision. Each
row's headlines run through the whole pipeline as one article published on the first source
date; the row's event is the extraction's first event that carries a death count, else its
first event with a place, else its first event.

- deaths (``death_figures``, printed by the ``events`` evaluation): among rows whose headlines
  carry a number and a word for death, the share where the row's death count (the first one of
  the headlines) lies within ``[low, high]``; a vague count such as "dozens" counts when its
  bounds overlap GED's. The same against the sum of ``[low, high]`` over the rows coded from
  the same headlines, and on the rows whose headlines state no period of several days;
- place (``run``, the ``ged`` evaluation, also selected by ``--only geo``): the share of rows
  whose event place lies within ``PLACE_KM`` of GED's point, on all rows and on the rows
  reporting deaths; the share whose place lies in GED's province and district (rows where GED
  names one; a row without an event place counts as wrong); the country; and, on the tuning half
  only, why the others missed (``MISS_KINDS``);
- date: the share of rows with a dated event whose date falls within GED's
  ``[date_start, date_end]`` widened by the stated precision, and the same for every row with an
  event when an undated event takes the publication date, as the exports do.

The set is split so a rule tuned on it reports on rows it did not see: rows whose GED id is
even are the tuning half, odd ids the report half; both halves are printed, named as such.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sitroom.extract import extract_articles
from sitroom.extract.places.resolve import km
from sitroom.kb.gazetteer import Gazetteer, load_gazetteer
from sitroom.kb.gazetteer.names import name_key
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
_ADMIN_SUFFIX = re.compile(
    r"\s+(state|region|division|district|oblast|raion|province|union territory|"
    r"special republican city)$",
    re.I,
)
MISS_KINDS = (
    "no_event",
    "no_place_in_article",
    "event_unplaced",
    "wrong_country",
    "other_place_of_article_right",
    "right_country_too_far",
)
"""Why a row's event place is not within ``PLACE_KM``: no event found; the article names no
place the gazetteer resolved; the event took none of the article's places; its place lies in
another country; another place of the article was right; the right country but a larger
area or a place too far."""
_PERIOD = re.compile(
    r"\b(?:in|over|during|within|across|throughout|since)\s+(?:the\s+)?(?:past\s+|last\s+)?"
    r"(?:(?!one\b|a\b|24\b)\w+\s+)?(?:days|weeks?|weekend|months?|years?|fortnight)\b"
    r"|\bthis\s+(?:week|month|year)\b",
    re.I,
)
"""A period of several days in a headline ("in four days", "over the weekend")."""
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
    adm_1: str
    adm_2: str
    lat: float
    lon: float
    low: int
    high: int
    headline_low: int
    headline_high: int
    """GED's ``[low, high]`` summed over every event of the file coded from the same
    headlines: a headline's count covers all the events UCDP split it into."""

    @property
    def half(self) -> str:
        return "tune" if self.id % 2 == 0 else "report"

    @property
    def reports_deaths(self) -> bool:
        """The headlines hold a number and a word for death: the rows whose death count a
        reader could take from the text (the set is fixed by the gold text alone)."""
        return bool(_NUMBER.search(self.text) and _DEATH.search(self.text))

    @property
    def one_incident(self) -> bool:
        """No headline states a period of several days ("in four days", "over the
        weekend", "this year"): the count can be one event's (fixed by the gold text)."""
        return _PERIOD.search(self.text) is None


def read_ged(path: Path, limit: int | None = None) -> Iterator[GedRow]:
    with path.open(encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh))
    sums: dict[str, list[int]] = {}
    for r in records:
        group = sums.setdefault(r["source_headline"], [0, 0])
        group[0] += int(r["low"])
        group[1] += int(r["high"])
    for n, r in enumerate(records):
        if limit is not None and n >= limit:
            return
        headlines = [h.strip() for h in r["source_headline"].split(";") if h.strip()]
        dates = [d.strip() for d in r["source_date"].split(";") if d.strip()]
        yield GedRow(
            id=int(r["id"]),
            text="\n\n".join(headlines),
            published=dates[0] if dates else None,
            date_start=r["date_start"],
            date_end=r["date_end"],
            date_prec=int(r["date_prec"] or 5),
            country=r["country"],
            adm_1=r["adm_1"],
            adm_2=r["adm_2"],
            lat=float(r["latitude"]),
            lon=float(r["longitude"]),
            low=int(r["low"]),
            high=int(r["high"]),
            headline_low=sums[r["source_headline"]][0],
            headline_high=sums[r["source_headline"]][1],
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


def _admin_key(name: str) -> str:
    return name_key(_ADMIN_SUFFIX.sub("", name.strip()))


def same_admin(gaz: Gazetteer, gold: str, country: str | None, found: str | None) -> bool:
    """Whether the place's admin name ``found`` (GeoNames: "Donetska oblast", "Kayin")
    names GED's unit ``gold`` ("Donetsk oblast", "Karen state"): the gazetteer's own
    first-level unit for GED's name when it has one, else the two names without their
    unit word agree on their first four letters (transliterations differ in the ending)."""
    if not found or not gold:
        return False
    base = _ADMIN_SUFFIX.sub("", gold.strip())
    units = {
        _admin_key(e.admin1 or e.name)
        for e in gaz.candidates(base)
        if e.fcode == "ADM1" and e.country == country
    }
    if _admin_key(found) in units:
        return True
    return _admin_key(found)[:4] == _admin_key(gold)[:4]


def miss_kind(row: GedRow, extraction: Extraction, event: Event | None) -> str | None:
    """The ``MISS_KINDS`` entry for a row whose event place is not right, else None."""
    place = place_of(extraction, event)
    if place is not None and _within(row, place):
        return None
    if event is None:
        return "no_event"
    if not extraction.places:
        return "no_place_in_article"
    if place is None:
        return "event_unplaced"
    if place.country != COUNTRY_ISO.get(row.country):
        return "wrong_country"
    if any(_within(row, p) for p in extraction.places):
        return "other_place_of_article_right"
    return "right_country_too_far"


def _within(row: GedRow, place: Place) -> bool:
    if place.lat is None or place.lon is None:
        return False
    return km((place.lat, place.lon), (row.lat, row.lon)) <= PLACE_KM


def _rate(n: int, d: int) -> float:
    return round(n / d, 3) if d else 0.0


def _overlap(dead: tuple[int, int] | None, low: int, high: int) -> bool:
    return dead is not None and dead[0] <= high and dead[1] >= low


class _Deaths:
    """Three readings of one comparison: the row's own ``[low, high]``; the sum over the
    events UCDP coded from the same headlines (a headline's "40 killed in four days" is
    several GED events); and the row's own range on headlines that state no period of
    several days, where one event's count can be right."""

    def __init__(self) -> None:
        self.numbered = self.found = self.in_range = self.in_sum = 0
        self.single = self.single_in_range = 0

    def add(self, row: GedRow, extraction: Extraction) -> None:
        if not row.reports_deaths:
            return
        self.numbered += 1
        dead = deaths(extraction)
        self.found += dead is not None
        self.in_range += _overlap(dead, row.low, row.high)
        self.in_sum += _overlap(dead, row.headline_low, row.headline_high)
        if row.one_incident:
            self.single += 1
            self.single_in_range += _overlap(dead, row.low, row.high)

    def figures(self, half: str) -> dict[str, float | int]:
        p = f"ged_{half}"
        return {
            f"{p}_rows_reporting_deaths": self.numbered,
            f"{p}_deaths_found": _rate(self.found, self.numbered),
            f"{p}_deaths_within_low_high": _rate(self.in_range, self.numbered),
            f"{p}_deaths_within_headline_sum": _rate(self.in_sum, self.numbered),
            f"{p}_one_incident_rows": self.single,
            f"{p}_one_incident_deaths_within_low_high": _rate(self.single_in_range, self.single),
        }


class _Places:
    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.rows = self.numbered = self.placed = self.within = self.numbered_within = 0
        self.country_right = self.with_adm1 = self.adm1_right = 0
        self.with_adm2 = self.adm2_right = 0
        self.dated = self.date_within = self.with_event = self.date_or_published_within = 0
        self.misses: Counter[str] = Counter()

    def add(self, row: GedRow, extraction: Extraction) -> None:
        self.rows += 1
        self.numbered += row.reports_deaths
        event = row_event(extraction)
        place = place_of(extraction, event)
        within = place is not None and _within(row, place)
        self.placed += place is not None
        self.within += within
        self.numbered_within += within and row.reports_deaths
        iso = COUNTRY_ISO.get(row.country)
        self.country_right += place is not None and place.country == iso
        if row.adm_1:
            self.with_adm1 += 1
            self.adm1_right += place is not None and same_admin(
                self.gaz, row.adm_1, iso, place.admin1
            )
        if row.adm_2:
            self.with_adm2 += 1
            entry = self.gaz.get(place.id) if place is not None else None
            self.adm2_right += entry is not None and _admin_key(entry.admin2 or "") == _admin_key(
                row.adm_2
            )
        kind = miss_kind(row, extraction, event)
        if kind is not None:
            self.misses[kind] += 1
        self._add_date(row, extraction, event)

    def _add_date(self, row: GedRow, extraction: Extraction, event: Event | None) -> None:
        if event is None:
            return
        self.with_event += 1
        within = date_ok(row, event.date.value)
        if within is not None:
            self.dated += 1
            self.date_within += within
        fallback = within if within is not None else date_ok(row, extraction.article.published)
        self.date_or_published_within += bool(fallback)

    def figures(self, half: str) -> dict[str, float | int]:
        p, km_ = f"ged_{half}", int(PLACE_KM)
        out: dict[str, float | int] = {
            f"{p}_rows": self.rows,
            f"{p}_events_placed": _rate(self.placed, self.rows),
            f"{p}_place_within_{km_}km": _rate(self.within, self.rows),
            f"{p}_rows_reporting_deaths": self.numbered,
            f"{p}_reporting_deaths_place_within_{km_}km": _rate(
                self.numbered_within, self.numbered
            ),
            f"{p}_place_country_right": _rate(self.country_right, self.rows),
            f"{p}_rows_with_admin1": self.with_adm1,
            f"{p}_admin1_right": _rate(self.adm1_right, self.with_adm1),
            f"{p}_rows_with_admin2": self.with_adm2,
            f"{p}_admin2_right": _rate(self.adm2_right, self.with_adm2),
            f"{p}_events_dated": _rate(self.dated, self.with_event),
            f"{p}_date_within_precision": _rate(self.date_within, self.dated),
            f"{p}_date_or_published_within_precision": _rate(
                self.date_or_published_within, self.with_event
            ),
        }
        if half == "tune":
            out.update({f"{p}_place_miss_{k}": self.misses[k] for k in MISS_KINDS})
        return out


@lru_cache(maxsize=2)
def extracted(shared: Path, limit: int | None) -> tuple[tuple[GedRow, Extraction], ...]:
    """Every row with its extraction, once per process: the ``events`` evaluation reads
    the deaths and the ``ged`` evaluation the places of the same run."""
    if not (shared / GOLD).exists():
        raise FileNotFoundError(2, "not found", str(shared / GOLD))
    rows = list(read_ged(shared / GOLD, limit))
    articles = [
        Article(id=f"ged-{r.id}", source=f"ged:{r.id}", text=r.text, published=r.published)
        for r in rows
    ]
    return tuple(zip(rows, extract_articles(articles), strict=True))


SPLIT = "fixed: even GED ids tune, odd ids report"


def death_figures(shared: Path, limit: int | None = None) -> dict[str, float | int | str]:
    """The deaths figures of both halves."""
    halves = {"tune": _Deaths(), "report": _Deaths()}
    for row, extraction in extracted(shared, limit):
        halves[row.half].add(row, extraction)
    figures: dict[str, float | int | str] = {"ged_split": SPLIT}
    for half, tally in halves.items():
        figures.update(tally.figures(half))
    return figures


def run(shared: Path, limit: int | None = None) -> dict[str, float | int | str]:
    """The place, province, district and date figures of both halves."""
    gaz = load_gazetteer()
    halves = {"tune": _Places(gaz), "report": _Places(gaz)}
    for row, extraction in extracted(shared, limit):
        halves[row.half].add(row, extraction)
    figures: dict[str, float | int | str] = {"ged_split": SPLIT}
    for half, tally in halves.items():
        figures.update(tally.figures(half))
    return figures
