"""The settings registry: its generated docs page, and each entry's name and why."""

from __future__ import annotations

import datetime as dt

import pytest

from sitroom import settings
from sitroom.extract.times.calendar import year_for_month
from testpaths import REPO


@pytest.fixture(autouse=True)
def _defaults():
    settings.reset()
    yield
    settings.reset()


def test_docs_page_is_generated_from_the_registry():
    docs = (REPO / "docs" / "settings.md").read_text(encoding="utf-8")
    assert docs == settings.markdown_table(), "run: python -m sitroom.settings > docs/settings.md"


def test_every_setting_has_a_unique_name_and_a_why():
    names = [s.name for s in settings._DECLARED]
    assert len(names) == len(set(names))
    for s in settings._DECLARED:
        assert s.why.strip(), s.name
        assert "|" not in s.why, f"{s.name}: a pipe breaks the docs table"


def test_an_override_is_read_at_use_time():
    """Stages read a setting when they use it, so ``--set`` after import still counts."""
    anchor = dt.date(2024, 1, 15)
    assert year_for_month(anchor, 6, 1, "past") == 2023
    settings.override({"times.tense_window_months": 3})
    assert year_for_month(anchor, 6, 1, "past") == 2024
