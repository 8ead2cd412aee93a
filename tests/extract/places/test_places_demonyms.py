"""Demonyms the actor base lacks: the country or state their suffix names."""

from __future__ import annotations

import pytest

from sitroom.extract.places.demonyms import demonym_place


@pytest.mark.parametrize(
    ("word", "place"),
    [
        ("Sri Lankan", "Sri Lanka"),
        ("Minnesotans", "Minnesota"),
        ("Texan", "Texas"),
        ("Sudanese", "Sudan"),
        ("Chinese", "China"),
        ("Iraqi", "Iraq"),
        ("Ukrainians", "Ukraine"),
        ("Canadian", "Canada"),
        ("Malian", "Mali"),
    ],
)
def test_a_demonym_names_its_area(word, place):
    assert demonym_place(word) == place


@pytest.mark.parametrize("word", ["Republicans", "Christian", "Muslims", "lebanese", "Catholic"])
def test_words_that_name_no_area_are_left_alone(word):
    assert demonym_place(word) is None
