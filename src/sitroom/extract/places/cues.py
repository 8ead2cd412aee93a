"""The words around a name that make it a place when the NER did not say so.

spaCy's small model labels many towns ORG or PERSON, leaves others untagged, and folds
places into the names of the institutions they own ("Laurel County Sheriff's Office",
"the U.S. Department of Education"). Geoparsing corpora count all of these as toponyms,
and so does a reader placing the story. The cues are general and read from
``data/place_cues.json``:

- a locative word right before the name ("in Grovetown", "north of Moorhead"), or an
  institution word right after an untagged one ("Roselle police");
- an institution word right after a place at the start of an organisation's name;
- a compass or region word before a place the gazetteer has no entry for ("North Texas");
- a plural admin word after a list of names ("Barrow, Jackson and Madison counties"):
  each name is that kind of area;
- a place closing an institution's name after "in", or after "of" when the name opens
  with a word such as "Town" or "University" ("Lutheran School in Lombard", "Town of
  Groton");
- places joined by a hyphen into one name ("in Fargo-Moorhead"): each part, when all are
  places and the name is a place entity or follows a plain locative word ("in", "near");
- US local-news conventions: legislators' party and home town ("R-Westfield", Minnesota's
  "DFL-Cook") and an
  all-capitals dateline opening the text ("AMHERST -").

Every cue still needs the gazetteer to hold the name as a place's main name, so a cue
alone never invents a toponym.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span

from sitroom import settings
from sitroom.extract.common.doc_views import runs, untagged_proper_nouns
from sitroom.extract.places.resolve import state_abbreviations
from sitroom.kb.gazetteer import load_gazetteer
from sitroom.kb.gazetteer.names import name_key

CUES_FILE = Path(__file__).with_name("data") / "place_cues.json"
NAMED_CLASSES = {"P", "A"}
PERSON_CUES = {"in", "at", "near", "outside", "into", "throughout", "across", "around", "downtown"}
"""Before a PERSON entity only these count: "to Smith", "from Smith" and "of Smith" are
far more often people."""
PARTY_HOMETOWN = re.compile(
    r"\b(?:[DRI]|DFL)-(?P<town>[A-Z][A-Za-z.'’]*(?:\s[A-Z][A-Za-z.'’]*){0,2}?)(?=\s*[,;)])"
)
CAPS_DATELINE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))"
    r"(?P<town>[A-Z][A-Z.'’]+(?:\s[A-Z][A-Z.'’]+){0,3})"
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?(?:\s+\((?:AP|Reuters|AFP)\))?"
    r"(?:\s+[-–—]+\s|:\s)"
)
DATELINE_REACH = 300
"""Characters from the start of a text within which a dateline may open a line or follow
the headline's full stop ("...sunk in lake. HUDSON -- Officials")."""


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    data = json.loads(CUES_FILE.read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}


@lru_cache(maxsize=1)
def plural_admin_words() -> dict[str, str]:
    """Plural admin word -> the singular the gazetteer spells the area with."""
    return json.loads(CUES_FILE.read_text(encoding="utf-8"))["plural_admin_words"]


def gazetteer_place(text: str, min_population: int = 0) -> bool:
    """Whether ``text`` is the main name of a populated place or an administrative area."""
    key = name_key(text)
    if not key:
        return False
    return any(
        name_key(e.name) == key
        and e.fclass in NAMED_CLASSES
        and (e.fclass == "A" or (e.population or 0) >= min_population)
        for e in load_gazetteer().candidates(text)
    )


def locative_cue(doc: Doc, span: Span, person: bool = False) -> bool:
    """A locative word right before the span (see PERSON_CUES for person names)."""
    if span.start == 0:
        return False
    word = doc[span.start - 1].lower_
    return word in (PERSON_CUES if person else cues()["locative_words"])


def bare(doc: Doc, span: Span) -> Span:
    """The span without a leading "the" and a trailing possessive ("South Carolina's")."""
    start, end = span.start, span.end
    if end - start > 1 and doc[start].lower_ == "the":
        start += 1
    if end - start > 1 and doc[end - 1].lower_ in ("'s", "’s"):
        end -= 1
    return doc[start:end]


def inner_place(doc: Doc, span: Span) -> Span | None:
    """ "North Texas", "Western Massachusetts": the place after compass or region words,
    for names the gazetteer does not hold whole."""
    span = bare(doc, span)
    start = span.start
    while start < span.end - 1 and doc[start].lower_ in cues()["compass_words"]:
        start += 1
    if start == span.start:
        return None
    inner = doc[start : span.end]
    return inner if gazetteer_place(inner.text) else None


def leading_place(doc: Doc, span: Span) -> Span | None:
    """The place an institution's name opens with: "Gainesville Environmental Services",
    "the Henderson County Jail" (the longest such opening)."""
    span = bare(doc, span)
    heads = cues()["institution_heads"]
    for end in range(span.end - 1, span.start, -1):
        if doc[end].lower_ not in heads and doc[end].text not in ("'s", "’s"):
            continue
        prefix = doc[span.start : end]
        if prefix[0].is_title or prefix[0].is_upper:
            if gazetteer_place(prefix.text) or state_abbreviations().get(name_key(prefix.text)):
                return prefix
    return None


def untagged_spans(doc: Doc, taken: list[tuple[int, int]]) -> list[Span]:
    """Runs of proper nouns outside any entity, after a locative word or before an
    institution word ("Roselle police"), naming a town."""
    names = untagged_proper_nouns(doc)
    names[:1] = (
        False  # nothing before the first token can be a cue; a run from it starts at the second
    )
    out: list[Span] = []
    for start, end in runs(names):
        span = doc[start:end]
        institution = span.end < len(doc) and doc[span.end].lower_ in cues()["institution_heads"]
        if (
            (locative_cue(doc, span) or institution)
            and gazetteer_place(span.text, settings.integer("places.min_cued_population"))
            and not any(a < span.end_char and span.start_char < b for a, b in taken)
        ):
            out.append(span)
    return out


def party_hometowns(text: str) -> list[tuple[int, int]]:
    """Offsets of the home towns in "Rep. Donald F. Humason, R-Westfield," (and states:
    "D-Pa.") that the gazetteer knows."""
    found = []
    for m in PARTY_HOMETOWN.finditer(text):
        town = m.group("town")
        if state_abbreviations().get(name_key(town)) or gazetteer_place(town):
            found.append(m.span("town"))
    return found


def caps_dateline(text: str) -> tuple[int, int] | None:
    """An all-capitals town before a dash or colon opening the text, a line or the first
    sentence after the headline: "AMHERST - Irvin E. Rhodes…", "COLUMBUS, Ohio (AP) —"."""
    for m in CAPS_DATELINE.finditer(text[:DATELINE_REACH]):
        if gazetteer_place(m.group("town").title()):
            return m.span("town")
    return None


def _names_before(doc: Doc, end: int) -> tuple[list[Span], int]:
    """The capitalised runs of a list ending at token ``end`` ("Becker, Clay, Otter Tail
    and Wilkin"), last first, and the token where the list starts."""
    names: list[Span] = []
    i = end - 1
    while i >= 0:
        stop = i + 1
        while i >= 0 and (doc[i].is_title or doc[i].is_upper) and doc[i].is_alpha:
            i -= 1
        if i + 1 == stop:
            break
        names.append(doc[i + 1 : stop])
        if i >= 0 and doc[i].lower_ in ("and", "&", "or"):
            i -= 1
            if i >= 0 and doc[i].text == ",":
                i -= 1
        elif i >= 0 and doc[i].text == ",":
            i -= 1
        else:
            break
    return names, i + 1


def listed_areas(doc: Doc) -> list[tuple[Span, str]]:
    """Each name of a list followed by a plural admin word, with the area's full name:
    "Barrow, Jackson and Madison counties" -> (Barrow, "Barrow County"), ... A name the
    gazetteer does not hold as such an area is dropped (a leading "In" is trimmed)."""
    words = plural_admin_words()
    out: list[tuple[Span, str]] = []
    for tok in doc:
        singular = words.get(tok.lower_)
        if singular is None or tok.i == 0:
            continue
        names, _ = _names_before(doc, tok.i)
        if len(names) < 2:
            continue
        for name in reversed(names):
            for start in range(name.start, name.end):
                part = doc[start : name.end]
                full = f"{part.text} {singular}"
                if gazetteer_area(full):
                    out.append((part, full))
                    break
    return out


def gazetteer_area(text: str) -> bool:
    """Whether ``text`` is the main name of an administrative area ("Jackson County")."""
    key = name_key(text)
    return any(
        e.fclass == "A" and name_key(e.name) == key for e in load_gazetteer().candidates(text)
    )


def trailing_place(doc: Doc, span: Span) -> Span | None:
    """The place an institution's name closes with, after "in" or after "of" when the
    name opens with one of ``of_heads`` ("Lutheran School in Lombard", "Town of Groton")."""
    span = bare(doc, span)
    opens_with_head = span[0].lower_ in cues()["of_heads"]
    for i in range(span.end - 2, span.start, -1):
        word = doc[i].lower_
        if word == "in" or (word == "of" and opens_with_head):
            rest = doc[i + 1 : span.end]
            if rest[0].is_title and gazetteer_place(rest.text):
                return rest
            return None
    return None


def hyphen_parts(doc: Doc, span: Span) -> list[Span]:
    """The places of a name the gazetteer lacks whole that joins places with hyphens
    ("Fargo-Moorhead", "Greenbrier-Pocahontas County"); empty unless every part is one."""
    span = bare(doc, span)
    cuts = [t.i for t in span if t.text == "-" and t.whitespace_ == ""]
    if not cuts or load_gazetteer().candidates(span.text):
        return []
    bounds = [span.start, *[c + 1 for c in cuts]]
    ends = [*cuts, span.end]
    parts = [doc[a:b] for a, b in zip(bounds, ends, strict=True) if a < b]
    if len(parts) < 2 or not all(p[0].is_title and gazetteer_place(p.text) for p in parts):
        return []
    return parts
