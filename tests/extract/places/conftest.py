"""Fixtures of the places tests: one small pipeline per session (ruler + places only)."""

from __future__ import annotations

import pytest

from sitroom.extract.pipeline import build_nlp

PLACE_COMPONENTS = ["sitroom_place_ruler", "sitroom_places"]


@pytest.fixture(scope="session")
def places_nlp():
    return build_nlp(PLACE_COMPONENTS)
