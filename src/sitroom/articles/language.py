"""Article language, detected offline.

langdetect (a port of Google's language-detection profiles, no network, no model
download) is non-deterministic unless seeded, so the seed is fixed: the same article always
gets the same code. Short texts give unreliable guesses, so below ``MIN_LETTERS`` or when
the best guess is not clearly ahead the answer is None rather than a wrong code.

langdetect's detector gathers a text's n-grams one character at a time through three Python
calls per character; on a news article that was over half of the detection and a third of
the segmentation stage. ``_Detector`` keeps the library's profiles, trials, random draws and
decision and replaces only that gathering with a word-at-a-time equivalent giving the same
list (``tests/articles/test_language.py`` checks it against the library's own method). A
shorter sample would have been cheaper still, but langdetect's answer on a borderline text
depends on every n-gram of it: on the gold texts, cutting the sample to 1,500 characters
changed the language of 6 of 4,296 texts.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import islice

from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException
from langdetect.utils.ngram import NGram

SEED = 0
MIN_LETTERS = 60
MIN_PROBABILITY = 0.85
SAMPLE_CHARS = 3000
"""The opening of a long article is enough and keeps detection cheap."""


_MAX_CHARS_KEPT = 1 << 16
"""Normalised characters remembered; far more than news uses, and a bound against text
made of every code point."""


class _NormalisedChars(dict):
    """``str.translate`` table: code point -> the character langdetect's ``NGram`` reads it
    as (punctuation and digits become spaces, scripts fold to one letter...), filled on
    first sight so a text is normalised in one C-level pass."""

    def __missing__(self, code: int) -> str:
        value = NGram.normalize(chr(code))
        if len(self) < _MAX_CHARS_KEPT:
            self[code] = value
        return value


_NORMALISED = _NormalisedChars()


def ngrams(text: str) -> list[str]:
    """The 1-, 2- and 3-grams langdetect's ``Detector._extract_ngrams`` finds in ``text``,
    in its order. They never span a space, so a text's grams are its words' grams, and a
    word's depend only on the word (and whether a space follows it): each word is worked
    out once and remembered, and news repeats its words."""
    pieces = text.translate(_NORMALISED).split(" ")
    found: list[str] = []
    for word in pieces[:-1]:
        if word:
            found.extend(_word_grams(word + " "))
    if pieces[-1]:
        found.extend(_word_grams(pieces[-1]))
    return found


@lru_cache(maxsize=1 << 16)
def _word_grams(word: str) -> tuple[str, ...]:
    """Per character of ``word`` (a normalised word, with its following space if any), the
    grams ending there: a leading space marks the word start, the trailing one its end;
    none inside an all-capitals run; only grams the profiles know."""
    known = _factory().word_lang_prob_map
    padded = "  " + word
    return tuple(
        gram
        for before, last, char in zip(padded, padded[1:], padded[2:], strict=False)
        if not (char.isupper() and last.isupper())
        for gram in (
            (last + char, before + last + char)
            if char == " "
            else (char, last + char)
            if last == " "
            else (char, last + char, before + last + char)
        )
        if gram in known
    )


class _Detector(Detector):
    """langdetect's ``Detector`` gathering n-grams word by word (see the module doc)."""

    def _extract_ngrams(self) -> list[str]:
        return ngrams(self.text)


@lru_cache(maxsize=1)
def _factory() -> DetectorFactory:
    """The language profiles shipped with langdetect, loaded once per process."""
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(SEED)
    return factory


def _has_letters(text: str, count: int) -> bool:
    """Whether ``text`` holds at least ``count`` letters (stops counting there)."""
    return next(islice((c for c in text if c.isalpha()), count - 1, None), None) is not None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code ("en", "fr", "ar") of ``text``, or None when too short or unclear."""
    sample = text[:SAMPLE_CHARS]
    if not _has_letters(sample, MIN_LETTERS):
        return None
    detector = _Detector(_factory())
    detector.append(sample)
    try:
        best = detector.get_probabilities()[0]
    except LangDetectException:
        return None
    return best.lang if best.prob >= MIN_PROBABILITY else None
