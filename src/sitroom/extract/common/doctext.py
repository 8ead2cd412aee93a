"""The text of a Doc, joined once per Doc.

spaCy's ``Doc.text`` rebuilds the string from every token (one Python ``Token`` object per
token) on each call, so extractors slicing ``doc.text`` per mention spent most of the
pipeline's time there. The text is kept in ``doc.user_data`` after the first call.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "sitroom.text"


def text_of(doc: Doc) -> str:
    """``doc.text``, computed on the first call for this Doc and reused after."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
