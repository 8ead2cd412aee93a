"""The clause an event trigger belongs to: where its date, place and size are looked for.

A trigger's clause is the subtree of its predicate minus embedded clauses that carry
their own event (adverbial and relative clauses, complements, coordinated clauses with
their own subject), so "toppled Assad in 2024" in a subordinate clause does not date the
main clause's meeting.
"""

from __future__ import annotations

from spacy.tokens import Token

from sitroom import settings

_EMBEDDED = frozenset({"advcl", "relcl", "ccomp", "parataxis", "csubj"})
_CLIMB = frozenset(
    {
        "prep",
        "pobj",
        "dobj",
        "compound",
        "appos",
        "attr",
        "npadvmod",
        "conj",
        "nsubj",
        "nsubjpass",
        "amod",
        "nmod",
        "dative",
        "oprd",
        "agent",
        "acl",
    }
)
_PASS_THROUGH = frozenset({"prep", "acl"})
"""Steps a noun trigger may climb to its verb: "launched ... in a campaign marked by its
brutality including mass killings" is seven."""


def predicate(trigger: Token) -> Token:
    """The token whose clause the trigger describes.

    A verb is its own predicate, unless it is a relative clause on an event noun
    ("an operation that killed 22") where the noun phrase holds the date. A noun climbs
    to the verb that governs it ("launched an offensive", "at their meeting").
    """
    if trigger.pos_ in {"VERB", "AUX", "ADJ"}:
        if trigger.dep_ == "relcl":
            return trigger.head
        return trigger
    tok = trigger
    for _ in range(settings.integer("events.clause_climb")):
        if tok.dep_ not in _CLIMB or tok.head.i == tok.i:
            break
        tok = tok.head
        if is_clause_verb(tok):
            return tok
    return tok


def is_clause_verb(tok: Token) -> bool:
    """A verb that heads a clause of its own. Prepositional participles ("including",
    "following": dep ``prep``) and participles modifying a noun ("a campaign marked by
    killings": dep ``acl``) are passed through, so a nominal event deep in a modifier
    belongs to the clause of the verb governing the modified noun."""
    return tok.pos_ in {"VERB", "AUX"} and tok.dep_ not in _PASS_THROUGH


def _own_subject(tok: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)


def clause_tokens(pred: Token, keep: Token) -> list[Token]:
    """Tokens of ``pred``'s clause; embedded clauses are left out unless they hold ``keep``."""
    out: list[Token] = []
    stack = [pred]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in tok.children:
            embedded = child.dep_ in _EMBEDDED or (
                child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} and _own_subject(child)
            )
            if embedded and not (child.left_edge.i <= keep.i <= child.right_edge.i):
                continue
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def char_range(tokens: list[Token]) -> tuple[int, int]:
    """The character span from the first to the last token."""
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])
