"""One way to turn a place name into an index key, shared by the build and the lookups.

Keys fold what news writing varies and a gazetteer does not: accents and transliteration
marks (Ḩalab, Deir ez-Zor), case, apostrophes, hyphens and dots, a leading "the", and the
abbreviations of US local news (St., Ft., Mt.). Building and querying with the same
function is what makes "Al-Anbar" find "Al Anbār".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

_DROP = re.compile(r"[’'`ʼʻ‘]")
_SPLIT = re.compile(r"[^a-z0-9]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}
ARABIC_ARTICLES = ("al", "el", "ad", "ar", "as", "an", "at", "az", "ash", "ath", "adh")


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The lookup key of a name: folded to ASCII lowercase words separated by one space.

    Memoised: resolving one article keys the same few names (and candidates' names)
    hundreds of times, and each key costs a ``unidecode`` pass. The cache is bounded so
    a long stream of articles keeps a flat memory.
    """
    words = _SPLIT.split(_DROP.sub("", unidecode(text).lower()))
    words = [_ABBREVIATIONS.get(w, w) for w in words if w]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def key_variants(key: str) -> list[str]:
    """The key and, for Arabic names, the key without its article ("al anbar" -> "anbar"),
    since news spells the same place with and without it."""
    first, _, rest = key.partition(" ")
    if first in ARABIC_ARTICLES and rest:
        return [key, rest]
    return [key]


def is_latin(text: str) -> bool:
    """True for names written in Latin script: the only ones English news uses."""
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)
