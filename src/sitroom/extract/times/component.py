"""``sitroom_times``: every temporal expression in an article body, normalised.

Fills ``doc._.extraction.times`` with TimeExpr records: ISO-TimeML type, TIMEX3 value (as
TimeBank/TempEval-3 score it) and the calendar ``value``/``precision`` SCHEMA.md asks for,
resolved against the publication date and, where the expression has no direction of its
own, the tense of its governing verb. Patterns live in ``time_grammar``, calendar rules in
``time_calendar``, tense in ``time_tense``.

Other components reuse ``time_at`` (the expression at some offsets), ``tense_at`` and
``normalise_expression`` (one phrase, an anchor date and a tense).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from sitroom.extract.common import component_config
from sitroom.extract.common.doc_extensions import EXTRACTION
from sitroom.extract.common.doc_views import entities, reading
from sitroom.extract.common.doctext import text_of
from sitroom.extract.times.grammar import (
    align_to_reporting_period,
    normalise_expression,
    parse_anchor,
    scan,
    to_time_expr,
)
from sitroom.extract.times.tense import tense_at
from sitroom.model import Article, Extraction, TimeExpr, content_key

__all__ = ["TimesComponent", "find_times", "normalise_expression", "tense_at", "time_at"]

CANDIDATE_LABELS = ("DATE", "TIME")


def find_times(doc: Doc, published: str | None) -> list[TimeExpr]:
    """All temporal expressions of ``doc``'s text, resolved against ``published``."""
    with reading(doc):
        return _find_times(doc, published)


def _find_times(doc: Doc, published: str | None) -> list[TimeExpr]:
    anchor = parse_anchor(published)
    date_spans = [(e.start_char, e.end_char) for e in entities(doc) if e.label_ in CANDIDATE_LABELS]
    times = []
    for found in scan(text_of(doc), date_spans):
        tense = tense_at(doc, found.start, found.end)
        expr = to_time_expr(text_of(doc), found, anchor, tense)
        if expr is not None:
            times.append(expr)
    align_to_reporting_period(times)
    return times


class TimesComponent:
    """spaCy component: a Doc without an Extraction (a plain ``nlp(text)`` call) gets one,
    so the component also works in pipelines built outside sitroom."""

    def __call__(self, doc: Doc) -> Doc:
        extraction = doc._.extraction
        if extraction is None:
            extraction = Extraction(
                article=Article(
                    id=content_key(None, text_of(doc)), source="<doc>", text=text_of(doc)
                )
            )
            doc._.extraction = extraction
        extraction.times = find_times(doc, extraction.article.published)
        return doc


@Language.factory(
    "sitroom_times",
    assigns=[EXTRACTION],
    requires=["doc.ents", "doc.sents", "token.dep", "token.head", "token.lemma", "token.tag"],
    default_config=component_config.default_config("times"),
)
def make_times(
    nlp: Language, name: str, thresholds: dict[str, Any], rule_table: str
) -> TimesComponent:
    component_config.apply("times", thresholds, rule_table)
    return TimesComponent()


def time_at(doc: Doc, start_char: int, end_char: int) -> TimeExpr | None:
    """The temporal expression overlapping these offsets; one with a calendar value first,
    then the widest overlap (an event's sentence may also hold a duration like "14-year")."""
    extraction = doc._.extraction
    if extraction is None:
        return None
    best, best_key = None, None
    for expr in extraction.times:
        overlap = min(end_char, expr.end) - max(start_char, expr.start)
        if overlap <= 0 and not (start_char == end_char and expr.start <= start_char < expr.end):
            continue
        key = (expr.value is not None, overlap)
        if best_key is None or key > best_key:
            best, best_key = expr, key
    return best
