"""Finding event triggers in a sentence and typing them: the rule layer, with the learned
layer deciding where the rules are unsure.

A trigger is a token a lexicon rule fires on. Rules scoring at least the
``events.detect.confident`` setting decide the type alone; below it the sentence
classifier must rank the rule's type among its top choices or the trigger is dropped (a
"strike" that the model reads as a labour dispute is not an air strike). The model check
comes first, so a dropped trigger does not hide the events it governs. An act someone
says they will do is a promise or a threat (``modality.promise_type``), as PLOVER codes
future acts. Content of a verbal act is not a second event: in "threatened to ban voting"
only the threat is coded, and "accused X of attacking" is one ACCUSE. A lexicon word used
in another sense ("struck a conciliatory tone", "released two videos", "declined to
comment") is no trigger (``filters``); a kill verb reporting an attack's outcome is part of
that attack (``structure``); the mode comes from the clause's weapon words (``modes``).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.attrs import DEP, POS
from spacy.symbols import VERB
from spacy.tokens import Doc, Span, Token

from sitroom import settings
from sitroom.extract.common import rule_table
from sitroom.extract.common.doc_views import view
from sitroom.extract.events import classifier
from sitroom.extract.events.clause import clause_tokens, predicate
from sitroom.extract.events.filters import hidden_span, not_event_rule
from sitroom.extract.events.lexicon import Entry, candidate_positions, match
from sitroom.extract.events.mapping import QUAD
from sitroom.extract.events.modality import cues, modality, promise_type
from sitroom.extract.events.modes import cue_mode, cue_types
from sitroom.extract.events.structure import (
    is_state_actor,
    outcome_host,
    outcome_of_noun,
    purpose_of,
    state_protest,
    strike_subject,
    subject_head,
)

_EMBEDDING = frozenset({"relcl", "advcl", "parataxis"})


@lru_cache(maxsize=1)
def must_rule() -> Entry:
    """Structural rule: "X said Y must Z" reports a demand on Y."""
    return Entry(
        rule_id="request.must-complement",
        lemma="",
        pos="VERB",
        with_="",
        type="REQUEST",
        mode=None,
        contexts=(),
        sides="",
        score=rule_table.score("events", "request.must-complement"),
        if_negated=None,
    )


@dataclass
class Trigger:
    """A typed event trigger: the token, the rule that fired, the final type and score,
    and the model's opinion when it was asked."""

    token: Token
    entry: Entry
    type: str
    score: float
    model_score: float | None = None
    merged: list[Token] = field(default_factory=list)
    retyped_by: str | None = None
    """The rule that changed the lexicon type (negation, announced future act)."""
    mode: str | None = None
    mode_rule: str | None = None
    """The rule that set a mode other than the lexicon's (a cue word, a retyped protest)."""

    @property
    def depth(self) -> int:
        d, tok = 0, self.token
        while tok.head.i != tok.i:
            d, tok = d + 1, tok.head
        return d


def _must_complement(token: Token) -> bool:
    c = cues()
    return (
        token.pos_ == "VERB"
        and token.dep_ == "ccomp"
        and token.head.lemma_.lower() in c["speech_verbs"]
        and any(a.lower_ in c["request_modals"] for a in token.children if a.dep_ == "aux")
    )


def _trigger_positions(doc: Doc) -> list[int]:
    """The tokens that may be triggers: the lexicon's candidates and the verbs heading a
    complement clause (the must rule), once per Doc."""

    def build() -> list[int]:
        ccomp = doc.vocab.strings["ccomp"]
        rows = doc.to_array([POS, DEP]).tolist()
        verbs = {i for i, (pos, dep) in enumerate(rows) if pos == VERB and dep == ccomp}
        return sorted(verbs.union(candidate_positions(doc)))

    return view(doc, "event_trigger_positions", build)


def _candidates(sent: Span) -> list[Trigger]:
    found: list[Trigger] = []
    used_as_with: set[int] = set()
    doc = sent.doc
    positions = _trigger_positions(doc)
    hidden: list[range] = []
    for i in positions[bisect_left(positions, sent.start) : bisect_left(positions, sent.end)]:
        tok = doc[i]
        entry = must_rule() if _must_complement(tok) else match(tok)
        if entry is None or any(i in span for span in hidden):
            continue
        unmade = not_event_rule(tok)
        if unmade is not None:
            hidden.append(hidden_span(tok, unmade))
            continue
        trig = Trigger(tok, entry, entry.type, entry.score, mode=entry.mode)
        if entry.if_negated and modality(tok)[0] == "negated":
            trig.type, trig.retyped_by = entry.if_negated, "modality.negation-retyped"
            trig.mode = None
        else:
            promised = promise_type(tok, entry.type)
            if promised is not None:
                trig.type, trig.retyped_by = promised, "events.promise-retyped"
                trig.mode = None
        found.append(trig)
        if entry.with_:
            used_as_with.update(c.i for c in tok.children if c.lemma_.lower() == entry.with_)
    return [t for t in found if t.token.i not in used_as_with]


def _is_content_of(trig: Trigger, others: dict[int, Trigger]) -> bool:
    """True when ``trig`` sits inside the complement of a verbal act (quad 1 or 3)."""
    tok = trig.token
    while tok.head.i != tok.i:
        if tok.dep_ == "ccomp" and _verbal_object(tok.head, others):
            return True
        if tok.dep_ in _EMBEDDING:
            return False
        tok = tok.head
        other = others.get(tok.i)
        if other is not None and QUAD[other.type] in (1, 3):
            return True
    return False


def _verbal_object(verb: Token, others: dict[int, Trigger]) -> bool:
    """The verb's object is a verbal act ("reiterated its demand that Israel ease ..."):
    a complement clause of that verb spells out the act's content."""
    return any(
        c.dep_ == "dobj" and c.i in others and QUAD[others[c.i].type] in (1, 3)
        for c in verb.children
    )


def _shares_subject(tok: Token) -> bool:
    """A coordinated verb without a subject of its own ("killed 5 and wounded 12")."""
    return tok.pos_ == "VERB" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)


def _merge(triggers: list[Trigger]) -> list[Trigger]:
    """One event per happening: a kill or wound verb reporting the outcome of an attack
    ("shelled the town, killing two", "shelling killed two") merges into the attack, an
    attack noun explaining an outcome ("killed in an air strike") into the outcome;
    coordinated nouns of one type ("killings, torture, rape") and coordinated verbs of one
    type sharing a subject ("killed 5 and wounded 12") merge into the first; an event
    noun yields to the verb of its relative clause ("an operation that killed")."""
    by_index = {t.token.i: t for t in triggers}
    for trig in triggers:
        if trig.type == "PROTEST" and strike_subject(trig.token):
            trig.type, trig.mode, trig.mode_rule = "ASSAULT", None, "events.strike-kills"
    assaults = {i for i, t in by_index.items() if t.type == "ASSAULT"}
    kept: list[Trigger] = []
    for trig in triggers:
        tok = trig.token
        host = _outcome_link(tok, assaults) if trig.type == "ASSAULT" else None
        if host is not None and host != tok.i:
            by_index[host].merged.append(tok)
            continue
        head = by_index.get(tok.head.i)
        if (
            tok.dep_ == "conj"
            and head is not None
            and head.type == trig.type
            and (
                tok.pos_ == "NOUN" or (_shares_subject(tok) and head.entry.mode == trig.entry.mode)
            )
        ):
            head.merged.append(tok)
            continue
        if tok.pos_ == "NOUN" and any(c.dep_ == "relcl" and c.i in by_index for c in tok.children):
            continue
        kept.append(trig)
    return kept


def _outcome_link(tok: Token, assaults: set[int]) -> int | None:
    """The attack an outcome verb reports, or the outcome an attack noun explains."""
    host = outcome_host(tok, assaults)
    return host if host is not None else outcome_of_noun(tok, assaults)


def _typed(sent: Span, found: list[Trigger], probs: dict[str, float] | None) -> list[Trigger]:
    """The model check, then content-of and merging, for one sentence's candidates."""
    kept = []
    confident = settings.number("events.detect.confident")
    for trig in found:
        if trig.score < confident:
            if probs is None:
                probs = classifier.type_probabilities([sent])[0]
            if classifier.rank_of(probs, trig.type) >= settings.integer(
                "events.detect.model_top_k"
            ):
                continue
            trig.model_score = probs.get(trig.type, 0.0)
            trig.score = round((trig.score + trig.model_score) / 2, 3)
        kept.append(trig)
    by_index = {t.token.i: t for t in kept}
    merged = _merge(
        [
            t
            for t in kept
            if not _is_content_of(t, by_index)
            and not _is_argument_of(t, by_index)
            and _unless_state_protest(t, by_index)
        ]
    )
    for trig in merged:
        _mode_from_clause(trig)
    return merged


def _unless_state_protest(trig: Trigger, others: dict[int, Trigger]) -> bool:
    """False for a state's blockade that is the purpose of another act; a state's
    other "protests" are retyped in place (``structure.state_protest``)."""
    if trig.type != "PROTEST" or not is_state_actor(subject_head(trig.token)):
        return True
    if purpose_of(trig.token, set(others)):
        return False
    retyped = state_protest(trig.mode)
    if retyped is not None:
        trig.type, trig.mode = retyped
        trig.mode_rule = "events.protest.state-actor"
    return True


def event_tokens(trig: Trigger) -> list[Token]:
    """The tokens an event's date, place and counts are read from: the trigger's clause
    and the clauses of the outcome verbs merged into it."""
    tokens = clause_tokens(predicate(trig.token), trig.token)
    extra = [t for m in trig.merged if m.dep_ == "advcl" for t in clause_tokens(m, m)]
    if not extra:
        return tokens
    return sorted({t.i: t for t in tokens + extra}.values(), key=lambda t: t.i)


def _mode_from_clause(trig: Trigger) -> None:
    """A mode from the clause's words (``modes.cue_mode``); two-sided fighting and
    retyped triggers keep theirs. An adverbial participle ("killing two") also reads the
    clause it hangs from ("artillery fire hit a market, killing three"). Acts listed with
    it ("killings, torture, rape") are other kinds of violence, not its weapon."""
    if trig.entry.sides == "two" or trig.retyped_by or trig.type not in cue_types():
        return
    tokens = event_tokens(trig)
    tok = trig.token
    if tok.dep_ == "advcl" and tok.pos_ == "VERB":
        tokens = tokens + clause_tokens(predicate(tok.head), tok.head)
    listed = [t for t in tokens if t.dep_ == "conj" and match(t) is not None]
    found = cue_mode(trig.type, trig.mode, [t for t in tokens if t not in listed])
    if found is not None:
        trig.mode, trig.mode_rule = found


ARGUMENT_ARCS = frozenset({"dobj", "pobj", "prep", "compound", "poss"})
"""Arcs by which an event noun can sit inside another event's object ("opened fire on a
meeting", "promised retaliation for the attack")."""
AIMED_PREPS = frozenset({"on", "against", "for", "upon", "over"})
"""Prepositions that point an act at something ("fire on", "retaliation for")."""
ARGUMENT_HOSTS = frozenset({"AGREE", "THREATEN"})
"""Verbal acts whose object names a future act, not a past event of its own."""


def _is_argument_of(trig: Trigger, others: dict[int, Trigger]) -> bool:
    """An event noun inside the object of another event that acts on it ("opened fire on
    a meeting of US forces", "promised retaliation for the attack", "struck targets in
    retaliation for a drone attack") names what that event was aimed at or answered, not a
    happening of its own in this sentence; a verbal act's object ("condemned the attack")
    still reports one, so only material acts and promises or threats absorb it."""
    tok = trig.token
    if tok.pos_ != "NOUN":
        return False
    for _ in range(4):
        if tok.dep_ not in ARGUMENT_ARCS or tok.head.i == tok.i:
            return False
        if tok.dep_ == "prep" and tok.lower_ not in AIMED_PREPS:
            return False  # "at their meeting", "during the talks": a setting, not an aim
        tok = tok.head
        host = others.get(tok.i)
        if host is not None and host is not trig:
            return QUAD[host.type] in (2, 4) or host.type in ARGUMENT_HOSTS
    return False


def sentence_triggers(sent: Span, probs: dict[str, float] | None = None) -> list[Trigger]:
    """The sentence's event triggers after typing, merging and the model check.

    ``probs`` are the classifier's type probabilities for this sentence when the caller
    already has them; they are computed only if some rule is unsure.
    """
    return _typed(sent, _candidates(sent), probs)


def triggers_of(sents: list[Span]) -> list[list[Trigger]]:
    """``sentence_triggers`` of each sentence, with one classifier call for all those where
    a rule is unsure: the model's cost is mostly per call, and its probabilities for a
    sentence do not depend on the others scored with it."""
    found = [_candidates(sent) for sent in sents]
    confident = settings.number("events.detect.confident")
    unsure = [k for k, triggers in enumerate(found) if any(t.score < confident for t in triggers)]
    probs = classifier.type_probabilities([sents[k] for k in unsure]) if unsure else []
    by_sentence = dict(zip(unsure, probs, strict=False))
    return [
        _typed(sent, triggers, by_sentence.get(k))
        for k, (sent, triggers) in enumerate(zip(sents, found, strict=False))
    ]


def main_trigger(triggers: list[Trigger]) -> Trigger | None:
    """The sentence's main event: the trigger nearest the root of the parse, then the
    most confident."""
    if not triggers:
        return None
    return min(triggers, key=lambda t: (t.depth, -t.score, t.token.i))
