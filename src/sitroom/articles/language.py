"""Article language, detected offline.

langdetect (a port of Google's language-detection profiles, no network, no model
download) is non-deterministic unless seeded, so the seed is fixed: the same article always
gets the same code. Short texts give unreliable guesses, so below ``MIN_LETTERS`` or when
the best guess is not clearly ahead the answer is None rather than a wrong code.
"""

from __future__ import annotations

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

DetectorFactory.seed = 0
MIN_LETTERS = 60
MIN_PROBABILITY = 0.85
SAMPLE_CHARS = 3000
"""The opening of a long article is enough and keeps detection cheap."""


def detect_language(text: str) -> str | None:
    """ISO 639-1 code ("en", "fr", "ar") of ``text``, or None when too short or unclear."""
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    try:
        best = detect_langs(sample)[0]
    except LangDetectException:
        return None
    return best.lang if best.prob >= MIN_PROBABILITY else None
