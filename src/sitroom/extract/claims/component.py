"""``sitroom_claims``: attributed numeric claims of an article body (SCHEMA.md ``claims``).

A claim is a quantity someone states about something: "the Daesh group still has up to
500 active fighters in Iraq, a senior military official estimated Sunday". Quantities come
from ``number_parse`` (which already drops dates, years, ages, durations and ordinals),
what they count and where from ``claim_subject``, who says so and when from
``attribution``. A number that counts nothing ("3-0", "Resolution 2254") is not a claim;
nor is one that is part of a name or of the claimant's own words ("two officials said").
Only the body is read, so a statement the summary repeats is extracted once. Who reports
what is also left on ``doc._.attribution_lookup`` for events' ``reported_by``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from sitroom.extract.claims.attribution import attribution_for, frame_for, frames
from sitroom.extract.claims.numbers import Quantity, find_quantities
from sitroom.extract.claims.referents import article_times
from sitroom.extract.claims.subject import attach_actor, attach_places, describe
from sitroom.extract.common import component_config, rule_table
from sitroom.extract.common.doc_extensions import ATTRIBUTION_LOOKUP, EXTRACTION
from sitroom.extract.common.doc_views import char_span, entities, reading
from sitroom.extract.common.doctext import text_of
from sitroom.model import (
    Article,
    Attribution,
    Claim,
    ClaimDate,
    Evidence,
    Explanation,
    Extraction,
    content_key,
)

__all__ = ["ClaimsComponent", "DocAttribution", "find_claims"]

NOT_QUANTITY_LABELS = ("DATE", "TIME", "ORDINAL")
NAME_LABELS = ("ORG", "PERSON", "GPE", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT")


def _masked(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges no claim may come from: dates and times (the times component's and
    spaCy's), names, and the sources of reporting frames."""
    spans = [(t.start, t.end) for t in article_times(doc) if t.field is None]
    spans += [
        (e.start_char, e.end_char)
        for e in entities(doc)
        if e.label_ in NOT_QUANTITY_LABELS + NAME_LABELS
    ]
    spans += [(f.source.start_char, f.source.end_char) for f in frames(doc) if f.source is not None]
    return spans


def _claim_id(article_id: str, quantity: Quantity) -> str:
    return hashlib.sha256(f"{article_id}:{quantity.start}:{quantity.end}".encode()).hexdigest()[:20]


def _score(quantity: Quantity, attributed: bool, placed: bool) -> float:
    """Confidence: an attributed, exactly stated quantity is the clearest case."""
    score = rule_table.score("claims", "claim.attributed" if attributed else "claim.unattributed")
    if quantity.vague:
        score -= rule_table.score("claims", "claim.vague-penalty")
    if not placed:
        score -= rule_table.score("claims", "claim.unplaced-penalty")
    return round(score, 2)


def find_claims(doc: Doc) -> list[Claim]:
    """Every numeric claim of ``doc`` (body offsets), in reading order."""
    with reading(doc):
        return _find_claims(doc)


def _find_claims(doc: Doc) -> list[Claim]:
    extraction = doc._.extraction
    article_id = (
        extraction.article.id if extraction is not None else content_key(None, text_of(doc))
    )
    masked = _masked(doc)
    text = text_of(doc)
    claims: list[Claim] = []
    for quantity in find_quantities(text):
        if any(s < quantity.end and quantity.start < e for s, e in masked):
            continue
        span = char_span(doc, quantity.start, quantity.end)
        if span is None:
            continue
        subject = describe(doc, quantity, span)
        if subject is None:
            continue
        frame = frame_for(doc, quantity.start, quantity.end)
        claimant = attribution_for(doc, (quantity.start, quantity.end))
        attach_actor(doc, subject, span)
        excluded = (
            [(frame.source.start_char, frame.source.end_char)]
            if frame and frame.source is not None
            else []
        )
        attach_places(doc, subject, span, excluded)
        sentence = span.sent
        date = frame.date if frame is not None and frame.date is not None else ClaimDate(value=None)
        claims.append(
            Claim(
                id=_claim_id(article_id, quantity),
                subject=subject.text,
                subject_key=subject.key,
                actor=subject.actor,
                measure=subject.measure,
                low=quantity.low,
                high=quantity.high,
                unit=subject.unit,
                qualifier=quantity.qualifier,
                vague=quantity.vague,
                places=subject.places,
                claimant=claimant,
                date=date,
                evidence=Evidence(
                    sentence.start_char,
                    sentence.end_char,
                    text[sentence.start_char : sentence.end_char],
                ),
                explanation=Explanation(
                    rule=f"claim.{subject.measure}:{quantity.rule}",
                    score=_score(quantity, claimant is not None, bool(subject.places)),
                ),
            )
        )
    return claims


@dataclass(frozen=True, eq=False)
class DocAttribution:
    """``doc._.attribution_lookup``: the article's reporting frames as an ``AttributionLookup``."""

    doc: Doc

    def attribution_for(self, span: Span | tuple[int, int]) -> Attribution | None:
        return attribution_for(self.doc, span)


class ClaimsComponent:
    """spaCy component: fills ``doc._.extraction.claims`` and sets ``doc._.attribution_lookup``;
    a Doc made by a plain ``nlp(text)`` gets an Extraction of its own, so the component
    works outside sitroom's pipeline too."""

    def __call__(self, doc: Doc) -> Doc:
        if doc._.extraction is None:
            doc._.extraction = Extraction(
                article=Article(
                    id=content_key(None, text_of(doc)), source="<doc>", text=text_of(doc)
                )
            )
        doc._.extraction.claims = find_claims(doc)
        doc._.attribution_lookup = DocAttribution(doc)
        return doc


@Language.factory(
    "sitroom_claims",
    assigns=[EXTRACTION, ATTRIBUTION_LOOKUP],
    requires=["doc.ents", "doc.sents", "token.dep", "token.head", "token.lemma", "token.tag"],
    default_config=component_config.default_config("claims"),
)
def make_claims(
    nlp: Language, name: str, thresholds: dict[str, Any], rule_table: str
) -> ClaimsComponent:
    component_config.apply("claims", thresholds, rule_table)
    return ClaimsComponent()
