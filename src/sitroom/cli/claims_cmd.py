"""``sitroom claims compare``: every claim of a subject over time, with disagreements.

Table and csv print one row per claim (its interval and the claims it contradicts);
json and jsonl print one object per subject with its claims, disagreeing pairs and the
related scopes of the same actor and measure (see ``sitroom.query.claims_compare``).
"""

from __future__ import annotations

from typing import Annotated

import typer

from sitroom.cli.app import app
from sitroom.cli.options import DEFAULT_DB, DbOption, FormatOption, OutputFormat
from sitroom.cli.output import emit

claims_app = typer.Typer(
    help="Numeric claims: compare estimates of one subject.", no_args_is_help=True
)
app.add_typer(claims_app, name="claims")

TABLE_COLUMNS = [
    "subject_key",
    "month",
    "low",
    "high",
    "qualifier",
    "unit",
    "interval",
    "claimant",
    "review",
    "disagrees_with",
]


@claims_app.command("compare")
def compare(
    subject_key: Annotated[
        str | None, typer.Argument(help="e.g. islamic-state/fighters/IRQ; default: every subject.")
    ] = None,
    disagreements: Annotated[
        bool, typer.Option("--disagreements", help="Only subjects with a contradiction.")
    ] = False,
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List a subject's claims over time and flag estimates that cannot both be right."""
    from sitroom.query.claims_compare import compare as run
    from sitroom.store import StoreError, reading

    try:
        with reading(db) as con:
            subjects = run(con, subject_key, only_disagreements=disagreements)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    if subject_key and not subjects[0]["claims"]:
        typer.echo(f"error: {subject_key}: no claims with this subject_key", err=True)
        raise typer.Exit(1)
    if fmt in (OutputFormat.json, OutputFormat.jsonl):
        emit(subjects, fmt)
        return
    rows = [{"subject_key": s["subject_key"], **c} for s in subjects for c in s["claims"]]
    emit(rows, fmt, TABLE_COLUMNS)
    flagged = sum(len(s["disagreements"]) for s in subjects)
    typer.echo(f"{len(subjects)} subjects, {len(rows)} claims, {flagged} disagreements", err=True)
