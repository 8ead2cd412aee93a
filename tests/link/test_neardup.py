"""Near-duplicate signatures without a database (texts written for these tests)."""

from __future__ import annotations

import numpy as np

from sitroom import settings
from sitroom.link import neardup
from sitroom.link.neardup import Candidate

STORY = (
    "Warplanes struck a fuel depot on the edge of Rivertown on Sunday, destroying three tanks "
    "and two trucks, residents said. A local official said the raid lasted about ten minutes "
    "and that fire crews worked through the night to stop the blaze from spreading. The "
    "provincial council called an emergency meeting for Monday morning."
)
EDITED = STORY.replace("Monday morning", "Monday afternoon")
REWRITE = (
    "An air raid hit fuel tanks near Rivertown overnight, according to witnesses reached by "
    "phone; nobody has claimed the attack and officials gave no figure for casualties."
)


def _signature(text: str) -> neardup.Signature:
    sig = neardup.signature(text)
    assert sig is not None
    return sig


def test_a_lightly_edited_text_is_highly_similar_and_a_rewrite_is_not():
    story, edited, rewrite = _signature(STORY), _signature(EDITED), _signature(REWRITE)
    assert neardup.similarity(story.hashvalues, edited.hashvalues) >= 0.7
    assert neardup.similarity(story.hashvalues, rewrite.hashvalues) < 0.2
    assert neardup.is_copy(story.hashvalues, edited.hashvalues)
    assert not neardup.is_copy(story.hashvalues, rewrite.hashvalues)


def test_signatures_are_reproducible_and_share_band_keys_when_near_identical():
    assert _signature(STORY).keys == _signature(STORY).keys
    assert set(_signature(STORY).keys) & set(_signature(EDITED).keys)
    assert len(_signature(STORY).hashvalues) == neardup.permutations()


def test_a_text_too_short_to_compare_gets_no_signature():
    assert neardup.signature("Fighting in the north.") is None


def test_the_best_match_is_the_earliest_stored_of_equally_similar_candidates():
    sig = _signature(EDITED)
    first = Candidate("a", "a", 1, _signature(STORY).hashvalues)
    second = Candidate("b", "a", 2, _signature(STORY).hashvalues)
    other = Candidate("c", "c", 0, _signature(REWRITE).hashvalues)
    known = {key: [second, first, other] for key in sig.keys}
    assert neardup.best_match(sig, known) is first
    assert neardup.best_match(sig, {key: [other] for key in sig.keys}) is None


def test_rows_copying_finds_the_stored_signatures_close_to_any_of_ours():
    stored = np.stack([_signature(REWRITE).hashvalues, _signature(STORY).hashvalues])
    ours = np.stack([_signature(EDITED).hashvalues])
    assert neardup.rows_copying(stored, ours).tolist() == [1]


def test_the_thresholds_are_read_when_used():
    story, edited = _signature(STORY).hashvalues, _signature(EDITED).hashvalues
    settings.override({"link.copy_threshold": 1.0})
    try:
        assert not neardup.is_copy(story, edited)
    finally:
        settings.reset()
    assert neardup.is_copy(story, edited)
