"""Headlines written in Title Case or ALL CAPS, which the small model parses as strings of
proper nouns: how to tell them, and a sentence-cased copy of the same length that the
model parses as it was trained to (offsets into the copy are offsets into the original)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from sitroom import settings
from sitroom.extract.common.doc_views import view
from sitroom.extract.common.doctext import text_of

NAME_ENTS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC"})
"""Entity labels whose words keep their capital in the sentence-cased copy of a headline:
the parser reads a lower-cased place or group name as a common noun or verb."""
SHOUTED_NAME_ENTS = NAME_ENTS - {"ORG"}
"""The same in an ALL CAPS headline, where the model takes any run of capitals for an
organisation ("CONVOY"): only its people, places and nationalities are trusted as names."""


def is_headline_case(sent: Span) -> bool:
    """Whether the sentence is written as a Title Case or ALL CAPS headline, where the
    small model tags capitalised verbs and nouns as proper nouns and the parse falls apart.
    Read once per span and Doc view: trigger candidates, the lexicon and casualty counting
    all ask it of the same sentences."""
    return view(sent.doc, f"headline_case:{sent.start}:{sent.end}", lambda: _headline_case(sent))


def _headline_case(sent: Span) -> bool:
    words = [t.text for t in sent if t.is_alpha]
    if len(words) < 2:
        return False
    capitalised = sum(w[0].isupper() for w in words)
    return capitalised >= settings.number("events.headline_share") * len(words)


def _lower(text: str) -> str:
    """Lower case character by character, keeping any character whose lower case is longer
    (so offsets into the copy are offsets into the original)."""
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def sentence_cased(sent: Span, common: Callable[[Token], bool] = lambda _: False) -> str:
    """The sentence's text as a sentence would be written: lower-case but for its first
    letter, acronyms and the words of names (cased like a name when the headline shouts);
    a word ``common`` says is a common word is lower-cased even where the model called it
    part of a name ("Kills" inside a mistaken organisation).
    Only letters' case changes, so the copy has the original's length and offsets."""
    text = text_of(sent.doc)[sent.start_char : sent.end_char]
    shouting = not any(ch.islower() for ch in text)
    out = list(_lower(text))
    first = True
    for tok in sent:
        if not any(ch.isalpha() for ch in tok.text):
            continue
        at = tok.idx - sent.start_char
        labels = SHOUTED_NAME_ENTS if shouting else NAME_ENTS
        name = (tok.ent_type_ in labels and not tok.like_num and not common(tok)) or (
            not shouting and tok.is_upper and len(tok.text) > 1
        )
        if name and not shouting:
            out[at : at + len(tok.text)] = tok.text
        elif name or first:
            out[at] = tok.text[0]
        first = False
    return "".join(out)
