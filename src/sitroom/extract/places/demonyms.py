"""The place a demonym the actor base lacks stands for ("Sri Lankan", "Minnesotans").

Geoparsing corpora count a demonym as a toponym of its country or state, and the actor
base lists only a few hundred of them. English forms most demonyms by a handful of
suffixes, so the name is derived by undoing one ("Sri Lankan" -> "Sri Lanka", "Sudanese"
-> "Sudan", "Iraqi" -> "Iraq", "Texan" -> "Texas", "New Londoners" -> "New London"), and
kept only when the gazetteer holds it as the main name of a country or first-level area:
a guess that names no such place is dropped.
"""

from __future__ import annotations

from functools import lru_cache

from sitroom.kb.gazetteer import load_gazetteer
from sitroom.kb.gazetteer.names import name_key

AREA_CODES = {"PCLI", "PCLS", "ADM1"}
MAX_WORDS = 3
SUFFIXES = (
    ("ian", "ia"),
    ("ian", "a"),
    ("ian", "y"),
    ("ian", ""),
    ("an", "as"),
    ("an", "a"),
    ("an", ""),
    ("ian", "e"),
    ("n", ""),
    ("ese", "a"),
    ("ese", ""),
    ("i", ""),
    ("er", ""),
)
"""(demonym ending, place ending) pairs, tried in order; the first that names an area wins."""


@lru_cache(maxsize=4096)
def demonym_place(text: str) -> str | None:
    """The country or first-level area a demonym names, as the gazetteer spells it."""
    word = text.strip()
    words = word.split()
    if not 0 < len(words) <= MAX_WORDS or not all(w[:1].isupper() for w in words):
        return None
    for form in dict.fromkeys((word, word.removesuffix("s"))):
        for ending, replacement in SUFFIXES:
            if form.endswith(ending) and len(form) > len(ending) + 2:
                name = form[: len(form) - len(ending)] + replacement
                if _is_area(name):
                    return name
    return None


def _is_area(name: str) -> bool:
    key = name_key(name)
    return any(
        e.fcode in AREA_CODES and name_key(e.name) == key for e in load_gazetteer().candidates(name)
    )
