"""The Typer application every command module registers on.

Typer (on Click) gives typed options, ``--help`` on every subcommand and shell
completion for free; commands stay thin and call the stages.
"""

import typer

app = typer.Typer(
    name="sitroom",
    help="Turn raw news into a sourced, geocoded, time-resolved database of events, actors and claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
