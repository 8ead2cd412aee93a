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

from spacy.tokens import Token

from sitroom import settings
from sitroom.extract.common import rule_table
from sitroom.extract.events.arguments import Argument, phrase, rules, with_conjuncts
from sitroom.extract.events.learned import heads
from sitroom.extract.events.lexicon import Entry

ACTOR_RULE = "events.arg.learned-actor"
RECIPIENT_RULE = "events.arg.learned-recipient"
PLACE_RECIPIENT_RULE = "events.arg.clause-country"
VOICE_RULES = frozenset(
    {
        "events.arg.passive-agent",
        "events.arg.reduced-passive-subject",
        "events.arg.participle-noun",
        "events.arg.when-clause-agent",
    }
)
"""Rules that read a side from the verb's voice, which the role model does not see."""


def is_candidate(head: Token, trigger: Token) -> bool:
    """A mention that may be a participant: a noun or pronoun, not the object of a
    preposition that says where or which way (``non_participant_preps``; "at" is left out,
    since "fired at X" names a target), not a modifier inside another noun phrase ("the
    envoy for Syria", "the commander of the SDF") unless that noun is the event itself
    ("attack on X")."""
    if head.pos_ not in {"NOUN", "PROPN", "PRON"} or head.dep_ == "ROOT":
        return False
    if head.dep_ in {"compound", "amod", "nmod"} and head.head.pos_ in {"NOUN", "PROPN"}:
        # "Four Ukraine soldiers": the name is part of the soldiers' phrase
        return head.head.i == trigger.i
    if head.dep_ != "pobj":
        return True
    prep = head.head
    if prep.lower_ in rules()["non_participant_preps"]:
        return False
    governor = prep.head
    return governor.pos_ not in {"NOUN", "PROPN"} or governor.i == trigger.i


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
        span = sent.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0 or span.start <= trigger.i < span.end:
            continue
        if span.root.i in inside and is_candidate(span.root, trigger):
            mentions.append((start, end, span.root))
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
            for t in with_conjuncts(mentions[actor][2])
        ]
    if recipient is not None and probs[recipient]["recipient"] >= floor:
        p = round(probs[recipient]["recipient"], 3)
        taken = {a.head.i for a in actors}
        recipients = [
            Argument(t, RECIPIENT_RULE, p, chosen_by_model=True)
            for t in with_conjuncts(mentions[recipient][2])
            if t.i not in taken
        ]
    if not actors and not recipients:
        return None
    return actors, recipients


def combine(
    rules: tuple[list[Argument], list[Argument]],
    learned: tuple[list[Argument], list[Argument]] | None,
) -> tuple[list[Argument], list[Argument]]:
    """The model's side where it named one, the rules' side where it did not. A passive
    read from the grammar (``VOICE_RULES``) is not overruled: a mention the rules put on one
    side by voice is not taken to the other by the model."""
    if learned is None:
        return rules
    by_voice = {
        a.head.i: side for side, found in enumerate(rules) for a in found if a.rule in VOICE_RULES
    }
    learned = (
        [a for a in learned[0] if by_voice.get(a.head.i, 0) == 0],
        [a for a in learned[1] if by_voice.get(a.head.i, 1) == 1],
    )
    actors = learned[0] or [a for a in rules[0] if all(a.head.i != b.head.i for b in learned[1])]
    taken = {a.head.i for a in actors}
    recipients = learned[1] or [a for a in rules[1] if a.head.i not in taken]
    return actors, recipients


def place_recipient(
    trigger: Token, entry: Entry, clause: list[Token], actors: list[Argument]
) -> list[Argument]:
    """For an event with an actor and no recipient, the country its own clause names after
    a preposition ("offered to hand over to Britain", "troops arrived in Bosnia", "withdraw
    from Lebanon"): PLOVER codes the state an act is done in, to or from as its target when
    no other party is named. The first proper noun after a preposition that is not inside
    the actor's phrase is the candidate; the caller keeps it only if it codes as a state."""
    if entry.sides in {"two", "host"} or not actors:
        return []
    taken: set[int] = set()
    for a in actors:
        start, end = phrase(a.head)
        taken.update(range(start, end))
    for tok in clause:
        if (
            tok.dep_ == "pobj"
            and tok.pos_ == "PROPN"
            and tok.i != trigger.i
            and tok.idx not in taken
            and tok.head.dep_ == "prep"
        ):
            return [
                Argument(
                    tok, PLACE_RECIPIENT_RULE, rule_table.score("events", PLACE_RECIPIENT_RULE)
                )
            ]
    return []
