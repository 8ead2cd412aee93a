"""Choose which gazetteer place each toponym of a document means.

Pure functions over strings and gazetteer entries (no spaCy), so the disambiguation can be
tested and evaluated alone. A candidate's score adds up evidence, each term a weight from
``place_weights.json``:

- prior: population (log scale), feature type (a country before a province before a
  town; a county only when the text says "County"), and whether the text is the place's
  main name rather than one of its alternate spellings;
- the words around it: "X province" wants an ADM1, "X County" an ADM2, "Paris, Texas" a
  place in Texas;
- the document: the countries and states it names (a dateline counts double), and how
  close the candidate lies to the other places it resolved, because a story is usually
  about one region (a Lebanese "Tripoli", a Louisiana "Alexandria").

Resolution runs twice: a first pass on priors alone gives the document's context, the
second uses it. The rule id stored on a result says which evidence decided it.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sitroom import settings
from sitroom.kb.gazetteer import Entry, Gazetteer, load_gazetteer
from sitroom.kb.gazetteer.names import name_key

WEIGHTS_FILE = Path(__file__).with_name("data") / "place_weights.json"
STATE_ABBREVIATIONS_FILE = Path(__file__).with_name("data") / "us_states.csv"
KM_PER_DEGREE = 111.0
"""Slightly under the km of a degree of latitude, so the bound in ``nearest_km`` is safe."""

_ADMIN_SUFFIX = re.compile(
    r"\s+(province|governorate|state|region|oblast|prefecture|department)$", re.IGNORECASE
)
_DISTRICT_SUFFIX = re.compile(r"\s+(county|parish|district|borough)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    return json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))["weights"]


@lru_cache(maxsize=1)
def state_abbreviations() -> dict[str, str]:
    """US state abbreviations (postal and AP style, folded) -> state name."""
    out: dict[str, str] = {}
    for line in STATE_ABBREVIATIONS_FILE.read_text(encoding="utf-8").splitlines()[1:]:
        state, postal, ap = line.split(",")
        out[name_key(postal)] = state
        if ap:
            out[name_key(ap)] = state
    return out


@dataclass
class Toponym:
    """One place name in a document and the words that qualify it."""

    text: str
    qualifier: str | None = None  # the state or country after a comma: "Paris, Texas"
    dateline: bool = False


@dataclass
class Resolution:
    entry: Entry
    score: float
    rule: str


@dataclass
class Context:
    """What the document says about where it is: weights per country and per state."""

    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[str, float] = field(default_factory=dict)
    points: list[tuple[float, float]] = field(default_factory=list)
    country_total: float = 0.0  # the sum of ``countries``, which every candidate divides by


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p = math.pi / 180
    h = (
        math.sin((b[0] - a[0]) * p / 2) ** 2
        + math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin((b[1] - a[1]) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def nearest_km(
    here: tuple[float, float], points: list[tuple[float, float]], limit: float
) -> float | None:
    """The distance to the nearest of ``points`` if it is under ``limit`` km, else None.

    A great circle is never shorter than its latitude difference (111.19 km a degree), so
    points farther than ``limit / KM_PER_DEGREE`` degrees of latitude are left out
    without the trigonometry: most of a story's other places, for most candidates."""
    reach = limit / KM_PER_DEGREE
    nearest = min((km(here, p) for p in points if abs(p[0] - here[0]) <= reach), default=None)
    return nearest if nearest is not None and nearest < limit else None


def lookup_forms(text: str) -> tuple[str, str | None]:
    """The name to look up and the kind of feature its own words ask for.

    "Al-Anbar province" is looked up as written first (curated spellings include such
    forms) and else as "Al-Anbar" wanting an ADM1.
    """
    if _ADMIN_SUFFIX.search(text):
        return _ADMIN_SUFFIX.sub("", text), "ADM1"
    if _DISTRICT_SUFFIX.search(text):
        return text, "ADM2"
    return text, None


def candidates(gaz: Gazetteer, toponym: Toponym) -> tuple[list[Entry], str | None]:
    found = gaz.candidates(toponym.text)
    bare, wants = lookup_forms(toponym.text)
    if bare != toponym.text:
        found = found + [e for e in gaz.candidates(bare) if e not in found]
    return found, wants


def prior(entry: Entry, key: str, wants: str | None) -> float:
    w = weights()
    score = w["population"] * math.log10((entry.population or 0) + 10) / 7
    score += w.get(f"type_{entry.fcode}", w.get(f"class_{entry.fclass}", 0.0))
    if name_key(entry.name) == key:
        score += w["main_name"]
    if wants and entry.fcode == wants:
        score += w["wanted_type"]
    elif wants == "ADM2" and entry.fcode != "ADM2":
        score += w["unwanted_type"]
    return score


def score(
    entry: Entry, toponym: Toponym, key: str, wants: str | None, context: Context | None
) -> tuple[float, str]:
    """The candidate's score and the rule naming its strongest evidence."""
    w = weights()
    total = prior(entry, key, wants)
    rule = "places.type-wanted" if wants and entry.fcode == wants else "places.prior"
    if toponym.qualifier:
        q = toponym.qualifier
        if name_key(q) in (name_key(entry.admin1 or ""), name_key(entry.country or "")):
            total += w["qualifier"]
            rule = "places.qualified"
    if context is None:
        return total, rule
    if entry.fcode not in ("PCLI", "CONT"):
        named = context.countries.get(entry.country, 0.0) if entry.country else 0.0
        share = named / (context.country_total or 1)
        if share:
            total += w["context_country"] * share
            rule = "places.context-country" if rule == "places.prior" else rule
        if entry.fcode == "PPLC" and share:
            total += w["capital_in_context"]
        if entry.admin1 and context.admin1.get(entry.admin1) and entry.fcode != "ADM1":
            total += w["context_admin1"]
            rule = (
                "places.context-admin1"
                if rule in ("places.prior", "places.context-country")
                else rule
            )
    if (
        entry.lat is not None
        and entry.lon is not None
        and context.points
        and entry.fclass not in ("A", "L")
    ):
        nearest = nearest_km((entry.lat, entry.lon), context.points, w["near_km"])
        if nearest is not None:
            total += w["near"] * (1 - nearest / w["near_km"])
    return total, rule


def best(gaz: Gazetteer, toponym: Toponym, context: Context | None) -> Resolution | None:
    found, wants = candidates(gaz, toponym)
    if not found:
        return None
    key = name_key(lookup_forms(toponym.text)[0] if wants == "ADM1" else toponym.text)
    scored = [(score(e, toponym, key, wants, context), e) for e in found]
    (top, rule), entry = max(scored, key=lambda x: x[0][0])
    return Resolution(entry=entry, score=top, rule=rule)


def context_of(
    toponyms: list[Toponym], chosen: list[Resolution | None], skip: str | None = None
) -> Context:
    """The document's geography as the current choices describe it, leaving out the
    toponyms named ``skip`` so a name never votes for itself."""
    ctx = Context()
    dateline_weight = settings.number("places.dateline_weight")
    for t, r in zip(toponyms, chosen, strict=False):
        if r is None or name_key(t.text) == skip:
            continue
        weight = dateline_weight if t.dateline else 1.0
        e = r.entry
        if e.country:
            ctx.countries[e.country] = ctx.countries.get(e.country, 0.0) + weight
        if e.admin1 and e.fcode != "PCLI":
            ctx.admin1[e.admin1] = ctx.admin1.get(e.admin1, 0.0) + weight
        if e.lat is not None and e.lon is not None and e.fclass not in ("A", "L"):
            ctx.points.append((e.lat, e.lon))
    # Only the nearest point counts, so a place named ten times is one point, not ten
    # distance computations per candidate.
    ctx.points = list(dict.fromkeys(ctx.points))
    ctx.country_total = sum(ctx.countries.values())
    return ctx


def _resolve_pass(
    gaz: Gazetteer, toponyms: list[Toponym], chosen: list[Resolution | None] | None
) -> list[Resolution | None]:
    """One choice per toponym given the previous pass's choices (None: priors alone).

    A story repeats its places, and a choice depends only on the name, its qualifier and
    the context left when that name is skipped, so each such pair is scored once and
    each skipped name's context is built once: without this a pass was quadratic in the
    number of toponyms."""
    contexts: dict[str, Context] = {}
    done: dict[tuple[str, str | None], Resolution | None] = {}
    out: list[Resolution | None] = []
    for t in toponyms:
        key = (t.text, t.qualifier)
        if key not in done:
            context = None
            if chosen is not None:
                skip = name_key(t.text)
                if skip not in contexts:
                    contexts[skip] = context_of(toponyms, chosen, skip=skip)
                context = contexts[skip]
            done[key] = best(gaz, t, context)
        out.append(done[key])
    return out


def resolve_all(toponyms: list[Toponym], gaz: Gazetteer | None = None) -> list[Resolution | None]:
    """Resolve every toponym of one document, in order; None where the gazetteer has
    nothing under that name."""
    gaz = gaz or load_gazetteer()
    chosen = _resolve_pass(gaz, toponyms, None)
    for _ in range(settings.integer("places.context_passes")):
        chosen = _resolve_pass(gaz, toponyms, chosen)
    return chosen
