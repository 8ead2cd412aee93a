"""The sentence type model the rule layer consults where a rule is unsure.

A thin face over the learned layer (``learned.heads``): PLOVER type probabilities of a
sentence span, plus ``"none"`` (a statement that is no event). The rule layer asks it only
for sentences with an unsure trigger; the learned layer reads what spaCy has already
computed, so a sentence costs a few small dot products.
"""

from __future__ import annotations

from spacy.tokens import Span

from sitroom.extract.events.learned import heads

TYPE_MODEL = heads.NAME


def type_probabilities(sents: list[Span]) -> list[dict[str, float]]:
    """For each sentence span, PLOVER type (and ``"none"``) -> probability."""
    return heads.type_scores(sents)


def predict_type(sent: Span) -> tuple[str, float]:
    """The most probable PLOVER type of one sentence (never ``"none"``) and its probability:
    the type evaluation gives a sentence where no rule fires."""
    return heads.predict_type(sent, allow_none=False)


def rank_of(probs: dict[str, float], ptype: str) -> int:
    """0 when ``ptype`` is the model's first choice, 1 for second, and so on."""
    ordered = sorted(probs, key=probs.__getitem__, reverse=True)
    return ordered.index(ptype) if ptype in ordered else len(ordered)
