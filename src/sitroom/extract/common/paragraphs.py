"""``sitroom_paragraphs``: a paragraph break ends a sentence.

The parser decides sentence ends from punctuation and syntax, so a line without a final
stop (a headline, a subhead, a list item, a dateline line) runs on into the next
paragraph as one sentence, and an event's clause then spans both. Set before the parser,
a sentence start on the first token after a blank line is kept by it (spaCy's parser
respects boundaries already set) and the parse of each paragraph stands alone. A single
line break is left to the parser: hard-wrapped text breaks lines inside sentences.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every whitespace run holding a blank line."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc


@Language.component("sitroom_paragraphs", assigns=["token.is_sent_start"])
def paragraphs(doc: Doc) -> Doc:
    return mark_paragraphs(doc)
