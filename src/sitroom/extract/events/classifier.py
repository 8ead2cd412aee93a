"""The learned layer: a linear model over TF-IDF n-grams that scores a sentence's PLOVER type.

Trained by ``scripts/train_event_model.py`` on the NGEC synthetic stories; its weights
ship in ``model/``. It is consulted where the rule layer is unsure (a low-score lexicon
rule) or silent (sentence-level typing in evaluation), so a sentence costs one sparse
dot product, and only sentences with a candidate are scored.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import joblib

MODEL_DIR = Path(__file__).with_name("data")
TYPE_MODEL = "events-linear-v1"


class ModelMissing(RuntimeError):
    """The weights file is absent: run scripts/train_event_model.py."""


@lru_cache(maxsize=2)
def _load(name: str):
    path = MODEL_DIR / f"{name}.joblib"
    if not path.exists():
        raise ModelMissing(f"{path}: model weights missing (run scripts/train_event_model.py)")
    return joblib.load(path)


def type_probabilities(texts: list[str]) -> list[dict[str, float]]:
    """For each text, PLOVER type -> probability."""
    model = _load(TYPE_MODEL)
    labels = list(model.classes_)
    return [dict(zip(labels, map(float, row), strict=True)) for row in model.predict_proba(texts)]


def predict_type(text: str) -> tuple[str, float]:
    """The most probable PLOVER type of one sentence and its probability."""
    probs = type_probabilities([text])[0]
    best = max(probs, key=probs.__getitem__)
    return best, probs[best]


def rank_of(probs: dict[str, float], ptype: str) -> int:
    """0 when ``ptype`` is the model's first choice, 1 for second, and so on."""
    ordered = sorted(probs, key=probs.__getitem__, reverse=True)
    return ordered.index(ptype) if ptype in ordered else len(ordered)
