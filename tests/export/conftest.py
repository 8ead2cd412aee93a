"""One store of the whole example corpus per test session, ingested by the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from testpaths import EXAMPLES


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("examples") / "sitroom.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    return db
