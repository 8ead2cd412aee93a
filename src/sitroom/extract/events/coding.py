"""Turning argument phrases and time mentions into coded event fields (places: ``location``).

Participants are resolved through ``doc._.actor_lookup``, which ``sitroom_actors`` sets
(actor id, then country and sector on the event's date); without it coding stops with a
``MissingProviderError``. Dates are taken from ``doc._.extraction.times`` (filled by
``sitroom_times``); without them an event has no date.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitroom.extract.common import rule_table
from sitroom.extract.common.doc_extensions import actor_lookup
from sitroom.extract.common.doc_views import char_span
from sitroom.extract.common.doctext import text_of
from sitroom.extract.events import arguments as args
from sitroom.extract.events.location import place_record
from sitroom.model import Actor, EventDate, Explanation, Participant, TimeExpr

TIME_PRECISION = {"day": 1, "week": 2, "month": 2, "season": 3, "year": 3, "decade": 3}
"""ACLED time_precision: 1 day, 2 week or month, 3 coarser."""


def _register(doc: Doc, actor: Actor) -> None:
    """Keep extraction.actors complete: every id an event uses has its Actor record."""
    ex = doc._.extraction
    if all(a.id != actor.id for a in ex.actors):
        ex.actors.append(actor)


def _preceding_actor(doc: Doc, before: int) -> str | None:
    """Last resort for an unresolved pronoun: the nearest earlier mention with an actor."""
    best = None
    for m in doc._.extraction.mentions:
        if m.actor and m.field is None and m.end <= before and (best is None or m.end > best.end):
            best = m
    return best.actor if best else None


def _composed(doc: Doc, start: int, end: int, date: str | None) -> Actor | None:
    """An uncoded phrase read compositionally from its first demonym or place name on
    ("A group of Moroccan diplomats" -> "Moroccan diplomats" -> MAR GOV), else from that
    name alone: quantities and collective nouns before it do not change who the actor is."""
    span = char_span(doc, start, end)
    if span is None:
        return None
    lookup = actor_lookup(doc)
    for tok in span:
        if tok.ent_type_ in {"NORP", "GPE"} and tok.ent_iob_ == "B":
            found = lookup.resolve_text(text_of(doc)[tok.idx : end], date)
            if found is None:
                # "16 Russian civilian advisers", "more than 100 Palestinians": the name
                # alone, a plural demonym in the singular
                name = next(e for e in doc.ents if e.start <= tok.i < e.end).text
                found = lookup.resolve_text(name, date) or (
                    lookup.resolve_text(name[:-1], date) if name.endswith("s") else None
                )
            return found
    return None


def _place_country(doc: Doc, start: int, end: int) -> str | None:
    """The country of a resolved place named inside the phrase ("Bosnia"): a participant
    that is a place codes as the state it lies in. Only names the recogniser calls a
    GPE: a LOC such as "the West" resolves to some country's region of that name."""
    for m in doc._.extraction.mentions:
        if m.place and m.field is None and start <= m.start and m.end <= end:
            place = place_record(doc, m.place)
            if place is not None and place.country:
                return place.country
    return None


def participant(doc: Doc, arg: args.Argument, date: str | None) -> Participant | None:
    """A coded participant for an argument phrase, or None when it names no actor."""
    start, end = args.phrase(arg.head)
    text = text_of(doc)[start:end]
    rule, score = arg.rule, arg.score
    actors = actor_lookup(doc)
    actor_id = code = sector = None
    if args.is_agent_noun(arg.head) or arg.head.ent_type_ == "NORP":
        found = actors.resolve_text(text, date)
        if found is not None:
            _register(doc, found)
            actor_id, code, sector = found.id, found.country, found.sector
            rule += "+resolve-text"
    if actor_id is None:
        actor_id = actors.actor_for_span(start, end)
        if actor_id is None and arg.head.pos_ == "PRON":
            actor_id = _preceding_actor(doc, start)
            rule += "+preceding-mention" if actor_id else ""
        if actor_id is not None:
            code, sector = actors.code_for(actor_id, date)
    if code is None:
        found = _composed(doc, start, end, date)
        if found is not None:
            _register(doc, found)
            actor_id, code, sector = actor_id or found.id, found.country, found.sector
            rule += "+compose-from-demonym"
    if code is None and arg.head.ent_type_ == "GPE":
        code = _place_country(doc, start, end)
        rule += "+country-of-place" if code else ""
    named = arg.head.ent_type_ in args.rules()["named_labels"] or args.is_agent_noun(arg.head)
    if actor_id is None and code is None and not named and not arg.chosen_by_model:
        return None
    return Participant(
        actor=actor_id,
        code=code,
        sector=sector,
        text=text,
        start=start,
        end=end,
        explanation=Explanation(rule=rule, score=round(score, 3)),
    )


def time_mentions(doc: Doc, tokens: list[Token]) -> list[TimeExpr]:
    """Dated expressions (value set) inside the clause's tokens."""
    inside = {t.i for t in tokens}
    out = []
    for t in doc._.extraction.times:
        if t.field is not None or not t.value or t.type not in {"DATE", "TIME"}:
            continue
        span = char_span(doc, t.start, t.end)
        if span is not None and any(i in inside for i in range(span.start, span.end)):
            out.append(t)
    return sorted(out, key=lambda t: t.start)


def event_date(found: TimeExpr | None) -> EventDate:
    if found is None:
        return EventDate(
            value=None,
            precision="unknown",
            explanation=Explanation(
                rule="events.date.none", score=rule_table.score("events", "events.date.none")
            ),
        )
    return EventDate(
        value=found.value,
        precision=found.precision,
        text=found.text,
        start=found.start,
        end=found.end,
        time_precision=TIME_PRECISION.get(found.precision),
        explanation=Explanation(
            rule="events.date.clause-time",
            score=rule_table.score("events", "events.date.clause-time"),
        ),
    )


def nearest_time(times: list[TimeExpr], anchor: int) -> TimeExpr | None:
    return min(times, key=lambda t: abs(t.start - anchor)) if times else None
