"""The learned event layer's recipe and training data readers, shared by
``scripts/train_event_model.py`` (which writes the shipped weights) and ``sitroom eval``
(which re-runs the recipe by k-fold so no figure is scored on training data).

The type model is trained on the lead sentences of the NGEC synthetic stories only
(machine-written, so training data, never evaluation); the PLOVER dev set stays held out.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline

SEED = 13
NGEC = Path("gold") / "events" / "ngec_synthetic_events_2023-10-19.csv.zip"
CONFLIBERT = Path("gold") / "events" / "conflibert_cameo_class_train.tsv"
TYPE_FEATURES = 20000
QUAD_FEATURES = 8000
_PLACEHOLDER = re.compile(r"\{[a-z_0-9]+\}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def lead(text: str, sentences: int = 2) -> str:
    """The story's first sentences: where a news story states its event."""
    parts = _SENTENCE_END.split(text.strip())
    return " ".join(parts[:sentences])


def ngec_rows(shared: Path) -> tuple[list[str], list[str]]:
    """(lead text, PLOVER type) from the zipped NGEC synthetic stories."""
    with zipfile.ZipFile(shared / NGEC) as zf:
        with zf.open(zf.namelist()[0]) as raw:
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
    for line in (shared / CONFLIBERT).read_text(encoding="utf-8").splitlines():
        text, _, label = line.rpartition("\t")
        if text and label.strip().isdigit():
            texts.append(text)
            labels.append(int(label))
    return texts, labels


def linear_model(max_features: int) -> Pipeline:
    """TF-IDF uni/bigrams + multinomial logistic regression: one sparse dot product per
    sentence at inference, deterministic given the seed."""
    return Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(
                    ngram_range=(1, 2),
                    min_df=2,
                    max_features=max_features,
                    sublinear_tf=True,
                    lowercase=True,
                ),
            ),
            (
                "clf",
                LogisticRegression(
                    max_iter=2000, C=4.0, class_weight="balanced", random_state=SEED
                ),
            ),
        ]
    )


def kfold_accuracy(texts: list[str], labels: list, max_features: int, folds: int = 5) -> float:
    """Mean held-out accuracy over stratified folds: each fold is scored by a model
    trained on the other folds only."""
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    return float(
        cross_val_score(linear_model(max_features), texts, labels, cv=cv, scoring="accuracy").mean()
    )
