"""Fixtures of the actor tests: one small pipeline per session (actor ruler + actors only)."""

from __future__ import annotations

import pytest

from sitroom.extract.pipeline import build_nlp

ACTOR_COMPONENTS = ["sitroom_actor_ruler", "sitroom_actors"]


@pytest.fixture(scope="session")
def actors_nlp():
    return build_nlp(ACTOR_COMPONENTS)
