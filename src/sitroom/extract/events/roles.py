"""Who did it and to whom, by the learned role model, inside the event's own clause.

The dependency rules (``arguments.py``) read actor and recipient from fixed arcs; they miss
or swap them in passives with a buried agent, reported speech, appositions and headline
grammar. The role model (``learned.heads``) scores every noun chunk and entity of the
sentence as actor, recipient or neither from the parse and the contextual vectors spaCy has
already computed. Here it chooses among the mentions of the trigger's clause only, so two
events of one sentence keep their own participants; its choice replaces the rules' where it
is confident enough, and the rules stand where it is not. Two-sided events ("clashes", every
party an actor) and host-side meetings keep the rules' reading.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitroom import settings
from sitroom.extract.events.arguments import Argument
from sitroom.extract.events.learned import heads
from sitroom.extract.events.lexicon import Entry

ACTOR_RULE = "events.arg.learned-actor"
RECIPIENT_RULE = "events.arg.learned-recipient"


def _head(sent: Span, start: int, end: int) -> Token | None:
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


LOCATIVE_PREPS = frozenset(
    {
        "in",
        "near",
        "inside",
        "outside",
        "around",
        "across",
        "throughout",
        "within",
        "along",
        "between",
        "into",
        "from",
        "toward",
        "towards",
        "off",
    }
)
"""A mention governed by one of these says where, not to whom (``location.py`` reads it)."""
TARGET_PREPS = frozenset({"on", "against", "at", "to", "with", "by"})
"""After a noun these still name a participant ("attack on X", "talks with Y")."""


def is_candidate(head: Token, trigger: Token) -> bool:
    """A mention that may be a participant: a noun or pronoun, not a locative phrase, not a
    modifier inside another noun phrase ("the envoy for Syria", "the commander of the SDF")
    unless the noun is the event itself ("attack on X")."""
    if head.pos_ not in {"NOUN", "PROPN", "PRON"} or head.dep_ == "ROOT":
        return False
    if head.dep_ != "pobj":
        return True
    prep = head.head
    if prep.lower_ in LOCATIVE_PREPS:
        return False
    governor = prep.head
    if governor.pos_ in {"NOUN", "PROPN"} and governor.i != trigger.i:
        return prep.lower_ in TARGET_PREPS and governor.i == trigger.i
    return True


def _with_conjuncts(head: Token) -> list[Token]:
    return [head, *[c for c in head.conjuncts if c.pos_ in {"NOUN", "PROPN", "PRON"}]]


def learned_arguments(
    trigger: Token, entry: Entry, clause: list[Token], alone: bool
) -> tuple[list[Argument], list[Argument]] | None:
    """(actors, recipients) the model reads, or None when the event is two-sided or
    host-sided or the model finds no mention it is sure enough of. The mentions are the
    sentence's when the trigger is its only one (the model was trained on sentences with
    one relation), else those of the trigger's own clause."""
    if entry.sides in {"two", "host"}:
        return None
    sent = trigger.sent
    inside = {t.i for t in (sent if alone else clause)}
    mentions = []
    for start, end in heads.candidate_mentions(sent):
        head = _head(sent, start, end)
        span = sent.doc.char_span(start, end, alignment_mode="expand")
        if head is None or span is None or head.i not in inside or not is_candidate(head, trigger):
            continue
        if span.start <= trigger.i < span.end:
            continue
        mentions.append((start, end, head))
    if not mentions:
        return None
    probs = heads.roles(sent, [(s, e) for s, e, _ in mentions])
    floor = settings.number("events.learned.role_min")
    actor = max(range(len(mentions)), key=lambda k: probs[k]["actor"])
    rest = [k for k in range(len(mentions)) if k != actor]
    recipient = max(rest, key=lambda k: probs[k]["recipient"]) if rest else None
    actors: list[Argument] = []
    recipients: list[Argument] = []
    if probs[actor]["actor"] >= floor:
        p = round(probs[actor]["actor"], 3)
        actors = [
            Argument(t, ACTOR_RULE, p, chosen_by_model=True)
            for t in _with_conjuncts(mentions[actor][2])
        ]
    if recipient is not None and probs[recipient]["recipient"] >= floor:
        p = round(probs[recipient]["recipient"], 3)
        taken = {a.head.i for a in actors}
        recipients = [
            Argument(t, RECIPIENT_RULE, p, chosen_by_model=True)
            for t in _with_conjuncts(mentions[recipient][2])
            if t.i not in taken
        ]
    if not actors and not recipients:
        return None
    return actors, recipients


def combine(
    rules: tuple[list[Argument], list[Argument]],
    learned: tuple[list[Argument], list[Argument]] | None,
) -> tuple[list[Argument], list[Argument]]:
    """The model's side where it named one, the rules' side where it did not."""
    if learned is None:
        return rules
    actors = learned[0] or [a for a in rules[0] if all(a.head.i != b.head.i for b in learned[1])]
    taken = {a.head.i for a in actors}
    recipients = learned[1] or [a for a in rules[1] if a.head.i not in taken]
    return actors, recipients
