"""Fixtures of the places tests: one small pipeline per session (ruler + places only)."""

from __future__ import annotations

import pytest

from sitroom.nlp.pipeline import build_nlp

PLACE_COMPONENTS = [
    ("sitroom.nlp.place_ruler", "sitroom_place_ruler", {"before": "ner"}),
    ("sitroom.extract.places", "sitroom_places", {"last": True}),
]


@pytest.fixture(scope="session")
def places_nlp():
    return build_nlp(PLACE_COMPONENTS)
