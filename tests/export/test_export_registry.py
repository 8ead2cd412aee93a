"""Every export format is registered once (``sitroom.export.writers.WRITERS``) and the CLI,
the HTTP API and the docs all list the formats from there."""

from __future__ import annotations

from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.export import FORMATS
from sitroom.export.writers import WRITERS, formats_table
from sitroom.http.app import create_app
from testpaths import REPO


def test_docs_formats_table_is_the_registry():
    docs = (REPO / "docs" / "exports.md").read_text(encoding="utf-8")
    assert formats_table() in docs, "update the formats table of docs/exports.md"


def test_cli_and_api_offer_the_registered_formats(tmp_path):
    assert FORMATS == tuple(WRITERS)
    help_text = CliRunner().invoke(app, ["export", "--help"]).output
    assert all(name in help_text for name in WRITERS)
    openapi = create_app(tmp_path / "none.duckdb").openapi()
    summary = openapi["paths"]["/api/export/{fmt}"]["get"]["summary"]
    assert summary == f"Export events ({', '.join(WRITERS)})"


def test_binary_formats_need_out():
    for name, writer in WRITERS.items():
        if writer.binary:
            result = CliRunner().invoke(app, ["export", "--format", name])
            assert result.exit_code == 2
            assert "binary output needs --out" in result.output
