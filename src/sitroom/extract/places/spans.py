"""Find the toponyms of a spaCy Doc: the spans ``sitroom_places`` resolves.

A toponym is a GPE/LOC/FAC entity (the place ruler's matches included), stretched over a
following "province"/"county" word the NER left out, plus the article's dateline when the
NER missed it, and each name of a list of areas ("Barrow, Jackson and Madison counties").
The small NER often calls a town ORG or PERSON ("Alexandria", "Fargo"), so such an entity
also counts when the same name is a place elsewhere in the document, when it is the main
name of a country, state or county, or when "Town, State" says so; and an organisation
named after a place ("Minnesota State Patrol") yields that place. Once a name is a
toponym in the document, its other capitalised occurrences are too, whatever the NER made
of them (one sense per discourse). A demonym ("Egyptian", "Palestinians") stands for its
country, as geoparsing corpora count it: the actor base's list first, else the country or
state its suffix names (``demonyms``: "Sri Lankan", "Minnesotans"). Each carries the words
that qualify it: "Alexandria, La." is Alexandria in Louisiana.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from sitroom import settings
from sitroom.extract.common.doc_views import entities
from sitroom.extract.common.doctext import text_of
from sitroom.extract.common.pattern_scan import fold, word_matches
from sitroom.extract.places import cues
from sitroom.extract.places.demonyms import demonym_place
from sitroom.extract.places.resolve import Toponym, state_abbreviations
from sitroom.kb.actors import load_kb
from sitroom.kb.gazetteer import load_gazetteer
from sitroom.kb.gazetteer.names import name_key

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MISLABELS = {"ORG", "PERSON"}
AREA_CODES = {"PCLI", "ADM1", "ADM2"}
CUED_LABELS = {"PRODUCT", "WORK_OF_ART"}  # small-model labels a lone town name also gets
PREFIXED_LABELS = {"EVENT", "WORK_OF_ART", "PRODUCT", "NORP"}  # "Nashville Film Festival"
DEMONYM_LABELS = {"NORP", "GPE", "PERSON", "ORG", "PRODUCT", "LOC"}
"""Labels the small NER gives a demonym ("Sri Lankan" comes out as any of these)."""
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
            words = doc[i + 1 : i + 1 + width]
            if len(words) == width:
                state = state_abbreviations().get(name_key(words.text))
                if state:
                    return state
                if width == 1 and words[0].ent_type_ == "GPE":
                    return words.text
    return None


def _stretch(doc: Doc, span: Span) -> Span:
    if span.end < len(doc) and doc[span.end].lower_ in ADMIN_WORDS:
        return doc[span.start : span.end + 1]
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
    return any(
        e.fcode in AREA_CODES and name_key(e.name) == key
        for e in load_gazetteer().candidates(ent.text)
    )


def _place_prefix(doc: Doc, ent: Span, place_names: set[str]) -> Span | None:
    """The place an organisation's name begins with, if any."""
    start = ent.start + 1 if doc[ent.start].lower_ == "the" else ent.start
    for end in range(ent.end - 1, start, -1):
        prefix = doc[start:end]
        if _is_place(doc, prefix, place_names):
            return prefix
    return None


def _repeats(doc: Doc, found: list[FoundSpan], field: str | None) -> list[FoundSpan]:
    """Other capitalised occurrences of the names already found, not yet covered."""
    extra: list[FoundSpan] = []
    taken = [(f.start, f.end) for f in found]
    wider = [(e.start_char, e.end_char) for e in entities(doc)]
    text = text_of(doc)
    folded = fold(text)
    for f in {f.text: f for f in found if not f.country_of and not f.curated_id}.values():
        for m in word_matches(f.text, text, folded):
            a, b = m.span()
            if not text[a].isupper() or any(x < b and a < y for x, y in taken):
                continue
            if any(x <= a and b <= y and (x, y) != (a, b) for x, y in wider):
                continue  # a part of a longer name: "Obama" in "Barack Obama"
            taken.append((a, b))
            extra.append(FoundSpan(a, b, text[a:b], f.label, Toponym(f.toponym.text), None, field))
    return extra


def _place_span(doc: Doc, ent: Span, place_names: set[str]) -> Span | None:
    """The part of an entity that is a toponym, if any (see the module docstring)."""
    if ent.label_ in PLACE_LABELS:
        span = _stretch(doc, ent)
        if (
            ent.ent_id_
            or load_gazetteer().candidates(span.text)
            or state_abbreviations().get(name_key(span.text))
        ):
            return span
        short = cues.bare(doc, span)
        if short != span and load_gazetteer().candidates(short.text):
            return short
        return (
            cues.inner_place(doc, span)
            or cues.leading_place(doc, span)
            or cues.trailing_place(doc, span)
        )
    if ent.label_ in MISLABELS or ent.label_ in CUED_LABELS:
        if (
            _is_place(doc, ent, place_names)
            if ent.label_ in MISLABELS
            else key_in(ent, place_names)
        ):
            return ent
        short = cues.bare(doc, ent)
        if short != ent and ent.label_ in MISLABELS and _is_place(doc, short, place_names):
            return short  # "Sri Lanka's former president", tagged PERSON whole
        if cues.locative_cue(doc, ent, person=ent.label_ == "PERSON") and cues.gazetteer_place(
            short.text, settings.integer("places.min_cued_population")
        ):
            return short
        found = cues.leading_place(doc, ent) or cues.trailing_place(doc, ent)
        if found is None and ent.label_ == "ORG":
            found = _place_prefix(doc, ent, place_names)
        return found
    if ent.label_ in PREFIXED_LABELS:
        return cues.leading_place(doc, ent) or cues.trailing_place(doc, ent)
    return None


def key_in(span: Span, place_names: set[str]) -> bool:
    return name_key(span.text) in place_names


def _cue_spans(
    doc: Doc, found: list[FoundSpan], field: str | None, dateline: str | None
) -> list[FoundSpan]:
    """Toponyms outside the entities: untagged towns after a locative word, legislators'
    home towns, and an all-capitals dateline when the article carries none."""
    taken = [(f.start, f.end) for f in found]
    spans = [(s.start_char, s.end_char, False) for s in cues.untagged_spans(doc, taken)]
    spans += [(a, b, False) for a, b in cues.party_hometowns(text_of(doc))]
    if not dateline:
        spans += [(a, b, True) for a, b in filter(None, [cues.caps_dateline(text_of(doc))])]
    extra = []
    for a, b, is_dateline in spans:
        if any(x < b and a < y for x, y in taken):
            continue
        taken.append((a, b))
        text = text_of(doc)[a:b]
        lookup = state_abbreviations().get(name_key(text), text.title() if text.isupper() else text)
        extra.append(FoundSpan(a, b, text, "GPE", Toponym(lookup, None, is_dateline), None, field))
    return extra


def toponym_spans(
    doc: Doc, dateline: str | None = None, field: str | None = None
) -> list[FoundSpan]:
    """The toponyms of ``doc`` in text order."""
    found = [
        FoundSpan(a.start_char, a.end_char, a.text, "GPE", Toponym(full), None, field)
        for a, full in cues.listed_areas(doc)
    ]
    listed = [(f.start, f.end) for f in found]
    place_names = {name_key(e.text) for e in entities(doc) if e.label_ in PLACE_LABELS}
    for ent in entities(doc):
        if any(a < ent.end_char and ent.start_char < b for a, b in listed):
            continue
        no_entry = not load_gazetteer().candidates(ent.text)
        country = _demonym(ent.text) if ent.label_ == "NORP" or no_entry else None
        if country:
            found.append(
                FoundSpan(
                    ent.start_char,
                    ent.end_char,
                    ent.text,
                    ent.label_,
                    Toponym(ent.text),
                    None,
                    field,
                    country,
                )
            )
            continue
        area = demonym_place(ent.text) if ent.label_ in DEMONYM_LABELS and no_entry else None
        if area:
            found.append(
                FoundSpan(
                    ent.start_char, ent.end_char, ent.text, ent.label_, Toponym(area), None, field
                )
            )
            continue
        if ent.label_ == "NORP":
            continue
        parts = (
            cues.hyphen_parts(doc, ent)
            if ent.label_ in PLACE_LABELS or cues.locative_cue(doc, ent, person=True)
            else []
        )
        if parts:
            found += [
                FoundSpan(
                    p.start_char, p.end_char, p.text, ent.label_, Toponym(p.text), None, field
                )
                for p in parts
            ]
            continue
        span = _place_span(doc, ent, place_names)
        if span is None:
            continue
        curated = ent.ent_id_ if span == ent or span == _stretch(doc, ent) else ""
        lookup = span.text
        if (span.start > 0 and doc[span.start - 1].text == ",") or not load_gazetteer().candidates(
            lookup
        ):
            lookup = state_abbreviations().get(name_key(span.text), lookup)
        is_dateline = (
            bool(dateline) and span.start_char == 0 and name_key(span.text) == name_key(dateline)
        )
        found.append(
            FoundSpan(
                span.start_char,
                span.end_char,
                span.text,
                ent.label_ or "GPE",
                Toponym(lookup, _qualifier(doc, span), is_dateline),
                curated or None,
                field,
            )
        )
    found += _cue_spans(doc, found, field, dateline)
    found += _repeats(doc, found, field)
    found.sort(key=lambda f: f.start)
    if dateline and text_of(doc).startswith(dateline) and not any(f.start == 0 for f in found):
        found.insert(
            0,
            FoundSpan(
                0, len(dateline), dateline, "GPE", Toponym(dateline, None, True), None, field
            ),
        )
    return found
