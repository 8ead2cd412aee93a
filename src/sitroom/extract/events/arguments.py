"""Who did what to whom: actor and recipient phrases of an event, from the dependency parse.

PLOVER's rules: the subject (or passive agent) is the actor; the object, the passive
subject or the target of "against/on/at" is the recipient; for two-sided fighting every
party is an actor; for a hosted visit the visitor is the actor and the host the
recipient. Phrases are resolved to actor ids and coded (country + sector on the event's
date) through ``sitroom.extract.actors.component``; this module only finds the phrases.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from sitroom import settings
from sitroom.extract.common import rule_table
from sitroom.extract.events.clause import is_clause_verb
from sitroom.extract.events.lexicon import Entry, match


@lru_cache(maxsize=1)
def rules() -> dict:
    return json.loads(
        Path(__file__).with_name("data").joinpath("argument_rules.json").read_text(encoding="utf-8")
    )


@dataclass(frozen=True)
class Argument:
    """A participant phrase: its head token and the rule that found it."""

    head: Token
    rule: str
    score: float
    chosen_by_model: bool = False
    """Picked by the role model, which has already judged the phrase a participant: kept
    with its text and offsets even when no actor resolves from it."""


def _score(rule_id: str) -> float:
    return rule_table.score("events", rule_id)


def with_conjuncts(tok: Token) -> list[Token]:
    """The head and the nouns coordinated with it ("Canada and Norway")."""
    return [tok, *[c for c in tok.conjuncts if c.pos_ in {"NOUN", "PROPN", "PRON"}]]


def _subject(verb: Token, depth: int = 0) -> list[Argument]:
    """The verb's subject; a relative pronoun stands for the noun it modifies; a
    complement or adverbial clause without a subject borrows its governor's."""
    r = rules()
    for child in verb.children:
        if child.dep_ == "nsubj":
            if child.lower_ in r["relative_pronouns"] and verb.dep_ == "relcl":
                return [
                    Argument(
                        verb.head,
                        "events.arg.relative-subject",
                        _score("events.arg.relative-subject"),
                    )
                ]
            return [
                Argument(t, "events.arg.nsubj", _score("events.arg.nsubj"))
                for t in with_conjuncts(child)
            ]
        if child.dep_ == "agent":
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs:
                return [
                    Argument(t, "events.arg.passive-agent", _score("events.arg.passive-agent"))
                    for t in with_conjuncts(objs[0])
                ]
    factor = _score("events.arg.inherited-subject")
    if (
        depth < settings.integer("events.subject_borrow_depth")
        and verb.dep_ in r["subject_links"]
        and verb.head.i != verb.i
    ):
        return [
            Argument(a.head, "events.arg.inherited-subject", a.score * factor)
            for a in _subject(verb.head, depth + 1)
        ]
    return []


def is_reduced_passive(verb: Token) -> bool:
    """A past participle with a subject and no auxiliary and no object: headline grammar
    for a passive ("Four soldiers killed in ambush"), whose subject is acted on."""
    return (
        verb.tag_ == "VBN"
        and any(c.dep_ == "nsubj" for c in verb.children)
        and not any(c.dep_ in {"aux", "auxpass", "dobj", "dative"} for c in verb.children)
    )


def _is_passive(verb: Token) -> bool:
    return is_reduced_passive(verb) or any(c.dep_ == "nsubjpass" for c in verb.children)


def _when_clause_agent(verb: Token) -> list[Argument]:
    """A passive act with no agent whose adverbial clause names the act that did it ("were
    killed when a gunman opened fire"): that clause's subject is the actor."""
    score = _score("events.arg.when-clause-agent")
    for clause in verb.children:
        if clause.dep_ != "advcl" or match(clause) is None:
            continue
        if not any(
            c.dep_ in {"mark", "advmod"} and c.lower_ in {"when", "as"} for c in clause.children
        ):
            continue
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        if subjects:
            return [
                Argument(t, "events.arg.when-clause-agent", score)
                for t in with_conjuncts(subjects[0])
            ]
    return []


def _objects(verb: Token) -> list[Argument]:
    r = rules()
    found: list[Argument] = []
    for child in verb.children:
        if child.dep_ in {"dobj", "dative", "nsubjpass"}:
            found += [
                Argument(t, f"events.arg.{child.dep_}", _score("events.arg.object"))
                for t in with_conjuncts(child)
            ]
        elif child.dep_ == "prep" and child.lower_ in r["recipient_preps"] and child.lower_ != "of":
            found += [
                Argument(t, f"events.arg.prep-{child.lower_}", _score("events.arg.prep"))
                for g in child.children
                if g.dep_ == "pobj"
                for t in with_conjuncts(g)
            ]
    return found


def _noun_arguments(noun: Token) -> tuple[list[Argument], list[Argument]]:
    """Arguments inside an event noun phrase: "Russia's sheltering of Assad",
    "Israeli attack on X", "offensive against Kurdish forces", "attack by militants"."""
    r = rules()
    actors: list[Argument] = []
    recipients: list[Argument] = []
    for child in noun.children:
        if child.dep_ == "poss":
            actors.append(Argument(child, "events.arg.possessive", _score("events.arg.possessive")))
        elif child.dep_ in {"amod", "compound"} and child.ent_type_ in {"NORP", "GPE", "ORG"}:
            actors.append(Argument(child, "events.arg.modifier", _score("events.arg.modifier")))
        elif child.dep_ == "prep":
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if not objs:
                continue
            if child.lower_ in r["actor_preps"]:
                actors += [
                    Argument(t, "events.arg.noun-by", _score("events.arg.noun-by"))
                    for t in with_conjuncts(objs[0])
                ]
            elif child.lower_ in r["recipient_preps"]:
                recipients += [
                    Argument(t, f"events.arg.noun-{child.lower_}", _score("events.arg.noun-prep"))
                    for t in with_conjuncts(objs[0])
                ]
    return actors, recipients


def _governing_verb(noun: Token) -> tuple[Token | None, str]:
    """The verb a noun trigger hangs from, and the dependency by which the noun's
    branch attaches to it ("dobj"/"pobj": the verb's subject acts; "nsubj": the noun acts)."""
    climb = set(rules()["noun_climb"])
    tok = noun
    for _ in range(settings.integer("events.clause_climb")):
        if tok.dep_ not in climb or tok.head.i == tok.i:
            return None, ""
        link = tok.dep_
        tok = tok.head
        if is_clause_verb(tok):
            return tok, link
    return None, ""


def arguments(trigger: Token, entry: Entry) -> tuple[list[Argument], list[Argument]]:
    """(actor arguments, recipient arguments) for the event whose trigger is ``trigger``."""
    verb: Token | None
    if trigger.pos_ in {"VERB", "AUX", "ADJ"}:
        verb = trigger if trigger.pos_ != "ADJ" else trigger.head
        actors, recipients = _subject(verb), _objects(trigger)
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in {"NOUN", "PROPN"}:
            score = _score("events.arg.participle-noun")
            recipients = [
                Argument(t, "events.arg.participle-noun", score) for t in with_conjuncts(verb.head)
            ] + recipients
        elif is_reduced_passive(verb):
            patients = [a for a in actors if a.rule == "events.arg.nsubj"]
            actors = [a for a in actors if a.rule != "events.arg.nsubj"]
            score = _score("events.arg.reduced-passive-subject")
            recipients = [
                Argument(a.head, "events.arg.reduced-passive-subject", score) for a in patients
            ] + recipients
        if not actors and _is_passive(verb):
            actors = _when_clause_agent(verb)
    else:
        actors, recipients = _noun_arguments(trigger)
        verb, link = _governing_verb(trigger)
        pronoun_only = all(a.head.pos_ == "PRON" for a in actors)
        if (
            verb is not None
            and link in {"dobj", "pobj", "attr", "prep", "compound"}
            and (not actors or pronoun_only)
        ):
            subject = _subject(verb)
            if subject:
                factor = _score("events.arg.governing-subject")
                actors = [
                    Argument(a.head, "events.arg.governing-subject", a.score * factor)
                    for a in subject
                ]
        elif verb is not None and link == "nsubj" and not recipients:
            for obj in _objects(verb):
                poss = [c for c in obj.head.children if c.dep_ == "poss"]
                target = poss[0] if poss else obj.head
                recipients.append(
                    Argument(
                        target,
                        "events.arg.object-of-event-subject",
                        _score("events.arg.object-of-event-subject"),
                    )
                )
    actors = [a for a in actors if a.head.i != trigger.i]
    recipients = [
        a for a in recipients if a.head.i != trigger.i and all(a.head.i != b.head.i for b in actors)
    ]
    if entry.sides == "two":
        return actors + recipients, []
    if entry.sides == "host":
        return recipients, actors
    return actors, recipients


def phrase(head: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``head``, without relative clauses,
    appositions or coordinated items ("Kurdish forces long backed by the West" ->
    "Kurdish forces")."""
    drop = set(rules()["np_drop_deps"])
    keep = [head]
    stack = [c for c in head.children if c.dep_ not in drop]
    while stack:
        tok = stack.pop()
        keep.append(tok)
        stack.extend(tok.children)
    keep.sort(key=lambda t: t.i)
    while len(keep) > 1 and keep[0].is_punct:
        keep.pop(0)
    while len(keep) > 1 and keep[-1].is_punct:
        keep.pop()
    return keep[0].idx, keep[-1].idx + len(keep[-1])


def is_agent_noun(head: Token) -> bool:
    """Heads like "forces", "rebels", "officials": code the whole phrase compositionally."""
    return head.pos_ == "NOUN" and head.lemma_.lower() in rules()["agent_nouns"]
