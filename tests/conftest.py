"""Shared test fixtures. Paths to inputs live in ``testpaths``."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sitroom.duckdb"
