"""The Typer application every command module registers on, and its global options.

Typer (on Click) gives typed options, ``--help`` on every subcommand and shell
completion for free; commands stay thin and call the stages. ``--config`` and ``--set``
come before the command (``sitroom --set NAME=VALUE ingest ...``) because a setting is a
property of the run, read by whichever stage the command reaches.
"""

from pathlib import Path
from typing import Annotated

import typer

from sitroom import settings

app = typer.Typer(
    name="sitroom",
    help="Turn raw news into a sourced, geocoded, time-resolved database of events, actors and "
    "claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def global_options(
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="FILE",
            help="Config file whose settings section (name = value lines) overrides settings.",
        ),
    ] = None,
    assignments: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="NAME=VALUE",
            help="Override one setting (repeatable; wins over --config).",
        ),
    ] = None,
) -> None:
    """Apply the settings overrides before any command runs; a bad one ends the run with
    one line and exit code 2, like any other usage error."""
    try:
        if config is not None:
            settings.override_from_config(config)
        settings.override_from_text(assignments or ())
    except settings.SettingError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
