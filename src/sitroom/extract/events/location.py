"""Where an event happened: the place mentions of its clause, read by their role.

A place name in a sentence is not always the event's location. "US-backed offensives"
and "Iraqi forces" use a country as a modifier of an actor; "Damascus launched an
offensive" uses a capital for its government. So each mention is read by how it attaches
to the parse: the object of a locative preposition ("in Iraq", "from the Qamishli
airport") is a location; a subject or a modifier of a non-place noun is an actor, never
the location; an object ("bombed Gaza", "visited Moscow") is a location only for types
listed in ``argument_rules.json`` ``object_place_types``. Demonyms (NORP) never are.

When the event's own clause names no location, a later definite mention of the same
event ("the offensive in Syria's northeast") lends its place. How far both readings look
(``PlaceReach``) is part of the ``sitroom_events`` component's config.

An event whose own words name no place still happened somewhere the article says: the
fallbacks, weakest last, are a locative place elsewhere in its sentence, a place of the
headline, the dateline, then the article's first place read as a place (not an actor), a
country only when the article names nothing smaller. Each Location names its rule, and a
place taken from outside the event's clause, or one the event was only "near", is never
more precise than ACLED's 2 (near a place or in part of a region).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitroom.extract.common import rule_table
from sitroom.extract.common.doc_views import char_span, lower_lemmas, sentence_bounds, view
from sitroom.extract.common.doctext import text_of
from sitroom.extract.events.arguments import rules
from sitroom.extract.places.component import geo_precision as place_precision
from sitroom.model import Explanation, Location, Mention, Place

MENTIONS_KEY = "sitroom.events.place_mention_spans"
LOCATIVE, OBJECT, ACTOR = 0, 1, 2
"""Roles of a place mention, best first: only LOCATIVE and OBJECT places can locate."""
_MODIFIER = frozenset({"compound", "poss", "amod", "npadvmod", "nmod"})
_PASS = frozenset({"conj", "appos"})
_DATELINE_END = re.compile(r"\s*(?:\([^)]*\))?\s*(?::|\s[-\u2013\u2014])")
"""What ends a dateline the article did not mark: "KIRKUK:", "MOSUL (Reuters) -"."""
NEAR_PRECISION = 2
"""ACLED's geo_precision for "near a place or in part of a region"."""
_OWN_RULES = frozenset({"events.loc.clause-place", "events.loc.anaphoric-mention"})


@dataclass(frozen=True)
class PlaceReach:
    """How far the readings of this module look."""

    role_climb: int
    """Parse steps read above a place mention to decide its role."""
    anaphor_sentences: int
    """Following sentences searched for a definite re-mention of an unlocated event."""


@dataclass(frozen=True)
class PlaceMention:
    """A place mention of the body with its role in the clause."""

    start: int
    end: int
    text: str
    place: str
    role: int
    near: bool = False
    """The clause puts the event near the place ("near Y", "outside Y"), not in it."""
    field: str | None = None
    """The article field the offsets index (``title``) when it is not the body."""


def place_record(doc: Doc, place_id: str) -> Place | None:
    return next((p for p in doc._.extraction.places if p.id == place_id), None)


def geo_precision(doc: Doc, place_id: str) -> int:
    """ACLED geo_precision of one of the article's places (1 when it is not listed)."""
    place = place_record(doc, place_id)
    return 1 if place is None else place_precision(place)


def _is_place_word(tok: Token, place_heads: set[int]) -> bool:
    return tok.i in place_heads or tok.lemma_.lower() in rules()["place_nouns"]


def _head(span: Span) -> Token:
    """The span's attachment point; when a misparse hangs several of its words outside it
    ("in northeast Syria" with "northeast" an amod of "in"), the non-modifier one."""
    outside = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    return next(
        (t for t in outside if t.dep_ not in _MODIFIER), outside[0] if outside else span.root
    )


def _names_event(tok: Token) -> bool:
    """An event noun, or a noun compounded into one ("bomb" of "bomb attack")."""
    nouns = rules()["event_nouns"]
    return tok.lemma_.lower() in nouns or (
        tok.dep_ == "compound" and tok.head.lemma_.lower() in nouns
    )


def role(span: Span, place_heads: set[int], climb: int, country: bool = True) -> int:
    """LOCATIVE, OBJECT or ACTOR for the place mention ``span`` (see the module doc).
    A place smaller than a country (``country`` False) modifying an event noun is where it
    happened ("the Sagaing clash", "a Myawaddy bomb attack"); a country there is who did
    it ("a US strike")."""
    r = rules()
    locative = set(r["locative_preps"])
    tok = _head(span)
    for _ in range(climb):
        dep = tok.dep_
        if dep == "pobj":
            prep = tok.head.lower_
            if prep in locative:
                return LOCATIVE
            if prep in r["actor_preps"]:
                return ACTOR
            if prep == "of" and _is_place_word(tok.head.head, place_heads):
                tok = tok.head.head
                continue
            return OBJECT
        if dep in _PASS and tok.head.i != tok.i:
            tok = tok.head
            continue
        if dep in _MODIFIER:
            if _is_place_word(tok.head, place_heads):
                tok = tok.head
                continue
            return LOCATIVE if not country and _names_event(tok.head) else ACTOR
        if dep in {"nsubj", "agent"}:
            return ACTOR
        return OBJECT
    return OBJECT


def _is_near(span: Span, place_heads: set[int], climb: int) -> bool:
    """The mention is the object of a proximity preposition ("near Moscow", "near the
    town of Hpakant")."""
    tok = _head(span)
    for _ in range(climb):
        if tok.dep_ != "pobj":
            return False
        if tok.head.lower_ == "of" and _is_place_word(tok.head.head, place_heads):
            tok = tok.head.head
            continue
        return tok.head.lower_ in rules()["near_preps"]
    return False


def _locates(m: Mention, kind: int) -> bool:
    """A mention that also names an actor ("KIA", "Rakhine") locates only as the object of
    a locative preposition, unless NER read it as a place."""
    if kind == ACTOR:
        return False
    return kind == LOCATIVE or not m.actor or m.label in rules()["place_labels"]


def _mentions(doc: Doc) -> list[Mention]:
    return [
        m for m in doc._.extraction.mentions if m.field is None and m.place and m.label != "NORP"
    ]


def _mention_spans(doc: Doc) -> tuple[list[tuple[Mention, Span]], set[int]]:
    """The body's place mentions with their token spans, and the spans' heads. Kept per
    Doc while the mentions stay the same: every trigger's clause asks for them."""
    mentions = _mentions(doc)
    key = [(m.start, m.end, m.place) for m in mentions]
    cached = doc.user_data.get(MENTIONS_KEY)
    if cached is None or cached[0] != key:
        found = [(m, char_span(doc, m.start, m.end)) for m in mentions]
        spans = [(m, span) for m, span in found if span is not None and len(span)]
        cached = doc.user_data[MENTIONS_KEY] = (key, spans, {_head(span).i for _, span in spans})
    return cached[1], cached[2]


def place_mentions(doc: Doc, tokens: list[Token], reach: PlaceReach) -> list[PlaceMention]:
    """Place mentions inside the clause's tokens that can locate its event, with role."""
    inside = {t.i for t in tokens}
    found = []
    spans, heads = _mention_spans(doc)
    for m, span in spans:
        if not m.place or not any(i in inside for i in range(span.start, span.end)):
            continue
        kind = role(span, heads, reach.role_climb, _is_country(doc, m.place))
        if _locates(m, kind):
            near = _is_near(span, heads, reach.role_climb)
            found.append(PlaceMention(m.start, m.end, m.text, m.place, kind, near))
    return sorted(found, key=lambda p: p.start)


def usable(places: list[PlaceMention], ptype: str) -> list[PlaceMention]:
    """The places that may locate an event of ``ptype``: objects only for the types where
    the thing acted on is the location."""
    if ptype in rules()["object_place_types"]:
        return places
    return [p for p in places if p.role == LOCATIVE]


def best_place(doc: Doc, places: list[PlaceMention], anchor: int) -> PlaceMention | None:
    """Locative before object places, then the most precise (a province before its
    country: "in Myanmar's Yangon region"), nearest the trigger on ties."""
    if not places:
        return None
    return min(
        places,
        key=lambda p: (
            p.role,
            geo_precision(doc, p.place),
            _is_country(doc, p.place),
            abs(p.start - anchor),
        ),
    )


def anaphoric_place(doc: Doc, trigger: Token, reach: PlaceReach) -> PlaceMention | None:
    """The place of a later definite mention of the same event: "launched an offensive"
    ... "the offensive in Syria's northeast"."""
    lemmas = lower_lemmas(doc)
    lemma = lemmas[trigger.i]
    bounds = sentence_bounds(doc)
    here = bisect_right(bounds, (trigger.i, len(doc))) - 1
    for start, end in bounds[here + 1 : here + 1 + reach.anaphor_sentences]:
        for i in range(start, end):
            if i == trigger.i or lemmas[i] != lemma:
                continue
            tok = doc[i]
            if not any(
                c.dep_ == "det" and c.lower_ in rules()["definite_determiners"]
                for c in tok.children
            ):
                continue
            phrase = [t for c in tok.children if c.dep_ == "prep" for t in c.subtree]
            found = [p for p in place_mentions(doc, phrase, reach) if p.role == LOCATIVE]
            if found:
                return best_place(doc, found, tok.idx)
    return None


def _is_country(doc: Doc, place_id: str) -> bool:
    place = place_record(doc, place_id)
    return place is not None and (place.feature_code or "").startswith("PCL")


def _first_place(doc: Doc, found: list[PlaceMention]) -> PlaceMention | None:
    """The first of ``found`` smaller than a country, else the first country."""
    return next((p for p in found if not _is_country(doc, p.place)), found[0] if found else None)


def sentence_place(doc: Doc, trigger: Token, reach: PlaceReach) -> PlaceMention | None:
    """A locative place of the trigger's sentence outside its clause ("Two shot in a
    crackdown in Myingyan": the place hangs on the crackdown, not the shooting)."""
    found = [p for p in place_mentions(doc, list(trigger.sent), reach) if p.role == LOCATIVE]
    return best_place(doc, found, trigger.idx)


def headline_place(
    doc: Doc, parse: Callable[[str], Doc] | None, reach: PlaceReach
) -> PlaceMention | None:
    """The headline's first place read as a place in ``parse``'s parse of the headline
    ("Fighting flares in Mosul"; not "Russia seeks deal"): the first smaller than a country
    where there is one. None without a parser: a headline's roles cannot be read."""
    title = doc._.extraction.article.title
    if not title or parse is None:
        return None
    mentions = [m for m in doc._.extraction.mentions if m.field == "title" and m.place]
    if not mentions:
        return None
    parsed = parse(title)
    spans = [(m, parsed.char_span(m.start, m.end, alignment_mode="expand")) for m in mentions]
    heads = {_head(span).i for _, span in spans if span is not None and len(span)}
    found = []
    for m, span in spans:
        if span is None or not len(span) or m.label not in rules()["place_labels"]:
            continue
        kind = role(span, heads, reach.role_climb, _is_country(doc, m.place))
        if m.place and _locates(m, kind):
            found.append(PlaceMention(m.start, m.end, m.text, m.place, kind, field="title"))
    return _first_place(doc, found)


def dateline_place(doc: Doc) -> PlaceMention | None:
    """The place opening the body as its dateline ("BAGHDAD: ..."): a place by its
    position, whatever label the NER gave a word in capitals."""
    dateline = (doc._.extraction.article.dateline or "").lower()
    text = text_of(doc)
    return next(
        (
            PlaceMention(m.start, m.end, m.text, m.place, OBJECT)
            for m in _mentions(doc)
            if m.start == 0
            and m.place
            and (m.text.lower() == dateline or _DATELINE_END.match(text, m.end) is not None)
        ),
        None,
    )


def article_place(doc: Doc, reach: PlaceReach) -> PlaceMention | None:
    """The body's first place read as a place, smaller than a country where one is named."""
    return _first_place(doc, place_mentions(doc, list(doc), reach))


def fallback_location(
    doc: Doc, trigger: Token, reach: PlaceReach, parse: Callable[[str], Doc] | None = None
) -> Location | None:
    """The Location of an event whose clause names no place, strongest reading first;
    ``parse`` parses the headline (``headline_place``)."""
    near = sentence_place(doc, trigger, reach)
    if near is not None:
        return location(doc, near, "events.loc.sentence-place")
    headline, dateline, first = view(
        doc,
        "events:article-places",
        lambda: (headline_place(doc, parse, reach), dateline_place(doc), article_place(doc, reach)),
    )
    if headline is not None:
        return location(doc, headline, "events.loc.headline-place")
    if dateline is not None:
        return location(doc, dateline, "events.loc.dateline-place")
    if first is not None:
        return location(doc, first, "events.loc.article-place")
    return None


def location(doc: Doc, found: PlaceMention, rule: str = "events.loc.clause-place") -> Location:
    """The event's Location from a place mention, scored by ``rule``'s row of the rule table.
    Only a place of the event's own clause, not "near" it, keeps its own precision."""
    precision = geo_precision(doc, found.place)
    if found.near or rule not in _OWN_RULES:
        precision = max(precision, NEAR_PRECISION)
    return Location(
        place=found.place,
        text=found.text,
        start=found.start,
        end=found.end,
        geo_precision=precision,
        field=found.field,
        explanation=Explanation(rule=rule, score=rule_table.score("events", rule)),
    )
