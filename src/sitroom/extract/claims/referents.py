"""Resolves reporting frames' sources to actors and statement dates, in reading order.

News names a source once and then says "he told", "it said", "the report estimated", or
opens with "a senior military official" and names him a sentence later. Each frame is
resolved with what came before it (and, for an anonymous lede source, what follows):
a named mention inside the source phrase; the agent of a document ("a report published by
the United Nations"); "it"/"the report" -> the latest report; "he"/"the general" -> the
actors component's coreference when installed, else the latest named speaker. A frame with
no date of its own inherits the date of the earlier statement it was resolved to, since
a speaker quoted again in the same story is quoted from the same occasion.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from sitroom import settings
from sitroom.extract.claims.attribution import CONTENT_DEPS, Frame, noun_kinds
from sitroom.extract.common import rule_table
from sitroom.extract.common.doc_views import char_span, entities
from sitroom.model import ClaimDate, Explanation, TimeExpr

TIMES_KEY = "sitroom.attribution.times"
PERSON_PRONOUNS = {"he", "she"}
THING_PRONOUNS = {"it", "they"}
NAMED_PREFERENCE = {"PERSON": 0, "ORG": 1, "NORP": 2, "GPE": 3, "FAC": 4, "LOC": 5}


def actor_at(doc: Doc, start: int, end: int) -> str | None:
    """The actor id of the text at [start, end): the actors component's resolver when it
    is installed, else an actor already set on an overlapping mention."""
    try:
        from sitroom.extract.actors.component import actor_for_span
    except ImportError:
        found = None
    else:
        found = actor_for_span(doc, start, end)
    if found:
        return found
    extraction = doc._.extraction
    for mention in extraction.mentions if extraction is not None else []:
        if mention.actor and mention.field is None and mention.start < end and start < mention.end:
            return mention.actor
    return None


def article_times(doc: Doc) -> list[TimeExpr]:
    """The article's time expressions: the times component's, or computed with it when the
    pipeline was built without it; empty when that module is not installed."""
    extraction = doc._.extraction
    if extraction is not None and extraction.times:
        return extraction.times
    cached = doc.user_data.get(TIMES_KEY)
    if cached is None:
        try:
            from sitroom.extract.times.component import find_times
        except ImportError:
            cached = []
        else:
            cached = find_times(
                doc, extraction.article.published if extraction is not None else None
            )
        doc.user_data[TIMES_KEY] = cached
    return cached


def _attached_tokens(frame: Frame) -> set[int]:
    """Tokens that belong to the act of saying, not to what was said."""
    cue = frame.cue[-1]
    if frame.rule.startswith("attribution.according"):
        return set()
    content = {t.i for c in cue.children if c.dep_ in CONTENT_DEPS for t in c.subtree}
    attached = {t.i for t in cue.subtree} - content
    if frame.source is not None:
        attached |= {t.i for t in frame.source.root.subtree}
    return attached


def own_date(doc: Doc, frame: Frame, times: list[TimeExpr]) -> ClaimDate | None:
    """The dated expression attached to the cue: "estimated Sunday", "a report published
    last month"."""
    attached = _attached_tokens(frame)
    best: tuple[int, TimeExpr] | None = None
    for expr in times:
        if expr.value is None or expr.field is not None:
            continue
        span = char_span(doc, expr.start, expr.end)
        if span is None or not any(i in attached for i in range(span.start, span.end)):
            continue
        distance = abs(span.start - frame.cue.start)
        if best is None or distance < best[0]:
            best = (distance, expr)
    if best is None:
        return None
    expr = best[1]
    return ClaimDate(
        expr.value,
        expr.precision,
        Explanation(
            rule="claim.date-of-statement",
            score=rule_table.score("claims", "claim.date-of-statement"),
        ),
    )


def _named(doc: Doc, span: Span) -> list[Span]:
    """Named mentions inside ``span``, people first, then organisations and places."""
    inside = [
        e
        for e in entities(doc)
        if e.start >= span.start and e.end <= span.end and e.label_ in NAMED_PREFERENCE
    ]
    return sorted(inside, key=lambda e: (NAMED_PREFERENCE[e.label_], e.start))


def _definite(span: Span) -> bool:
    return any(t.lower_ in ("the", "this", "that", "these", "those") for t in span[:2])


def _agent(head: Token) -> Token | None:
    """Who a document or piece of information comes from: "published by X", "from X", "X's"."""
    for child in head.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0]
        if child.dep_ == "acl":
            for grand in child.children:
                if grand.dep_ == "agent":
                    objects = [g for g in grand.children if g.dep_ == "pobj"]
                    if objects:
                        return objects[0]
    return None


def _sentence_index(doc: Doc) -> dict[int, int]:
    return {sent.start: k for k, sent in enumerate(doc.sents)}


def _latest(
    earlier: Iterable[Frame],
    kinds: tuple[str, ...],
    before: int,
    window: int | None,
    sent_of: dict[int, int],
) -> Frame | None:
    for frame in reversed(list(earlier)):
        if window is not None and before - sent_of[frame.sent_start] > window:
            return None
        if frame.kind in kinds and (frame.actor or frame.referent is not None):
            return frame
    return None


def _copy(frame: Frame, antecedent: Frame, how: str, with_date: bool = True) -> None:
    frame.actor, frame.referent = antecedent.actor, antecedent.referent
    if with_date and frame.date is None:
        frame.date = antecedent.date
    frame.resolution = f"attribution.{how}"
    frame.score = round(frame.score * rule_table.score("claims", "attribution.borrowed-source"), 3)


def _set_named(doc: Doc, frame: Frame, mention: Span, kind: str) -> None:
    frame.referent = mention
    frame.actor = actor_at(doc, mention.start_char, mention.end_char)
    frame.kind = kind
    frame.resolution = "attribution.named-source"


def _resolve(doc: Doc, frame: Frame, earlier: list[Frame], sent_of: dict[int, int]) -> None:
    source = frame.source
    if source is None:
        return
    head, here = source.root, sent_of[frame.sent_start]
    low = head.lower_
    if head.pos_ == "PRON":
        frame.kind = "pronoun"
        if low in THING_PRONOUNS:
            window = settings.integer("claims.document_window")
            report = _latest(earlier, ("document",), here, window, sent_of)
            if report is not None:
                frame.kind = "document"
                _copy(frame, report, "pronoun-report")
                return
        kinds = ("person",) if low in PERSON_PRONOUNS else ("person", "named")
        antecedent = _latest(earlier, kinds, here, None, sent_of)
        coref = actor_at(doc, source.start_char, source.end_char)
        if coref and not (antecedent and antecedent.actor == coref):
            frame.actor, frame.resolution = coref, "attribution.actor-coreference"
        elif antecedent is not None:
            frame.kind = antecedent.kind
            _copy(frame, antecedent, "pronoun-speaker")
        return
    noun_kind = noun_kinds().get(low)
    named = _named(doc, source)
    if named:
        kind = (
            "document"
            if noun_kind == "document"
            else ("person" if named[0].label_ == "PERSON" else "named")
        )
        _set_named(doc, frame, named[0], kind)
        return
    agent = _agent(head) if noun_kind in ("document", "information") else None
    if agent is not None:
        agent_phrase = doc[agent.left_edge.i : agent.right_edge.i + 1]
        found = _named(doc, agent_phrase)
        if noun_kind == "information":
            # "according to information from intelligence agencies" -> the agencies
            frame.source = agent_phrase
        if found:
            _set_named(doc, frame, found[0], "document")
            return
    frame.kind = noun_kind or "other"
    if noun_kind == "document" and _definite(source):
        report = _latest(earlier, ("document", "named"), here, None, sent_of)
        if report is not None:
            _copy(frame, report, "definite-report")
    elif noun_kind == "person" and _definite(source):
        speaker = _latest(earlier, ("person",), here, None, sent_of)
        if speaker is not None:
            _copy(frame, speaker, "definite-speaker")
    if frame.actor is None and frame.referent is None:
        frame.actor = actor_at(doc, source.start_char, source.end_char)


def _same_speaker(a: Frame, b: Frame) -> bool:
    if a.actor or b.actor:
        return a.actor == b.actor
    return (
        a.referent is not None
        and b.referent is not None
        and a.referent.text.split()[-1] == b.referent.text.split()[-1]
    )


def resolve_frames(doc: Doc, frames: list[Frame]) -> None:
    """Fill ``kind``, ``actor``, ``referent`` and ``date`` of every frame, in place."""
    times = article_times(doc)
    sent_of = _sentence_index(doc)
    for k, frame in enumerate(frames):
        frame.date = own_date(doc, frame, times)
        _resolve(doc, frame, frames[:k], sent_of)
        if frame.date is None and (frame.actor or frame.referent is not None):
            same = [f for f in frames[:k] if f.date is not None and _same_speaker(f, frame)]
            if same:
                frame.date = same[-1].date
    for k, frame in enumerate(frames):
        anonymous = frame.kind == "person" and frame.referent is None and frame.actor is None
        if not anonymous or frame.source is None or _definite(frame.source):
            continue
        here = sent_of[frame.sent_start]
        for later in frames[k + 1 :]:
            if sent_of[later.sent_start] - here > settings.integer("claims.cataphora_window"):
                break
            if later.referent is not None and later.referent.label_ == "PERSON":
                _copy(frame, later, "named-later", with_date=False)
                frame.score = round(
                    frame.score * rule_table.score("claims", "attribution.named-later"), 3
                )
                break
