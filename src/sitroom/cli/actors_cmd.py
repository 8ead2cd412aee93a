"""``sitroom actors resolve``: what a mention codes to on a date, without running the pipeline.

It takes the pipeline's own path (``extract.actors.mention.code_mention``), so "British",
"Armenian Prime Minister" and "Boko Haram" code here as they do in an article. Handy to
check the KB and the compositional rules ("Iraqi General Foo Bar" -> IRQ MIL) and to see
why a code was chosen (the rule and the role it came from).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from sitroom.cli.app import app
from sitroom.cli.options import FormatOption, OutputFormat
from sitroom.cli.output import emit

actors_app = typer.Typer(help="Look up actors in the knowledge base.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")


TABLE_COLUMNS = ["id", "name", "kind", "country", "sector", "role", "rule"]


def _valid_date(value: str | None) -> str | None:
    """ISO date or a one-line error (exit 2), never a traceback."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        typer.echo(f"error: --date: {value!r} is not a date YYYY-MM-DD", err=True)
        raise typer.Exit(2) from None


@actors_app.command("resolve")
def resolve(
    text: Annotated[
        str,
        typer.Argument(
            help='A mention as written, e.g. "Ahmed al-Sharaa" or "Iraqi General Foo Bar".'
        ),
    ],
    date: Annotated[
        str | None,
        typer.Option(
            "--date", help="Code the actor for this date (YYYY-MM-DD); default: today's roles."
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Print the actor id, name, kind, country and sector TEXT codes to on --date."""
    from sitroom.extract.actors.mention import code_mention
    from sitroom.kb.actors import role_on

    date = _valid_date(date)
    if not text.strip():
        typer.echo("error: TEXT: empty mention", err=True)
        raise typer.Exit(2)
    coded = code_mention(text, date)
    if coded is None:
        typer.echo(
            f"error: {text!r}: no actor in the knowledge base and no demonym or title to code it",
            err=True,
        )
        raise typer.Exit(1)
    actor, country, sector = coded.actor, coded.country, coded.sector
    role = role_on(actor.roles, date)
    row = {
        "text": text,
        "date": date,
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "country": country,
        "sector": sector,
        "ethnicity": actor.ethnicity,
        "role": role.title if role else None,
        "role_source": role.source if role else None,
        "rule": actor.explanation.rule if actor.explanation else None,
        "score": actor.explanation.score if actor.explanation else None,
    }
    emit([row], fmt, TABLE_COLUMNS if fmt is OutputFormat.table else list(row))
