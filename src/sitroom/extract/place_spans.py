"""Find the toponyms of a spaCy Doc: the spans ``sitroom_places`` resolves.

A toponym is a GPE/LOC/FAC entity (the place ruler's matches included), stretched over a
following "province"/"county" word the NER left out, plus the article's dateline when the
NER missed it. The small NER often calls a town ORG or PERSON ("Alexandria", "Fargo"), so
such an entity also counts when the same name is a place elsewhere in the document, when
it is the main name of a country, state or county, or when "Town, State" says so; and an
organisation named after a place ("Minnesota State Patrol") yields that place. Once a name
is a toponym in the document, its other capitalised occurrences are too, whatever the NER
made of them (one sense per discourse). A demonym
("Egyptian", "Palestinians") stands for its country, as geoparsing corpora count it. Each carries the words that qualify it: "Alexandria, La." is Alexandria in
Louisiana.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from sitroom.extract.place_resolve import Toponym, state_abbreviations
from sitroom.kb.actors import load_kb
from sitroom.kb.gazetteer import load_gazetteer
from sitroom.kb.gazetteer.names import name_key

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MISLABELS = {"ORG", "PERSON"}
AREA_CODES = {"PCLI", "ADM1", "ADM2"}
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
    country_of: str | None = None  # ISO3 when the span is a demonym


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


def _demonym(text: str) -> str | None:
    demonyms = load_kb().demonyms
    for form in (text.lower(), text.lower().removesuffix("s")):
        country = demonyms.get(form, (None, None))[0]
        if country and len(country) == 3 and country.isalpha():
            return country
    return None


def _is_place(doc: Doc, ent: Span, place_names: set[str]) -> bool:
    """Whether an ORG/PERSON entity is in fact a place name (see the module docstring)."""
    key = name_key(ent.text)
    if key in place_names or _qualifier(doc, ent):
        return True
    return any(e.fcode in AREA_CODES and name_key(e.name) == key
               for e in load_gazetteer().candidates(ent.text))


def _place_prefix(doc: Doc, ent: Span, place_names: set[str]) -> Span | None:
    """The place an organisation's name begins with, if any."""
    for end in range(ent.end - 1, ent.start, -1):
        prefix = doc[ent.start:end]
        if _is_place(doc, prefix, place_names):
            return prefix
    return None


def _repeats(doc: Doc, found: list[FoundSpan], field: str | None) -> list[FoundSpan]:
    """Other capitalised occurrences of the names already found, not yet covered."""
    extra: list[FoundSpan] = []
    taken = [(f.start, f.end) for f in found]
    for f in {f.text: f for f in found if not f.country_of and not f.curated_id}.values():
        for m in re.finditer(rf"\b{re.escape(f.text)}\b", doc.text, re.IGNORECASE):
            a, b = m.span()
            if not doc.text[a].isupper() or any(x < b and a < y for x, y in taken):
                continue
            taken.append((a, b))
            extra.append(FoundSpan(a, b, doc.text[a:b], f.label, Toponym(f.toponym.text),
                                   None, field))
    return extra


def toponym_spans(doc: Doc, dateline: str | None = None, field: str | None = None) -> list[FoundSpan]:
    """The toponyms of ``doc`` in text order."""
    found: list[FoundSpan] = []
    place_names = {name_key(e.text) for e in doc.ents if e.label_ in PLACE_LABELS}
    for ent in doc.ents:
        if ent.label_ == "NORP" or (ent.label_ == "GPE" and not load_gazetteer().candidates(ent.text)):
            country = _demonym(ent.text)
            if country:
                found.append(FoundSpan(ent.start_char, ent.end_char, ent.text, ent.label_,
                                       Toponym(ent.text), None, field, country))
            continue
        if ent.label_ in MISLABELS and not _is_place(doc, ent, place_names):
            ent = _place_prefix(doc, ent, place_names) if ent.label_ == "ORG" else None
            if ent is None:
                continue
        elif ent.label_ not in PLACE_LABELS and ent.label_ not in MISLABELS:
            continue
        span = _stretch(doc, ent) if not ent.ent_id_ else ent
        lookup = span.text
        if ent.start > 0 and doc[ent.start - 1].text == ",":
            lookup = state_abbreviations().get(name_key(span.text), lookup)
        is_dateline = bool(dateline) and span.start_char == 0 and name_key(span.text) == name_key(dateline)
        found.append(FoundSpan(span.start_char, span.end_char, span.text, ent.label_ or "GPE",
                               Toponym(lookup, _qualifier(doc, span), is_dateline),
                               ent.ent_id_ or None, field))
    found += _repeats(doc, found, field)
    found.sort(key=lambda f: f.start)
    if dateline and doc.text.startswith(dateline) and not any(f.start == 0 for f in found):
        found.insert(0, FoundSpan(0, len(dateline), dateline, "GPE",
                                  Toponym(dateline, None, True), None, field))
    return found
