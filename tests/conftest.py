"""Shared test fixtures. Real news texts stay in ../shared and are read by path."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"
SEED_CORPUS = SHARED / "corpus" / "arabnews-2023-2026.txt"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sitroom.duckdb"


def needs_shared(path: Path):
    """Skip marker for tests reading ../shared when it is absent (a bare clone elsewhere)."""
    return pytest.mark.skipif(not path.exists(), reason=f"{path} not present")
