"""A blank line ends a sentence even when the line before it has no final stop; a single
line break (hard-wrapped text) is left to the parser."""

from __future__ import annotations

from sitroom.extract.pipeline import get_nlp


def _sentences(text: str) -> list[str]:
    return [s.text.strip() for s in get_nlp()(text).sents]


def test_a_headline_line_is_its_own_sentence():
    text = "Troops shot a man dead in Mandalay\n\nThe regime's violence goes on despite a plea"
    assert _sentences(text) == [
        "Troops shot a man dead in Mandalay",
        "The regime's violence goes on despite a plea",
    ]


def test_a_wrapped_line_stays_inside_its_sentence():
    assert len(_sentences("Troops shot a man dead in the\ncentre of Mandalay on Sunday.")) == 1
