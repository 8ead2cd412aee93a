"""Modality of an event (asserted, planned, negated, hypothetical) and the historical flag.

PLOVER leaves modality unimplemented; sitroom reads it off the trigger's own auxiliaries
and the words governing it ("will meet" planned, "denied attacking" negated, "could
precipitate" hypothetical). The cue words live in ``modality_cues.json``.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from sitroom import settings
from sitroom.extract.events.mapping import QUAD

_CLAUSE_LINKS = frozenset(
    {
        "xcomp",
        "ccomp",
        "pcomp",
        "pobj",
        "prep",
        "dobj",
        "acl",
        "relcl",
        "advcl",
        "conj",
        "nsubjpass",
        "nsubj",
        "amod",
    }
)


@lru_cache(maxsize=1)
def cues() -> dict:
    return json.loads(
        Path(__file__).with_name("data").joinpath("modality_cues.json").read_text(encoding="utf-8")
    )


def _governors(token: Token, depth: int = 3) -> list[Token]:
    """The trigger and up to ``depth`` heads above it, stopping at the sentence root."""
    chain = [token]
    while (
        len(chain) <= depth and chain[-1].head.i != chain[-1].i and chain[-1].dep_ in _CLAUSE_LINKS
    ):
        chain.append(chain[-1].head)
    return chain


def is_negated(token: Token) -> bool:
    """A ``neg`` child on the trigger or its auxiliary verb ("did not attack")."""
    return any(c.dep_ == "neg" for c in token.children) or (
        token.dep_ in {"xcomp", "ccomp"}
        and any(c.dep_ == "neg" for c in token.head.children)
        and token.head.lemma_ in {"be", "do", "have"}
    )


def modality(token: Token) -> tuple[str, str]:
    """(modality, rule id) for the event whose trigger is ``token``."""
    c = cues()
    chain = _governors(token)
    if is_negated(token):
        return "negated", "modality.neg"
    for gov in chain[1:]:
        if (
            gov.lemma_.lower() in c["negating_heads"]
            and gov.pos_ == "VERB"
            and token.dep_ in {"xcomp", "pcomp", "dobj", "ccomp"}
        ):
            return "negated", "modality.negating-head"
    for gov in chain:
        auxes = [a.lower_ for a in gov.children if a.dep_ in {"aux", "auxpass"}]
        if any(m.lower_ in c["hypothetical_marks"] for m in gov.children if m.dep_ == "mark"):
            return "hypothetical", "modality.conditional"
        if any(a in c["hypothetical_aux"] for a in auxes) and gov.i == token.i:
            return "hypothetical", "modality.hypothetical-aux"
        if any(a in c["planned_aux"] for a in auxes):
            return "planned", "modality.future-aux"
        if (
            gov.pos_ == "VERB"
            and gov.lemma_.lower() in c["planned_heads"]
            and gov.i != token.i
            and (token.dep_ == "xcomp" or gov is token.head)
        ):
            return "planned", "modality.planning-head"
        if gov.i == token.i and gov.pos_ in {"NOUN", "PROPN"}:
            if any(
                a.lower_ in c["planned_amod"]
                for a in gov.children
                if a.dep_ in {"amod", "compound"}
            ):
                return "planned", "modality.planned-amod"
            if gov.dep_ == "nsubjpass" and gov.head.lemma_.lower() in c["planned_heads"]:
                return "planned", "modality.planned-passive"
        if gov.i != token.i and gov.pos_ == "VERB" and gov.lemma_.lower() not in c["speech_verbs"]:
            break
    return "asserted", "modality.default"


def is_historical(date_value: str | None, published: str | None) -> bool:
    """True when the event's date lies more than ``events.historical_days`` before publication."""
    if not date_value or not published:
        return False
    try:
        pub = dt.date.fromisoformat(published[:10])
    except ValueError:
        return False
    parts = date_value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 12
        day = int(parts[2]) if len(parts) > 2 else 28
        when = dt.date(year, month, min(day, 28) if len(parts) < 3 else day)
    except (ValueError, IndexError):
        return False
    return (pub - when).days > settings.integer("events.historical_days")


def background_period(token: Token) -> bool:
    """Undated background: the trigger's clause is set "during" a past period ("during
    the civil war") and told in the past tense."""
    periods = set(cues()["background_periods"])
    root = token.sent.root
    for gov in _governors(token, depth=4) + [root]:
        for prep in gov.children:
            if prep.dep_ == "prep" and prep.lower_ == "during":
                if any(p.lemma_.lower() in periods for p in prep.children if p.dep_ == "pobj"):
                    return gov.tag_ in {"VBD", "VBN"} or root.tag_ in {"VBD", "VBN"}
    return False


def _conditional(token: Token) -> bool:
    marks = set(cues()["hypothetical_marks"])
    return any(
        m.lower_ in marks
        for c in token.children
        if c.dep_ == "advcl"
        for m in c.children
        if m.dep_ == "mark"
    )


def promise_type(token: Token, ptype: str) -> str | None:
    """The type of an act its actor announces for the future, or None when it is not one.

    PLOVER codes "X said it will release the hostages" as the promise (AGREE) and "said
    they would boycott the talks" as a THREATEN: the event is the announcement, the act
    has not happened. Planned acts narrated without a speaker ("will meet on Wednesday")
    keep their type and are ``planned``. A conditional material concession ("will
    withdraw unless ...") is a threat.
    """
    c = cues()
    if (
        token.pos_ != "VERB"
        or token.dep_ != "ccomp"
        or token.head.lemma_.lower() not in c["speech_verbs"]
    ):
        return None
    if not any(a.dep_ == "aux" and a.lower_ in c["promise_aux"] for a in token.children):
        return None
    quad = str(QUAD.get(ptype, 0))
    if _conditional(token) and quad in c["conditional_promise_retype"]:
        return c["conditional_promise_retype"][quad]
    new = c["promise_retype"].get(quad)
    return new if new != ptype else None
