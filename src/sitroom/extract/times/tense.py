"""The tense of the verb that governs a span, from spaCy's parse.

Relative dates without a direction of their own ("Sunday", "in October", "February 26")
resolve towards the past or the future depending on it (SCHEMA.md's bare-weekday rule).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitroom import settings
from sitroom.extract.common.doc_views import char_span
from sitroom.extract.times.calendar import Tense

FUTURE_AUX = {
    "will",
    "'ll",
    "wo",
    "shall",
    "would",
    "'d",
    "may",
    "might",
    "should",
    "must",
    "can",
    "ca",
}
PLANNING_VERBS = {
    "plan",
    "expect",
    "schedule",
    "set",
    "due",
    "hope",
    "intend",
    "aim",
    "agree",
    "prepare",
    "decide",
    "vow",
    "threaten",
    "promise",
    "want",
    "seek",
    "propose",
    "announce",
    "go",
    "pledge",
}
FORWARD_VERBS = {
    "plan",
    "schedule",
    "postpone",
    "delay",
    "expect",
    "due",
    "slate",
    "adjourn",
    "defer",
}
OPEN_END_WORDS = {"to", "until", "till", "through", "by", "before"}
"""A date after these bounds a span that may run past the verb's time: "extended the offer
to Nov. 20" is past tense about a future date, so a past verb gives no direction there."""
START_WORDS = {"effective", "starting", "beginning"}
"""A date after these starts something: forward unless the verb is past ("effective Feb. 1")."""


def governing_verb(token: Token) -> Token | None:
    """The nearest verb or auxiliary up the dependency tree from ``token``, if close: a date
    buried in a noun phrase ("Wednesday's ruling") takes no direction from a distant verb."""
    for _ in range(settings.integer("times.tense_climb")):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def verb_tense(verb: Token, depth: int = 0) -> Tense:
    """past, present or future for one verb, reading its auxiliaries and its tag."""
    if verb.lemma_.lower() in FORWARD_VERBS:
        return "future"  # "scheduled a news conference Thursday": the date is the plan's
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        return "future"
    if "to" in words:  # an infinitive: "plans to meet Wednesday", "is set to vote"
        head = verb.head
        if head.i != verb.i and head.lemma_.lower() in PLANNING_VERBS:
            return "future"
        climb = (
            head.i != verb.i
            and head.pos_ in ("VERB", "AUX", "ADJ")
            and depth < settings.integer("times.tense_climb")
        )
        return verb_tense(head, depth + 1) if climb else "future"
    if verb.tag_ == "VBG" and any(a.lower_ in ("is", "are", "'s", "'re", "am") for a in auxes):
        return "future"  # "is meeting Wednesday"
    if any(a.tag_ in ("VBD",) or a.lower_ in ("has", "have", "had", "'ve") for a in auxes):
        return "past"
    if verb.tag_ in ("VBD", "VBN"):
        return "past"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "MD":
        return "future"
    return None


def tense_at(doc: Doc, start_char: int, end_char: int) -> Tense:
    """The tense governing the text at these offsets, None when no verb governs it."""
    span = char_span(doc, start_char, end_char)
    if span is None or len(span) == 0:
        return None
    if span.end < len(doc) and doc[span.end].tag_ == "POS":
        return None  # "Wednesday's ruling": a noun phrase's date, the nearest such day
    verb = governing_verb(span.root)
    if verb is None:  # no verb close by: the sentence's main verb sets the direction
        root = span.root.sent.root
        verb = root if root.pos_ in ("VERB", "AUX") else None
    tense = verb_tense(verb) if verb is not None else None
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if tense == "past" and (before in OPEN_END_WORDS or before in START_WORDS):
        return None
    if before in START_WORDS:
        return "future"
    return tense
