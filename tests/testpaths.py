"""Where the tests find their inputs. Real news texts stay in ../shared and are read by path.

A module of its own (not ``conftest``) because every test folder has a ``conftest.py`` and
``from testpaths import`` would pick whichever one Python imported first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"
SEED_CORPUS = SHARED / "corpus" / "arabnews-2023-2026.txt"


def needs_shared(path: Path):
    """Skip marker for tests reading ../shared when it is absent (a bare clone elsewhere)."""
    return pytest.mark.skipif(not path.exists(), reason=f"{path} not present")
