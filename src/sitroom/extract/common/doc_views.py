"""What the extractors read from a whole Doc, computed once and reused.

spaCy builds a Python ``Token`` on every ``doc[i]`` and every step of ``for tok in doc``,
and ``doc.ents`` builds all entity Spans (and a Token per entity token) on every call. The
components ask for the entities, sentences and per-token attributes of one article again
and again (per quantity, per frame, per trigger), so these views keep them in
``doc.user_data``. Each sitroom component works on a Doc inside ``reading(doc)``, so a
view never outlives the annotation it was read from: a Doc edited between components is
read anew, and inside a component nothing edits the parse or the entities.
``untagged_proper_nouns`` reads the attributes of every token in one ``to_array`` call, so
a scan for a rare cue touches Tokens only at its candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import numpy as np
from spacy.attrs import ENT_TYPE, IS_TITLE, LEMMA, LOWER, POS, SENT_START
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

T = TypeVar("T")
_KEY = "sitroom.views"
_LOWERED: dict[int, str] = {}
_LOWERED_LIMIT = 1 << 17


def refresh(doc: Doc) -> None:
    """Forget the views of ``doc``: its annotation may have changed since they were read."""
    doc.user_data.pop(_KEY, None)


@contextmanager
def reading(doc: Doc) -> Iterator[None]:
    """One component's work on ``doc``: its views start fresh and are dropped at the end,
    so a finished Doc carries none (a batch of Docs kept in memory would otherwise keep
    them all, and every garbage collection would walk them)."""
    refresh(doc)
    try:
        yield
    finally:
        refresh(doc)


def view(doc: Doc, name: str, build: Callable[[], T]) -> T:
    """``build()``, kept on the Doc under ``name`` until the next ``refresh``."""
    views = doc.user_data.setdefault(_KEY, {})
    if name not in views:
        views[name] = build()
    return views[name]


def char_span(doc: Doc, start: int, end: int) -> Span | None:
    """``doc.char_span(start, end, alignment_mode="expand")``: claims, frames and events
    map the same offsets (a time expression, a mention) to tokens over and over."""
    spans = view(doc, "char_spans", dict)
    if (start, end) not in spans:
        spans[start, end] = doc.char_span(start, end, alignment_mode="expand")
    return spans[start, end]


def entities(doc: Doc) -> tuple[Span, ...]:
    """``tuple(doc.ents)``."""
    return view(doc, "ents", lambda: tuple(doc.ents))


def sentence_starts(doc: Doc) -> np.ndarray:
    """For every token, the index of the first token of its sentence: ``doc[i].sent.start``."""
    if not doc.has_annotation("SENT_START"):
        next(iter(doc.sents), None)  # raises spaCy's own error for a Doc without sentences

    def build() -> np.ndarray:
        flags = doc.to_array(SENT_START) == 1
        if len(flags):
            flags[0] = True  # the first sentence starts at 0 whatever its flag says
        return np.maximum.accumulate(np.where(flags, np.arange(len(flags)), 0))

    return view(doc, "sentence_starts", build)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token positions of the sentences, in order."""

    def build() -> list[tuple[int, int]]:
        edges = [0, *(np.flatnonzero(np.diff(sentence_starts(doc))) + 1).tolist(), len(doc)]
        return [(a, b) for a, b in zip(edges, edges[1:], strict=False) if a < b]

    return view(doc, "sentence_bounds", build)


def sentences(doc: Doc) -> list[Span]:
    """The sentences of ``doc``, as ``list(doc.sents)`` gives them."""
    return [doc[a:b] for a, b in sentence_bounds(doc)]


def _lowered(doc: Doc, attr: int) -> list[str]:
    """The lower-cased strings of one attribute of every token. A string's hash is the
    same in every vocabulary, so the hash -> string step (slow in spaCy's StringStore)
    is memoised for the process, bounded so a long stream keeps a flat memory."""
    strings = doc.vocab.strings
    out = []
    for h in doc.to_array(attr).tolist():
        text = _LOWERED.get(h)
        if text is None:
            if len(_LOWERED) >= _LOWERED_LIMIT:
                _LOWERED.clear()
            text = _LOWERED[h] = strings[h].lower()
        out.append(text)
    return out


def lower_lemmas(doc: Doc) -> list[str]:
    """``token.lemma_.lower()`` of every token."""
    return view(doc, "lower_lemmas", lambda: _lowered(doc, LEMMA))


def lower_forms(doc: Doc) -> list[str]:
    """``token.lower_`` of every token."""
    return view(doc, "lower_forms", lambda: _lowered(doc, LOWER))


def untagged_proper_nouns(doc: Doc) -> np.ndarray:
    """Which tokens are capitalised proper nouns outside every entity: the names the NER
    missed (a town after "in", a surname the article gave in full before)."""
    if not len(doc):
        return np.zeros(0, dtype=bool)
    attrs = doc.to_array([POS, IS_TITLE, ENT_TYPE])
    return (attrs[:, 0] == PROPN) & (attrs[:, 1] != 0) & (attrs[:, 2] == 0)


def runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """The maximal runs of True in ``mask`` as (start, end) token positions."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
    return list(zip(edges[0::2].tolist(), edges[1::2].tolist(), strict=True))
