"""Choose which gazetteer place each toponym of a document means.

Pure functions over strings and gazetteer entries (no spaCy), so the disambiguation can be
tested and evaluated alone. Resolution reads the document in two stages:

- a first reading with hand-set weights from ``place_weights.json`` (population, feature
  type, main name, the words around the name, then the countries, states and points the
  other toponyms resolved to), run once on priors and then again with that context, so a
  story's geography emerges from its least ambiguous names;
- the learned ranker (``ranker``) then scores every candidate of every toponym against
  that geography (where a dateline counts ``places.dateline_weight`` times) plus the
  article's actors, and its choice is the result.

The result names the ranker's model and the features that set the chosen place above the
runner-up.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from sitroom import settings
from sitroom.extract.places import ranker
from sitroom.extract.places.demonyms import AREA_CODES, demonym_place
from sitroom.extract.places.ranker import (
    Context,
    candidate_features,
    km,
    nearest_km,
    support_of,
)
from sitroom.kb.actors import load_kb
from sitroom.kb.gazetteer import Entry, Gazetteer, load_gazetteer
from sitroom.kb.gazetteer.names import name_key

__all__ = ["Resolution", "Toponym", "km", "resolve_all"]

WEIGHTS_FILE = Path(__file__).with_name("data") / "place_weights.json"
STATE_ABBREVIATIONS_FILE = Path(__file__).with_name("data") / "us_states.csv"
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
    model: str | None = None
    why: dict[str, float] | None = None  # feature -> how much it set this place above the next


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


def _demonym_country(gaz: Gazetteer, text: str) -> Entry | None:
    """The country a demonym names ("Georgian", "Palestinians"), from the actor base."""
    demonyms = load_kb().demonyms
    for form in (text.lower(), text.lower().removesuffix("s")):
        iso3 = demonyms.get(form, (None, None))[0]
        if iso3 and len(iso3) == 3 and iso3.isalpha():
            return gaz.country(iso3)
    return None


def candidates(gaz: Gazetteer, toponym: Toponym) -> tuple[list[Entry], str | None]:
    """The gazetteer's places for the name, and the feature type its words ask for. A name
    the gazetteer lacks may be a state abbreviation ("W.Va.") or a demonym standing for its
    country ("Sudanese"), as geoparsing corpora count them."""
    found = gaz.candidates(toponym.text)
    bare, wants = lookup_forms(toponym.text)
    if bare != toponym.text:
        found = found + [e for e in gaz.candidates(bare) if e not in found]
    if not found:
        state = state_abbreviations().get(name_key(toponym.text))
        if state:
            found = [e for e in gaz.candidates(state) if e.fcode == "ADM1"]
        else:
            country = _demonym_country(gaz, toponym.text)
            area = None if country else demonym_place(toponym.text)
            found = [country] if country else []
            if area:
                found = [e for e in gaz.candidates(area) if e.fcode in AREA_CODES]
    return found, wants


def _key(toponym: Toponym, wants: str | None) -> str:
    """The folded name the candidates' own names are compared with."""
    return name_key(lookup_forms(toponym.text)[0] if wants == "ADM1" else toponym.text)


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


def first_score(
    entry: Entry, toponym: Toponym, key: str, wants: str | None, context: Context | None
) -> float:
    """The hand-weighted score of the first reading."""
    w = weights()
    total = prior(entry, key, wants)
    q = toponym.qualifier
    if q and name_key(q) in (name_key(entry.admin1 or ""), name_key(entry.country or "")):
        total += w["qualifier"]
    if context is None:
        return total
    if entry.fcode not in ("PCLI", "CONT"):
        share = (
            context.countries.get(entry.country, 0.0) / (context.country_total or 1)
            if entry.country
            else 0.0
        )
        total += w["context_country"] * share
        if entry.fcode == "PPLC" and share:
            total += w["capital_in_context"]
        if entry.admin1 and context.admin1.get(entry.admin1) and entry.fcode != "ADM1":
            total += w["context_admin1"]
    if (
        entry.lat is not None
        and entry.lon is not None
        and context.points
        and entry.fclass not in ("A", "L")
    ):
        nearest = nearest_km((entry.lat, entry.lon), context.points, w["near_km"])
        if nearest is not None:
            total += w["near"] * (1 - nearest / w["near_km"])
    return total


def context_of(
    toponyms: list[Toponym],
    chosen: list[Entry | None],
    skip: str | None = None,
    actor_countries: dict[str, float] | None = None,
) -> Context:
    """The document's geography as the current choices describe it, leaving out the
    toponyms named ``skip`` so a name never votes for itself."""
    ctx = Context(actor_countries=actor_countries or {})
    dateline_weight = settings.number("places.dateline_weight")
    for t, e in zip(toponyms, chosen, strict=False):
        if e is None or name_key(t.text) == skip:
            continue
        weight = dateline_weight if t.dateline else 1.0
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


@dataclass
class Choice:
    """One distinct toponym of a document: its candidates, their features, its context."""

    toponym: Toponym
    found: list[Entry]
    features: np.ndarray


def _first_reading(gaz: Gazetteer, toponyms: list[Toponym]) -> list[Entry | None]:
    """The hand-weighted choices: on priors alone, then ``places.context_passes`` times
    with the other toponyms' choices as context.

    A story repeats its places, and a choice depends only on the name, its qualifier and
    the context left when that name is skipped, so each such pair is scored once and
    each skipped name's context is built once: without this a pass was quadratic in the
    number of toponyms."""
    chosen: list[Entry | None] | None = None
    for _ in range(settings.integer("places.context_passes") + 1):
        contexts: dict[str, Context] = {}
        done: dict[tuple[str, str | None], Entry | None] = {}
        out: list[Entry | None] = []
        for t in toponyms:
            k = (t.text, t.qualifier)
            if k not in done:
                context = None
                if chosen is not None:
                    skip = name_key(t.text)
                    if skip not in contexts:
                        contexts[skip] = context_of(toponyms, chosen, skip=skip)
                    context = contexts[skip]
                found, wants = candidates(gaz, t)
                key = _key(t, wants)
                done[k] = (
                    max(found, key=lambda e: first_score(e, t, key, wants, context))
                    if found
                    else None
                )
            out.append(done[k])
        chosen = out
    return chosen or []


def choices(
    toponyms: list[Toponym],
    gaz: Gazetteer | None = None,
    actor_countries: dict[str, float] | None = None,
) -> list[Choice | None]:
    """Per toponym (in order), its candidates and their ranker features; None where the
    gazetteer has nothing under that name. Training and resolution both read this."""
    gaz = gaz or load_gazetteer()
    first = _first_reading(gaz, toponyms)
    names = {name_key(t.text): candidates(gaz, t)[0] for t in toponyms}
    contexts: dict[str, Context] = {}
    done: dict[tuple[str, str | None, bool], Choice | None] = {}
    out: list[Choice | None] = []
    for t in toponyms:
        k = (t.text, t.qualifier, t.dateline)
        if k not in done:
            found, wants = candidates(gaz, t)
            skip = name_key(t.text)
            if found and skip not in contexts:
                contexts[skip] = context_of(toponyms, first, skip, actor_countries)
                contexts[skip].support = support_of(names, skip)
            done[k] = (
                Choice(
                    t,
                    found,
                    candidate_features(
                        found, _key(t, wants), wants, t.qualifier, t.dateline, contexts[skip]
                    ),
                )
                if found
                else None
            )
        out.append(done[k])
    return out


def resolve_all(
    toponyms: list[Toponym],
    gaz: Gazetteer | None = None,
    actor_countries: dict[str, float] | None = None,
) -> list[Resolution | None]:
    """Resolve every toponym of one document, in order; None where the gazetteer has
    nothing under that name. ``actor_countries``: the countries of the article's actors,
    weighted by their mentions."""
    model = ranker.model()
    ranked: dict[int, Resolution] = {}
    out: list[Resolution | None] = []
    for c in choices(toponyms, gaz, actor_countries):
        if c is None:
            out.append(None)
            continue
        if id(c) not in ranked:
            r = ranker.rank(model, c.features)
            ranked[id(c)] = Resolution(
                c.found[r.index], r.probability, "places.ranker", model.name, r.why
            )
        out.append(ranked[id(c)])
    return out
