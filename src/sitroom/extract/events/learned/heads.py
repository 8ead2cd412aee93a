"""Inference of the learned event layer: numpy heads over what the spaCy pipeline has
already computed (``doc.tensor`` from en_core_web_sm's tok2vec, the parse, entities) and
TF-IDF terms. No extra encoder, no tokenizer file.

All functions take spans of the full article Doc (``doc.sents`` items, or ``doc[:]``);
character offsets are Doc offsets.

- ``type_scores(sents)`` -> per sentence, PLOVER type (16) and ``"none"`` -> probability
- ``quad_scores(sents)`` -> per sentence, quad class 0..4 -> probability
- ``candidate_mentions(sent)`` -> noun chunks and entities (char spans)
- ``roles(sent, mentions)`` -> per mention, ``actor`` / ``recipient`` / ``neither``
- ``source_target(sent)`` -> best (actor span, recipient span, probability)
- ``targets(sent)`` -> recipient spans (the decoding scored on ConfliBERT)

Weights: ``data/learned/events-spacy-v4.joblib``, a plain dict of numpy arrays and lists
(no pickled estimator), written by ``scripts/train_event_model.py``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
from spacy.tokens import Span

from sitroom.extract.events.learned import features as sf

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "learned"
NAME = "events-spacy-v4"
WEIGHTS = f"{NAME}.joblib"
FORMAT = 3
NONE = "none"
ROLES = ("actor", "recipient", "neither")


class ModelMissing(RuntimeError):
    """The weights are absent or of another format."""


_weights: dict | None = None
_index: dict[str, dict[str, int]] = {}


def load(w: dict | None = None) -> dict:
    """Use the weights dict ``w`` (training, tests), or load the shipped file."""
    global _weights
    if w is None:
        path = DATA_DIR / WEIGHTS
        if not path.exists():
            raise ModelMissing(
                f"{path}: learned event weights missing "
                "(run: nice -n 10 .venv/bin/python scripts/train_event_model.py)"
            )
        import joblib

        w = joblib.load(path)
    if w.get("format") != FORMAT:
        raise ModelMissing(f"learned event weights: unknown format {w.get('format')!r}")
    if list(w["hand_features"]) != list(sf.HAND_NAMES):
        raise ModelMissing("learned event weights were trained on other hand features; retrain")
    _weights = w
    _index.clear()
    return w


def weights() -> dict:
    return _weights if _weights is not None else load()


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _linear(X: np.ndarray, coef: np.ndarray, intercept: np.ndarray) -> np.ndarray:
    z = X @ coef.T + intercept
    if coef.shape[0] == 1:  # binary logistic regression
        p = 1.0 / (1.0 + np.exp(-z[:, 0]))
        return np.stack([1 - p, p], axis=1)
    return _softmax(z)


def _terms(name: str) -> dict[str, int]:
    if name not in _index:
        _index[name] = {t: i for i, t in enumerate(weights()[f"{name}_terms"])}
    return _index[name]


def _lex_logits(name: str, terms: list[list[str]]) -> np.ndarray:
    """Lexical head logits over sklearn-equivalent TF-IDF rows (sublinear tf, l2 norm)."""
    w = weights()
    index, idf = _terms(name), w[f"{name}_idf"]
    coef, icpt = w[f"{name}_lex_coef"], w[f"{name}_lex_intercept"]
    out = np.empty((len(terms), coef.shape[0]), dtype=np.float64)
    for r, ts in enumerate(terms):
        counts = Counter(index[t] for t in ts if t in index)
        if not counts:
            out[r] = 0.0
            continue
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        val = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
        val *= idf[idx]
        val /= np.linalg.norm(val)
        out[r] = coef[:, idx] @ val
    return out + icpt


def _fused(name: str, sents: list[Span]) -> np.ndarray:
    """Log-linear fusion of the dense (tok2vec) head and the lexical head, as trained."""
    w = weights()
    pe = _linear(sf.sentence_matrix(sents), w[f"{name}_emb_coef"], w[f"{name}_emb_intercept"])
    z = _lex_logits(name, [sf.type_terms(s) for s in sents])
    if z.shape[1] == 1:
        p = 1.0 / (1.0 + np.exp(-z[:, 0]))
        pl = np.stack([1 - p, p], axis=1)
    else:
        pl = _softmax(z)
    a = w[f"{name}_alpha"]
    return _softmax(a * np.log(pe + 1e-9) + (1 - a) * np.log(pl + 1e-9))


def type_matrix(sents: list[Span]) -> np.ndarray:
    """(n, 17) type probabilities in ``weights()["type_classes"]`` order."""
    return _fused("type", sents)


def type_scores(sents: list[Span]) -> list[dict[str, float]]:
    """For each sentence span, PLOVER type -> probability, plus ``"none"`` (no event / a
    plain statement). The 17 values sum to 1."""
    if not sents:
        return []
    labels = weights()["type_classes"]
    return [dict(zip(labels, map(float, row), strict=True)) for row in type_matrix(sents)]


def quad_scores(sents: list[Span]) -> list[dict[int, float]]:
    """For each sentence span, quad class -> probability (0 none, 1 verbal cooperation,
    2 material cooperation, 3 verbal conflict, 4 material conflict)."""
    if not sents:
        return []
    labels = [int(c) for c in weights()["quad_classes"]]
    return [dict(zip(labels, map(float, row), strict=True)) for row in _fused("quad", sents)]


def predict_type(sent: Span, allow_none: bool = True) -> tuple[str, float]:
    """The most probable type of one sentence (``"none"`` allowed unless told)."""
    probs = type_scores([sent])[0]
    if not allow_none:
        probs.pop(NONE, None)
    best = max(probs, key=probs.__getitem__)
    return best, probs[best]


def candidate_mentions(sent: Span) -> list[tuple[int, int]]:
    """Character spans (Doc offsets) of the sentence's possible participants."""
    return sf.candidate_mentions(sent)


def role_matrix(sent: Span, mentions: list[tuple[int, int]]) -> np.ndarray:
    """(len(mentions), 3) role probabilities in ``weights()["role_classes"]`` order."""
    w = weights()
    return _linear(sf.mention_matrix(sent, mentions), w["role_coef"], w["role_intercept"])


def roles(sent: Span, mentions: list[tuple[int, int]]) -> list[dict[str, float]]:
    """For each mention (character span, Doc offsets, inside ``sent``), role ->
    probability over ``actor`` (source), ``recipient`` (target) and ``neither``."""
    if not mentions:
        return []
    labels = weights()["role_classes"]
    return [dict(zip(labels, map(float, row), strict=True)) for row in role_matrix(sent, mentions)]


def source_target(
    sent: Span,
) -> tuple[tuple[int, int] | None, tuple[int, int] | None, float]:
    """The most probable (actor, recipient) pair among the candidate mentions, and its
    joint probability."""
    ments = candidate_mentions(sent)
    if not ments:
        return None, None, 0.0
    P = role_matrix(sent, ments)
    cls = list(weights()["role_classes"])
    a, r = P[:, cls.index("actor")], P[:, cls.index("recipient")]
    if len(ments) == 1:
        return ments[0], None, float(a[0])
    J = np.outer(a, r)
    np.fill_diagonal(J, -1.0)
    i, j = np.unravel_index(int(J.argmax()), J.shape)
    return ments[i], ments[j], float(J[i, j])


def targets(sent: Span) -> list[tuple[int, int]]:
    """Recipient mentions: the best candidate when its probability reaches the trained
    threshold, and any other that is very likely."""
    ments = candidate_mentions(sent)
    if not ments:
        return []
    w = weights()
    cls = list(w["role_classes"])
    p = role_matrix(sent, ments)[:, cls.index("recipient")]
    order = np.argsort(-p)
    keep = [
        m
        for n, m in enumerate(order)
        if (n == 0 and p[m] >= w["role_target_top1"]) or p[m] >= w["role_target_more"]
    ]
    return [ments[m] for m in sorted(keep)]


def figures() -> dict:
    """The figures recorded by the training run."""
    return dict(weights().get("figures", {}))
