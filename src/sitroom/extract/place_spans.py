"""Find the toponyms of a spaCy Doc: the spans ``sitroom_places`` resolves.

A toponym is a GPE/LOC/FAC entity (the place ruler's matches included), stretched over a
following "province"/"county" word the NER left out, plus the article's dateline when the
NER missed it. Each carries the words that qualify it: "Alexandria, La." is Alexandria in
Louisiana.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from sitroom.extract.place_resolve import Toponym, state_abbreviations
from sitroom.kb.gazetteer.names import name_key

PLACE_LABELS = {"GPE", "LOC", "FAC"}
ADMIN_WORDS = {"province", "governorate", "county", "parish", "district", "region", "oblast"}


@dataclass
class FoundSpan:
    """A toponym and where it is: character offsets into the text of ``field``."""

    start: int
    end: int
    text: str
    label: str
    toponym: Toponym
    curated_id: str | None = None
    field: str | None = None


def _qualifier(doc: Doc, span: Span) -> str | None:
    """The state after "Town, ": a full state name or a postal/AP abbreviation."""
    i = span.end
    if i + 1 < len(doc) and doc[i].text == ",":
        for width in (2, 1):
            words = doc[i + 1:i + 1 + width]
            if len(words) == width:
                state = state_abbreviations().get(name_key(words.text))
                if state:
                    return state
                if width == 1 and words[0].ent_type_ == "GPE":
                    return words.text
    return None


def _stretch(doc: Doc, span: Span) -> Span:
    if span.end < len(doc) and doc[span.end].lower_ in ADMIN_WORDS:
        return doc[span.start:span.end + 1]
    return span


def toponym_spans(doc: Doc, dateline: str | None = None, field: str | None = None) -> list[FoundSpan]:
    """The toponyms of ``doc`` in text order."""
    found: list[FoundSpan] = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        span = _stretch(doc, ent) if not ent.ent_id_ else ent
        lookup = span.text
        if ent.start > 0 and doc[ent.start - 1].text == ",":
            lookup = state_abbreviations().get(name_key(span.text), lookup)
        is_dateline = bool(dateline) and span.start_char == 0 and name_key(span.text) == name_key(dateline)
        found.append(FoundSpan(span.start_char, span.end_char, span.text, ent.label_,
                               Toponym(lookup, _qualifier(doc, span), is_dateline),
                               ent.ent_id_ or None, field))
    if dateline and doc.text.startswith(dateline) and not any(f.start == 0 for f in found):
        found.insert(0, FoundSpan(0, len(dateline), dateline, "GPE",
                                  Toponym(dateline, None, True), None, field))
    return found
