"""``sitroom --set NAME=VALUE`` and ``sitroom --config FILE`` reach the settings registry
before the command runs; a bad name or value is one line on stderr and exit code 2."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom import settings
from sitroom.cli import app

TRIAL = settings.Setting("trial.threshold", 0.5, "a setting for these tests only")


@pytest.fixture(autouse=True)
def trial_setting(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(settings.SETTINGS, TRIAL.name, TRIAL)
    yield
    settings.reset()


def run(*args: str):
    # ``stats --help`` runs the global options, then stops before touching a store.
    return CliRunner().invoke(app, [*args, "stats", "--help"])


def test_set_overrides_a_setting():
    result = run("--set", "trial.threshold=0.75")
    assert result.exit_code == 0, result.output
    assert settings.value("trial.threshold") == 0.75


def test_config_file_settings_section(tmp_path: Path):
    config = tmp_path / "run.cfg"
    config.write_text("[settings]\ntrial.threshold = 0.25\n\n[nlp]\nlang = en\n")
    assert run("--config", str(config)).exit_code == 0
    assert settings.value("trial.threshold") == 0.25


def test_set_wins_over_config(tmp_path: Path):
    config = tmp_path / "run.cfg"
    config.write_text("[settings]\ntrial.threshold = 0.25\n")
    assert run("--config", str(config), "--set", "trial.threshold=0.9").exit_code == 0
    assert settings.value("trial.threshold") == 0.9


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--set", "no.such=1"), "unknown setting 'no.such'"),
        (("--set", "trial.threshold=high"), "wants a float, got 'high'"),
        (("--set", "trial.threshold"), "--set wants name=value"),
        (("--config", "/no/such/file.cfg"), "cannot read config"),
    ],
)
def test_bad_setting_is_one_line_and_exit_2(args: tuple[str, ...], message: str):
    result = CliRunner().invoke(app, [*args, "stats", "--help"])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert "Traceback" not in result.output
    assert settings.value("trial.threshold") == 0.5
