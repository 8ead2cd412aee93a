"""Fixtures for the store tests; the builders live in ``storebuild``."""

from __future__ import annotations

import pytest
from storebuild import BASE_STORY, article

from sitroom.model import Article


@pytest.fixture
def story() -> Article:
    return article(BASE_STORY, title="Relief convoy reaches villages")
