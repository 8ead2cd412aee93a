"""What a quantity counts, whose it is and where: the subject side of a claim.

From the parse around a quantity: the counted noun ("500 active fighters", "hundreds of
Daesh fighters"), a size ("cells of 15 to 30 individuals" measures the cells), what a sum
of money is ("estimated the cash reserves at $25 million"); the actor the quantity belongs
to (a named group inside the noun phrase, its possessor, or the subject of the clause:
"Daesh still has 500 fighters"); and every place in the clause ("across Iraq and
neighbouring Syria"). ``subject_key`` joins actor, measure and place scope so claims about
one quantity from different sources and dates group together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from sitroom import settings
from sitroom.extract.claims.numbers import Quantity
from sitroom.extract.claims.referents import actor_at
from sitroom.extract.common.doc_views import char_span, entities, view

SKIP_BEFORE_NOUN = ("ADJ", "PROPN", "PUNCT", "ADV", "NUM", "DET", "VERB")
NOT_COUNTED = {"time", "times", "percent", "per", "cent", "%", "fold", "point", "points"}
CLAUSE_DEPS = ("conj", "ccomp", "advcl", "parataxis", "relcl")
PLACE_LABELS = ("GPE", "LOC", "FAC")


@dataclass
class Subject:
    """The counted side of a claim; ``measure_key`` is the middle part of ``subject_key``."""

    text: str
    measure: str
    measure_key: str
    unit: str | None
    anchor: Token | None
    actor: str | None = None
    actor_text: str | None = None
    places: list[str] = field(default_factory=list)
    place_keys: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        actor = self.actor or (slug(self.actor_text) if self.actor_text else "any")
        return f"{actor}/{self.measure_key}/{'+'.join(sorted(set(self.place_keys))) or 'any'}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _counted_noun(doc: Doc, span: Span) -> Token | None:
    """The noun a count quantifies: the next noun after the number, through "of" for
    vague amounts and scale words ("hundreds of fighters", "a dozen of them" excepted)."""
    i, limit = span.end, min(len(doc), span.end + settings.integer("claims.subject_window"))
    while i < limit:
        tok = doc[i]
        if tok.pos_ == "NOUN":
            while tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.head.i > tok.i:
                tok = tok.head
            return None if tok.lower_ in NOT_COUNTED else tok
        if tok.lower_ == "of" and i == span.end:
            i += 1
            continue
        if tok.pos_ not in SKIP_BEFORE_NOUN or tok.lower_ in (",", ";", "and", "or"):
            return None
        i += 1
    return None


def _money_anchor(span: Span) -> Token | None:
    """What a sum is the amount of: "estimated X at $25m" -> X; "a $5m deal" -> deal."""
    root = span.root
    if root.head.pos_ == "NOUN" and root.dep_ in ("nummod", "compound", "amod", "quantmod", "nmod"):
        return root.head
    if (
        root.dep_ == "pobj"
        and root.head.lower_ in ("at", "of", "to")
        and root.head.head.pos_ == "VERB"
    ):
        objects = [c for c in root.head.head.children if c.dep_ in ("dobj", "nsubjpass")]
        return objects[0] if objects else None
    if root.dep_ == "pobj" and root.head.head.pos_ == "NOUN":
        return root.head.head
    return None


def _phrase(doc: Doc, head: Token, after: int) -> Span:
    """The counted noun with its modifiers after the number and its conjuncts ("members
    and supporters")."""
    start = min([t.i for t in head.lefts if t.i >= after] + [head.i])
    end = head.i + 1
    for conj in head.conjuncts:
        if conj.i > head.i and conj.pos_ == "NOUN":
            end = max(end, conj.i + 1)
    while start < end and (doc[start].is_punct or doc[start].pos_ in ("DET", "NUM")):
        start += 1
    return doc[start:end]


def _words(span: Span) -> str:
    return " ".join(t.text for t in span if not t.is_punct and t.text not in "“”\"'")


def describe(doc: Doc, quantity: Quantity, span: Span) -> Subject | None:
    """The subject of ``quantity`` (whose tokens are ``span``), or None when it counts nothing."""
    if quantity.measure == "money":
        anchor = _money_anchor(span)
        text = _words(doc[anchor.left_edge.i : anchor.i + 1]) if anchor is not None else "money"
        key = (
            slug(
                " ".join(
                    t.lemma_ if t.i == anchor.i else t.text
                    for t in doc[anchor.left_edge.i : anchor.i + 1]
                    if t.pos_ in ("NOUN", "ADJ", "VERB")
                )
            )
            if anchor is not None
            else "money"
        )
        return Subject(text, "money", key or "money", quantity.unit, anchor)
    noun = _counted_noun(doc, span)
    if noun is None:
        return None
    phrase = _phrase(doc, noun, span.end)
    counted = _words(phrase)
    unit = noun.text.lower()
    if quantity.measure == "share":
        return Subject(f"share of {counted}", "share", f"share-{slug(unit)}", "percent", noun)
    whole = noun.head.head
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and whole.pos_ == "NOUN"
        and whole.i not in range(span.start, span.end)
    ):
        # "cells of around 15 to 30 individuals": the size of the cells
        return Subject(
            f"{whole.text} size ({counted})", "size", f"{slug(whole.lemma_)}-size", unit, noun
        )
    return Subject(counted, "count", slug(unit), unit, noun)


def _named_actor(doc: Doc, tokens: list[Token]) -> tuple[str | None, str | None]:
    """The first actor named among ``tokens``: its id (when resolvable) and text."""
    for ent in entities(doc):
        if ent.label_ in ("ORG", "PERSON", "NORP", "GPE") and any(
            ent.start <= t.i < ent.end for t in tokens
        ):
            return actor_at(doc, ent.start_char, ent.end_char), ent.text
    return None, None


def _clause(token: Token) -> Token | None:
    for ancestor in [token, *token.ancestors]:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return None


def _possessor_before(anchor: Token) -> Token | None:
    """ "Daesh's “dwindling cash reserves”": a possessive just before the phrase, which the
    parser often attaches elsewhere when quotes or a participle intervene."""
    i = anchor.left_edge.i - 1
    while i >= max(0, anchor.left_edge.i - 5):
        tok = anchor.doc[i]
        if tok.dep_ == "case" and i > 0:
            return anchor.doc[i - 1]
        if not (tok.is_punct or tok.pos_ in ("ADJ", "VERB", "ADV")):
            return None
        i -= 1
    return None


def attach_actor(doc: Doc, subject: Subject, span: Span) -> None:
    """Whose quantity it is: named in the noun phrase, its possessor, or the clause's subject."""
    anchor = subject.anchor
    if anchor is None:
        return
    tokens = [t for t in anchor.subtree if not (span.start <= t.i < span.end)]
    actor, text = _named_actor(doc, [t for t in tokens if t.i <= anchor.i or t.dep_ == "poss"])
    if actor is None and text is None:
        owner = _possessor_before(anchor)
        if owner is not None:
            actor, text = _named_actor(doc, [owner])
    if actor is None and text is None:
        verb = _clause(anchor)
        subjects = (
            [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if verb is not None
            else []
        )
        if subjects:
            phrase = list(subjects[0].subtree)
            actor, text = _named_actor(doc, phrase)
            if actor is None and text is None:
                actor = actor_at(doc, phrase[0].idx, phrase[-1].idx + len(phrase[-1]))
    subject.actor, subject.actor_text = actor, text


def _place_candidates(doc: Doc) -> list[tuple[int, int, str, str | None, int, int]]:
    """The body's places as (start, end, text, place id, first token, end token), in text
    order: the resolved place mentions, or without the places component the NER's place
    labels minus names the actors component resolved to an actor ("Daesh" tagged GPE).
    Built once per Doc: every quantity of the article looks through them."""
    extraction = doc._.extraction
    mentions = [
        m for m in (extraction.mentions if extraction is not None else []) if m.field is None
    ]
    candidates = {(m.start, m.end): (m.text, m.place) for m in mentions if m.place}
    if not candidates:
        actors_only = {(m.start, m.end) for m in mentions if m.actor}
        candidates = {
            (e.start_char, e.end_char): (e.text, None)
            for e in entities(doc)
            if e.label_ in PLACE_LABELS and (e.start_char, e.end_char) not in actors_only
        }
    out = []
    for (start, end), (text, place) in sorted(candidates.items()):
        tokens = char_span(doc, start, end)
        if tokens is not None:
            out.append((start, end, text, place, tokens.start, tokens.end))
    return out


def attach_places(doc: Doc, subject: Subject, span: Span, excluded: list[tuple[int, int]]) -> None:
    """Every place named in the quantity's clause, outside the claimant's words."""
    verb = _clause(subject.anchor or span.root)
    if verb is None:
        return
    inside = {t.i for t in span}
    skip = {
        t.i
        for c in verb.children
        if c.dep_ in CLAUSE_DEPS and not inside & {t.i for t in c.subtree}
        for t in c.subtree
    }
    scope = {t.i for t in verb.subtree} - skip
    extraction = doc._.extraction
    countries = {p.id: p.country for p in extraction.places} if extraction is not None else {}
    for start, end, text, place, first, last in view(
        doc, "claim_place_candidates", lambda: _place_candidates(doc)
    ):
        if not scope.issuperset(range(first, last)):
            continue
        if any(s < end and start < e for s, e in excluded):
            continue
        subject.places.append(place or text)
        subject.place_keys.append(countries.get(place) or slug(text))
