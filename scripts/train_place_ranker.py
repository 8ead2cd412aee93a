"""Train the place ranker (src/sitroom/extract/places/data/place_ranker.json) and print its
k-fold figures.

Every (toponym, gazetteer candidate) pair becomes a row of ``ranker.FEATURES``, computed by
``sitroom.extract.places.resolve.choices`` -- the very function resolution uses, so training
and inference cannot drift apart. A candidate is right when it is the gold GeoNames id, or,
where no candidate has that id (or the gold has none), when it lies within 161 km of the
gold point. Only toponyms with both a right and a wrong candidate teach anything.

Data (read by path, never copied):
  ../shared/gold/geo/lgl.xml        588 US local-news articles; the gold spans of each
                                    article form one document
  ../shared/gold/ged/ged_dev.csv    UCDP GED place descriptions with their point (rows
                                    placed at most at a province's centroid); the names of
                                    one description form one document. Only the tuning half
                                    (even GED ids) is trained on; the report half is scored.

Split: LGL articles go to 5 folds by sha1(docid) % 5. Fold k's model is trained on the other
four folds plus the GED tuning half and scored on fold k; the weights file keeps all five,
so ``sitroom eval --only geo`` scores each LGL article with the model that never saw it. The
shipped model is trained on all of LGL plus the GED tuning half. Logistic regression with
lbfgs over pairs in a fixed order is deterministic, so a rerun writes the same weights.

    .venv/bin/python scripts/train_place_ranker.py --gold ../shared/gold [--eval-only]
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from sitroom.evaluate.geo import GED, GOLD, MILES_100, read_ged_places, read_lgl
from sitroom.extract.pipeline import build_nlp
from sitroom.extract.places import ranker
from sitroom.extract.places.component import actor_countries
from sitroom.extract.places.resolve import Choice, Toponym, choices
from sitroom.extract.places.spans import toponym_spans
from sitroom.kb.gazetteer import Entry, load_gazetteer
from sitroom.model import Article, Extraction

FOLDS = 5
C = 1.0
MAX_RIGHT = 3
MAX_WRONG = 30
"""Pairs per toponym: its first right and wrong candidates, most populous first, so a
name with a hundred namesakes does not outweigh a story's other names."""
MODEL = "place-ranker-pairwise-lr-v1"


@dataclass
class Group:
    """One distinct toponym of a document: its feature rows, which rows are right, and how
    many times the document names it."""

    source: str  # "lgl" or "ged"
    fold: int  # LGL fold; -1 for GED
    report: bool  # GED report half: never trained on
    x: np.ndarray | None
    y: np.ndarray | None
    count: int


def _labels_lgl(found: list[Entry], geonameid: str, point: tuple[float, float]) -> np.ndarray:
    same = np.array([e.id == f"geonames:{geonameid}" for e in found])
    if same.any():
        return same.astype(float)
    return _near(found, point)


def _near(found: list[Entry], point: tuple[float, float]) -> np.ndarray:
    return np.array(
        [
            e.lat is not None
            and e.lon is not None
            and ranker.km(point, (e.lat, e.lon)) <= MILES_100
            for e in found
        ],
        dtype=float,
    )


def _groups(
    doc: list[Choice | None], labels: list[np.ndarray | None], unscored: bool = False
) -> list[tuple]:
    """Distinct choices of a document with their labels and occurrence counts; a toponym
    without candidates is a group of no rows (always wrong). ``unscored``: a toponym without
    labels (no gold span under it) is left out instead."""
    seen: dict[int, list] = {}
    out = []
    for c, y in zip(doc, labels, strict=True):
        if unscored and y is None:
            continue
        if c is None or y is None:
            out.append([None, None, 1])
            continue
        if id(c) in seen:
            seen[id(c)][2] += 1
            continue
        seen[id(c)] = [c.features, y, 1]
        out.append(seen[id(c)])
    return out


def text_groups(gold: Path) -> list[Group]:
    """LGL as the pipeline reads it: its own toponym spans with their qualifiers ("Paris,
    Texas") and the article's actors, each span labelled by the gold toponym under it."""
    gaz = load_gazetteer()
    arts = list(read_lgl(gold / "geo" / GOLD.name))
    nlp = build_nlp(["sitroom_place_ruler", "sitroom_actor_ruler", "sitroom_actors"])
    docs = []
    for art in arts:
        doc = nlp.make_doc(art.text)
        doc._.extraction = Extraction(article=Article(id=art.id, source="lgl", text=art.text))
        docs.append(doc)
    groups = []
    for art, doc in zip(arts, nlp.pipe(docs, batch_size=16), strict=True):
        spans = [s for s in toponym_spans(doc) if not s.country_of]
        found = choices([s.toponym for s in spans], gaz, actor_countries(doc._.extraction))
        labels = []
        for s, c in zip(spans, found, strict=True):
            t = next((t for t in art.toponyms if t.start < s.end and s.start < t.end), None)
            labels.append(_labels_lgl(c.found, t.geonameid, (t.lat, t.lon)) if c and t else None)
        fold = ranker.fold_of(art.id, FOLDS)
        for x, y, n in _groups(found, labels, unscored=True):
            groups.append(Group("lgl-text", fold, False, x, y, n))
    return groups


def build(gold: Path) -> list[Group]:
    gaz = load_gazetteer()
    groups: list[Group] = []
    for art in read_lgl(gold / "geo" / GOLD.name):
        doc = choices([Toponym(t.phrase) for t in art.toponyms], gaz)
        labels = [
            _labels_lgl(c.found, t.geonameid, (t.lat, t.lon)) if c else None
            for c, t in zip(doc, art.toponyms, strict=True)
        ]
        fold = ranker.fold_of(art.id, FOLDS)
        for x, y, n in _groups(doc, labels):
            groups.append(Group("lgl", fold, False, x, y, n))
    groups += text_groups(gold)
    for row in read_ged_places(gold / "ged" / GED.name):
        doc = choices([Toponym(n) for n in row.names], gaz)
        labels = [_near(c.found, (row.lat, row.lon)) if c else None for c in doc]
        for x, y, n in _groups(doc, labels):
            if x is not None:  # GED names without an entry are often not places at all
                groups.append(Group("ged", -1, row.half == "report", x, y, n))
    return groups


def fit(groups: list[Group]) -> dict:
    """A pairwise logistic regression: for each toponym, each right candidate's features
    minus each wrong one's (and the reverse) -- so the model learns what sets the meant
    place above its namesakes, not how likely a name is to be right at all."""
    diffs, labels, rows = [], [], []
    for g in groups:
        if g.x is None or g.y is None or not 0 < g.y.sum() < len(g.y):
            continue
        rows.append(g.x)
        for p in g.x[g.y > 0][:MAX_RIGHT]:
            for n in g.x[g.y == 0][:MAX_WRONG]:
                diffs += [p - n, n - p]
                labels += [1, 0]
    d = np.asarray(diffs)
    scale = d.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=C, max_iter=5000, fit_intercept=False)
    lr.fit(d / scale, labels)
    return {
        "mean": np.vstack(rows).mean(axis=0).round(6).tolist(),
        "scale": scale.round(6).tolist(),
        "coef": lr.coef_[0].round(6).tolist(),
        "intercept": 0.0,
    }


def _as_model(w: dict) -> ranker.Model:
    return ranker.Model(
        MODEL,
        np.asarray(w["mean"]),
        np.asarray(w["scale"]),
        np.asarray(w["coef"]),
        w["intercept"],
    )


def accuracy(groups: list[Group], w: dict | None) -> float:
    """Share of toponym occurrences whose chosen candidate is right (``w`` None: the most
    populous candidate, the baseline)."""
    right = total = 0
    model = _as_model(w) if w else None
    for g in groups:
        total += g.count
        if g.x is None or g.y is None:
            continue
        i = ranker.rank(model, g.x).index if model else int(np.argmax(g.x[:, 0]))
        right += g.count * int(g.y[i] > 0)
    return round(right / total, 4) if total else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=Path("../shared/gold"))
    ap.add_argument("--eval-only", action="store_true", help="print figures, write nothing")
    args = ap.parse_args()
    groups = build(args.gold)
    ged_train = [g for g in groups if g.source == "ged" and not g.report]
    ged_report = [g for g in groups if g.source == "ged" and g.report]
    lgl = [g for g in groups if g.source.startswith("lgl")]
    folds = [fit([g for g in lgl if g.fold != k] + ged_train) for k in range(FOLDS)]
    for source, what in (("lgl", "gold spans"), ("lgl-text", "the pipeline's spans")):
        right = total = base = 0.0
        for k in range(FOLDS):
            held = [g for g in lgl if g.source == source and g.fold == k]
            n = sum(g.count for g in held)
            right += accuracy(held, folds[k]) * n
            base += accuracy(held, None) * n
            total += n
        print(
            f"LGL {what}, acc161 5-fold held out: {right / total:.4f} "
            f"(most populous {base / total:.4f}, {int(total)} toponyms)"
        )
    full = fit(lgl + ged_train)
    print(
        f"GED report half, names with an entry: acc161 {accuracy(ged_report, full):.4f} "
        f"(most populous {accuracy(ged_report, None):.4f}, "
        f"{sum(g.count for g in ged_report)} names)"
    )
    print("features by weight (standardised):")
    for name, c in sorted(
        zip(ranker.FEATURES, full["coef"], strict=True), key=lambda t: -abs(t[1])
    ):
        print(f"  {name:28s} {c:+.3f}")
    if args.eval_only:
        return
    out = {
        "about": (
            "Pairwise logistic regression over ranker.FEATURES, written by "
            "scripts/train_place_ranker.py (LGL + GED tuning half). full: the shipped model; "
            "folds[k]: trained without LGL fold k (sha1(docid) % 5), for the held-out evaluation."
        ),
        "model": MODEL,
        "features": list(ranker.FEATURES),
        "full": full,
        "folds": folds,
    }
    ranker.WEIGHTS_FILE.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {ranker.WEIGHTS_FILE}")


if __name__ == "__main__":
    main()
