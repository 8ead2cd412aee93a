"""Name normalisation shared by the KB build and run-time lookup.

Both sides must fold names the same way, or an alias written "Al-Sharaa" in the KB
would never meet "al Sharaa" in text: case, accents, hyphens, apostrophes and a leading
"the" carry no identity.
"""

from __future__ import annotations

import re
import unicodedata

SECTORS = frozenset(
    (
        "GOV MIL COP JUD LEG PRM PTY REB SPY UAF UNK AGR BUS "
        "CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC"
    ).split()
)

_NON_WORD = re.compile(r"[^a-z0-9]+")
_APOS = re.compile(r"['’‘`´]")
_PARTICLE = re.compile(r"\b(al|el|ad|as|ash|an|ar|at|az)\s+(?=\w)")


def fold(text: str) -> str:
    """ASCII-fold and lowercase: "Öcalan" -> "ocalan"."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def norm_alias(text: str) -> str:
    """Lookup key: folded, punctuation as spaces, apostrophes dropped, no leading "the"."""
    key = _NON_WORD.sub(" ", _APOS.sub("", fold(text))).strip()
    return key[4:] if key.startswith("the ") else key


def strip_particles(key: str) -> str:
    """Drop Arabic article particles from a key: "qais al mohamadawi" -> "qais mohamadawi",
    so spellings with and without "al-" meet."""
    return _PARTICLE.sub("", key)


def slug(name: str) -> str:
    """Stable actor id: the normalised canonical name with hyphens ("islamic-state")."""
    return norm_alias(name).replace(" ", "-")
