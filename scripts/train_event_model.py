#!/usr/bin/env python3
"""Trains sitroom's learned event layer and writes its weights into the package.

Two small linear models over TF-IDF word n-grams (scikit-learn, fixed seeds, so a rerun
gives the same weights):

* ``events-linear-v1`` – PLOVER type of a sentence, trained on the lead sentences of
  the NGEC synthetic stories (training only: they are machine-written).
* ``events-quad-v1`` – quad class 0-4 (0 = no event / plain statement), trained on the
  ConfliBERT cameo_class sentences; the pipeline uses it to tell acts from statements.

Usage:  .venv/bin/python scripts/train_event_model.py [--shared ../shared]
Prints the k-fold quad accuracy, which ``sitroom eval --only events`` reports too.
The dev set (plover_gsr_dev.json) is never read here.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import zipfile
from pathlib import Path

import joblib
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline

REPO = Path(__file__).resolve().parent.parent
MODEL_DIR = REPO / "src/sitroom/extract/events/model"
SEED = 13
_PLACEHOLDER = re.compile(r"\{[a-z_0-9]+\}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def lead(text: str, sentences: int = 2) -> str:
    """The story's first sentences: where a news story states its event."""
    parts = _SENTENCE_END.split(text.strip())
    return " ".join(parts[:sentences])


def ngec_rows(shared: Path) -> tuple[list[str], list[str]]:
    """(lead text, PLOVER type) from the zipped NGEC synthetic stories."""
    path = shared / "gold/events/ngec_synthetic_events_2023-10-19.csv.zip"
    with zipfile.ZipFile(path) as zf:
        name = zf.namelist()[0]
        with zf.open(name) as raw:
            rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))
    texts, labels = [], []
    for row in rows:
        text = lead(row["text"])
        if text and row["label"]:
            texts.append(_PLACEHOLDER.sub("", text))
            labels.append(row["label"].upper())
    return texts, labels


def conflibert_rows(shared: Path) -> tuple[list[str], list[int]]:
    """(sentence, quad class 0-4) from ConfliBERT's cameo_class training file."""
    texts, labels = [], []
    path = shared / "gold/events/conflibert_cameo_class_train.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        text, _, label = line.rpartition("\t")
        if text and label.strip().isdigit():
            texts.append(text)
            labels.append(int(label))
    return texts, labels


def linear_model(max_features: int) -> Pipeline:
    """TF-IDF uni/bigrams + multinomial logistic regression: cheap at inference."""
    return Pipeline([
        ("tfidf", TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=max_features,
                                  sublinear_tf=True, lowercase=True)),
        ("clf", LogisticRegression(max_iter=2000, C=4.0, class_weight="balanced", random_state=SEED)),
    ])


def quad_kfold_accuracy(texts: list[str], labels: list[int], folds: int = 5) -> float:
    """Mean accuracy of the quad model over stratified folds (fixed seed)."""
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    return float(cross_val_score(linear_model(8000), texts, labels, cv=cv, scoring="accuracy").mean())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args(argv)
    try:
        type_texts, type_labels = ngec_rows(args.shared)
        quad_texts, quad_labels = conflibert_rows(args.shared)
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        print(f"{args.shared}: cannot read training data ({exc})", file=sys.stderr)
        return 1
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    type_model = linear_model(20000).fit(type_texts, type_labels)
    joblib.dump(type_model, MODEL_DIR / "events-linear-v1.joblib", compress=3)
    quad_model = linear_model(8000).fit(quad_texts, quad_labels)
    joblib.dump(quad_model, MODEL_DIR / "events-quad-v1.joblib", compress=3)
    print(f"type model: {len(type_texts)} NGEC leads, {len(set(type_labels))} types")
    print(f"quad model: {len(quad_texts)} ConfliBERT sentences, "
          f"5-fold accuracy {quad_kfold_accuracy(quad_texts, quad_labels):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
