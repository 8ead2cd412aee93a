"""``sitroom_events``: PLOVER events with arguments, place, date, modality and evidence.

For every sentence the rule layer (``detect``) finds typed triggers; each trigger's
clause (``clause``) supplies the date, place and size; ``arguments`` finds actor and
recipient phrases and ``coding`` resolves them. Every field carries the rule (or model)
and score that produced it.

The component reads what the earlier ones left on the Doc: ``doc._.actor_lookup``
(``sitroom_actors``) and ``doc._.attribution_lookup`` (``sitroom_claims``), declared in its
``requires``; a pipeline without them fails with a ``MissingProviderError``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import minibatch

from sitroom import settings
from sitroom.extract.common import component_config
from sitroom.extract.common.doc_extensions import (
    ACTOR_LOOKUP,
    ATTRIBUTION_LOOKUP,
    EXTRACTION,
    actor_lookup,
    attribution_lookup,
)
from sitroom.extract.common.doc_views import reading, view
from sitroom.extract.common.doctext import text_of
from sitroom.extract.events import casualties, classifier, coding, location, roles
from sitroom.extract.events.arguments import arguments, rules
from sitroom.extract.events.clause import char_range
from sitroom.extract.events.detect import Trigger, event_tokens, triggers_of
from sitroom.extract.events.location import PlaceMention, PlaceReach
from sitroom.extract.events.mapping import QUAD, acled_type, cameo_code
from sitroom.extract.events.modality import background_period, is_historical, modality
from sitroom.model import Event, Evidence, Explanation, Location, Participant, TimeExpr

Slot = tuple[PlaceMention | None, TimeExpr | None]


def _slots(doc: Doc, tokens: list[Token], trig: Trigger, reach: PlaceReach) -> list[Slot]:
    """(place, time) pairs for the clause. Coordinated "in Iraq in 2017 and in Syria in
    2019" (places and dates alternating) gives one pair, hence one event, each."""
    anchor = trig.token.idx
    places = location.usable(location.place_mentions(doc, tokens, reach), trig.type)
    times = coding.time_mentions(doc, tokens)
    if len(places) >= 2 and len(places) == len(times):
        order = sorted([(p.start, "p") for p in places] + [(t.start, "t") for t in times])
        kinds = "".join(k for _, k in order)
        if kinds in ("pt" * len(places), "tp" * len(places)):
            return list(zip(places, times, strict=True))
    return [(location.best_place(doc, places, anchor), coding.nearest_time(times, anchor))]


def _location(
    doc: Doc,
    place: PlaceMention | None,
    trigger: Token,
    reach: PlaceReach,
    reparse: Reparse | None,
    historical: bool,
) -> Location | None:
    """The clause's place, else the place of a later definite re-mention of the event,
    else, for an event of the article's present, the article's
    (``location.fallback_location``): a background event ("toppled Assad in 2024") need
    not have happened where the report was filed."""
    if place is not None:
        return location.location(doc, place)
    later = location.anaphoric_place(doc, trigger, reach)
    if later is not None:
        return location.location(doc, later, "events.loc.anaphoric-mention")
    return None if historical else location.fallback_location(doc, trigger, reach, reparse)


def _dedupe(parts: list[Participant]) -> list[Participant]:
    seen: set[str] = set()
    out = []
    for p in parts:
        key = p.actor or (p.text or "").lower()
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _mode(trig: Trigger, event: Event, doc: Doc) -> tuple[str | None, str | None]:
    """The trigger's mode (``detect`` reads it from the lexicon or the clause's words); a
    meeting held in the recipient's country, whose actor comes from elsewhere, is a
    visit."""
    retyped = trig.type != trig.entry.type
    if trig.type == "CONSULT" and not retyped and event.location and event.location.place:
        place = location.place_record(doc, event.location.place)
        hosts = {r.code for r in event.recipients if r.code}
        guests = {a.code for a in event.actors if a.code}
        if place and place.country in hosts and place.country not in guests and guests:
            return "visit", "consult.visit-host-country"
    return trig.mode, trig.mode_rule


def build_events(
    doc: Doc,
    trig: Trigger,
    reach: PlaceReach,
    reparse: Reparse | None = None,
    alone: bool = True,
) -> Iterator[Event]:
    """One event per (place, date) slot of the trigger's clause."""
    article = doc._.extraction.article
    tok = trig.token
    tokens = event_tokens(trig)
    start, end = char_range(tokens)
    actor_args, recipient_args = roles.combine(
        arguments(tok, trig.entry), roles.learned_arguments(tok, trig.entry, tokens, alone)
    )
    place_args = roles.place_recipient(tok, trig.entry, tokens, actor_args)
    inside = {t.i for t in tokens}
    counts = [
        c
        for c in sentence_counts(tok.sent, reparse)
        if c.anchor in inside and trig.type in casualties.TYPES_OF[c.field]
    ]
    size, size_rules = casualties.merge(counts)
    mood, mood_rule = modality(tok)
    if trig.retyped_by:
        mood, mood_rule = "asserted", trig.retyped_by
    reported = attribution_lookup(doc).attribution_for((start, end))
    for place, when in _slots(doc, tokens, trig, reach):
        date = coding.event_date(when)
        historical = is_historical(date.value, article.published) or (
            date.value is None and background_period(tok)
        )
        code_date = date.value or article.published
        why = Explanation(
            rule=trig.entry.rule_id
            + "".join(f"+{r}" for r in [mood_rule, *size_rules] if r != "modality.default"),
            score=round(trig.score, 3),
            model=classifier.TYPE_MODEL if trig.model_score is not None else None,
        )
        event = Event(
            id="",
            type=trig.type,
            contexts=list(trig.entry.contexts),
            quad=QUAD[trig.type],
            actors=_dedupe([p for a in actor_args if (p := coding.participant(doc, a, code_date))]),
            recipients=[],
            location=_location(doc, place, tok, reach, reparse, historical),
            date=date,
            modality=mood,
            historical=historical,
            reported_by=reported,
            size=size,
            evidence=Evidence(start=start, end=end, text=text_of(doc)[start:end]),
            explanation=why,
        )
        recipients = [p for a in recipient_args if (p := coding.participant(doc, a, code_date))]
        places = [p for a in place_args if (p := coding.participant(doc, a, code_date))]
        event.recipients = _dedupe(_aimed_at(event.type, event.actors, recipients, places))
        _domestic_countries(doc, event, tok.sent)
        event.mode, mode_rule = _mode(trig, event, doc)
        if mode_rule:
            why.rule += f"+{mode_rule}"
        event.cameo = cameo_code(event.type, event.mode)
        event.acled, _ = acled_type(
            event.type,
            event.mode,
            {r.sector for r in event.recipients if r.sector},
            [r.text for r in event.recipients if not r.sector and r.text],
            trig.entry.rule_id,
        )
        slot = f"{place.start if place else ''}:{when.start if when else ''}"
        key = f"{article.id}:{start}:{end}:{event.type}:{slot}"
        event.id = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
        yield event


Reparse = Callable[[str], Doc]


def _aimed_at(
    ptype: str, actors: list[Participant], recipients: list[Participant], places: list[Participant]
) -> list[Participant]:
    """The recipients, or the country the clause names after a preposition when the event
    has no recipient or only parties coded as the actor's own side ("withdraw its troops
    from Niger": the troops are what moves, Niger is whom it concerns), or, for an act that
    moves or gives something, an object with no country ("deployed soldiers in
    Mali"). Any other uncoded recipient stays: it may be a party the knowledge base does
    not know. The country must code as a state (no sector)."""
    own = {p.code for p in actors if p.code}
    state = next((p for p in places if p.code and p.sector is None and p.code not in own), None)
    if state is None or not own:
        return recipients
    moved = ptype in rules()["moved_object_types"]
    if all(p.code in own or (moved and p.code is None) for p in recipients):
        return [state]
    return recipients


def _domestic_countries(doc: Doc, event: Event, sent: Span) -> None:
    """A generic party with a sector and no country ("police", "demonstrators") is coded,
    as PLOVER codes domestic actors, with the country of the place its sentence puts the
    event in, else with the country of the other side when that side is one state's
    government or forces (police dispersing demonstrators); a foreign civilian does not
    lend its nationality to the rebels who seized it."""
    place_country = None
    loc = event.location
    if loc is not None and loc.place and loc.start is not None and loc.field is None:
        if sent.start_char <= loc.start < sent.end_char:
            place = location.place_record(doc, loc.place)
            place_country = place.country if place is not None else None
    for side, other in ((event.actors, event.recipients), (event.recipients, event.actors)):
        others = {p.code for p in other if p.code and p.sector in rules()["state_sectors"]}
        for part in side:
            if part.code is not None or part.sector is None:
                continue
            if place_country:
                part.code, rule = place_country, "events.arg.country-from-place"
            elif len(others) == 1:
                part.code, rule = next(iter(others)), "events.arg.country-from-counterpart"
            else:
                continue
            if part.explanation is not None:
                part.explanation.rule += f"+{rule}"


def sentence_counts(sent: Span, reparse: Reparse | None) -> list[casualties.Count]:
    """The sentence's casualty counts, read once per sentence."""
    return view(
        sent.doc, f"casualties:{sent.start}", lambda: casualties.sentence_counts(sent, reparse)
    )


def model_reparser(nlp: Language) -> Reparse:
    """A parse of a text by the pipeline's own model pipes (no NER, no sitroom component):
    casualty counting reads a Title Case headline from a sentence-cased copy."""
    wanted = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")

    def reparse(text: str) -> Doc:
        doc = nlp.make_doc(text)
        for name, pipe in nlp.pipeline:
            if name in wanted:
                doc = pipe(doc)
        return doc

    return reparse


def _tree_distance(a: Token, b: Token) -> int:
    """Arcs between two tokens of one sentence in the dependency tree."""
    up = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in up:
            return n + up[t.i]
    return len(a.sent) * 2


def _give(event: Event, count: casualties.Count, how: str, used: set[int]) -> None:
    """A count read outside the event's clause joins its size; the rules say how."""
    event.size.update(count.as_size())
    if event.explanation is not None:
        event.explanation.rule += f"+{count.rule}+{how}"
    used.add(count.anchor)


def _lacks(event: Event, field: str) -> bool:
    return not any(k == field or k.startswith(field + "_") for k in event.size)


def attach_sentence_counts(
    sent: Span, built: list[tuple[Token, Event]], used: set[int], reparse: Reparse | None
) -> None:
    """Counts of the sentence that no event's clause holds ("1 dead, 7 injured in fighting",
    a headline whose parse split the count from its verb) go to the sentence's event of a
    fitting type that lies nearest the count's word in the parse; the count is then used
    and no summary line reads it again."""
    if not built:
        return
    for count in sentence_counts(sent, reparse):
        if count.anchor in used:
            continue
        anchor = sent.doc[count.anchor]
        fits = [
            (_tree_distance(anchor, trigger), abs(trigger.i - anchor.i), n)
            for n, (trigger, event) in enumerate(built)
            if event.type in casualties.TYPES_OF[count.field] and _lacks(event, count.field)
        ]
        if not fits:
            continue
        _, _, n = min(fits)
        _give(built[n][1], count, "size.same-sentence", used)


def attach_summary_counts(
    doc: Doc, events: list[Event], used: set[int], reparse: Reparse | None
) -> None:
    """Counts in sentences of their own ("6 fatalities.", "Six people were reported
    killed.") that no event's clause holds: when the article has exactly one event of the
    field's type without that field, the count is that event's. Articles where no field
    has exactly one possible owner are not read again (most have none or several)."""
    owned = {
        field
        for field, types in casualties.TYPES_OF.items()
        if sum(e.type in types for e in events) == 1
    }
    if not owned:
        return
    for sent in doc.sents:
        for count in sentence_counts(sent, reparse):
            if count.anchor in used or count.field not in owned:
                continue
            wanted = casualties.TYPES_OF[count.field]
            fits = [
                e
                for e in events
                if e.type in wanted and e.modality == "asserted" and _lacks(e, count.field)
            ]
            if len(fits) == 1:
                _give(fits[0], count, "size.summary-line", used)


class EventsComponent:
    """Fills ``doc._.extraction.events`` of every Doc that carries an Extraction."""

    def __init__(self, reach: PlaceReach, reparse: Reparse | None = None) -> None:
        self.reach = reach
        self.reparse = reparse

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """spaCy calls this for ``nlp.pipe``: the unsure triggers of a whole batch of
        articles go to the sentence classifier in one call."""
        for batch in minibatch(docs, batch_size):
            coded = [doc for doc in batch if doc._.extraction is not None]
            for doc in coded:
                actor_lookup(doc), attribution_lookup(doc)  # fail before any work is done
            with ExitStack() as views:
                for doc in coded:
                    views.enter_context(reading(doc))
                self._fill(coded)
            yield from batch

    def _fill(self, coded: list[Doc]) -> None:
        sents = [(doc, sent) for doc in coded for sent in doc.sents]
        events: dict[int, list[Event]] = {id(doc): [] for doc in coded}
        found = triggers_of([sent for _, sent in sents])
        used: dict[int, set[int]] = {id(doc): set() for doc in coded}
        for (doc, sent), triggers in zip(sents, found, strict=True):
            built: list[tuple[Token, Event]] = []
            for trig in triggers:
                used[id(doc)].update(t.i for t in event_tokens(trig))
                built += [
                    (trig.token, event)
                    for event in build_events(
                        doc, trig, self.reach, self.reparse, alone=len(triggers) == 1
                    )
                ]
            attach_sentence_counts(sent, built, used[id(doc)], self.reparse)
            events[id(doc)] += [event for _, event in built]
        for doc in coded:
            attach_summary_counts(doc, events[id(doc)], used[id(doc)], self.reparse)
            doc._.extraction.events = events[id(doc)]


@Language.factory(
    "sitroom_events",
    assigns=[EXTRACTION],
    requires=[
        EXTRACTION,
        ACTOR_LOOKUP,
        ATTRIBUTION_LOOKUP,
        "doc.ents",
        "doc.sents",
        "token.dep",
        "token.head",
        "token.lemma",
        "token.tag",
    ],
    default_config=component_config.default_config("events"),
)
def make_events(
    nlp: Language, name: str, thresholds: dict[str, Any], rule_table: str
) -> EventsComponent:
    component_config.apply("events", thresholds, rule_table)
    return EventsComponent(
        PlaceReach(
            settings.integer("events.place_role_climb"),
            settings.integer("events.anaphor_sentences"),
        ),
        model_reparser(nlp),
    )
