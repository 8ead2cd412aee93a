"""``sitroom correct ...`` and ``sitroom corrections ...``: an analyst's audited edits.

Every edit records what changed (old -> new), ``--why``, when, and who (``--by`` or
SITROOM_OPERATOR). Edits apply to every listing, export and API answer from then on, and
survive ``sitroom reextract``. ``corrections export/import`` shares them as JSONL.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from sitroom.cli.app import app
from sitroom.cli.options import DEFAULT_DB, DbOption, FormatOption, OutputFormat
from sitroom.cli.output import emit

correct_app = typer.Typer(
    help="Correct extracted events, claims and actors (audited).", no_args_is_help=True
)
actor_app = typer.Typer(help="Merge, split or re-code actors.", no_args_is_help=True)
corrections_app = typer.Typer(help="List, export and import corrections.", no_args_is_help=True)
correct_app.add_typer(actor_app, name="actor")
app.add_typer(correct_app, name="correct")
app.add_typer(corrections_app, name="corrections")

WhyOption = Annotated[
    str | None,
    typer.Option("--why", help="Why the extraction was wrong (kept in the audit trail)."),
]
ByOption = Annotated[str | None, typer.Option("--by", help="Who corrects. Env: SITROOM_OPERATOR.")]
SetOption = Annotated[
    list[str] | None, typer.Option("--set", help="FIELD=VALUE; repeat for several fields.")
]
LIST_COLUMNS = [
    "seq",
    "made_at",
    "operator",
    "target_kind",
    "target_id",
    "field",
    "old",
    "new",
    "why",
]


Builder = Callable[[Any], Any]
"""Given the open store connection, makes one correction (inside ``_run``'s transaction)."""


def _run(db: Path, builders: list[Builder]) -> None:
    """Make the edits (one transaction) and print one line each; one-line errors, exit 1."""
    from sitroom.corrections import CorrectionError, make
    from sitroom.store import StoreError

    try:
        made = make(db, lambda con: [b(con) for b in builders])
    except (CorrectionError, StoreError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    for c in made:
        typer.echo(
            f"corrected {c.target_kind} {c.target_id}: {c.field} {c.old!r} -> {c.new!r} [{c.id}]"
        )


def _pairs(values: list[str] | None) -> list[tuple[str, str]]:
    out = []
    for item in values or []:
        field, sep, value = item.partition("=")
        if not sep or not field.strip():
            typer.echo(f"error: --set {item!r}: write FIELD=VALUE", err=True)
            raise typer.Exit(2)
        out.append((field.strip(), value))
    return out


def _record(
    kind: str,
    target: str,
    sets: list[str] | None,
    reject: bool,
    confirm: bool,
    why: str | None,
    by: str | None,
    db: Path,
) -> None:
    from sitroom.corrections import edits, operator

    who = operator(by)
    pairs = _pairs(sets)
    if sum([bool(pairs), reject, confirm]) != 1:
        typer.echo("error: give --set FIELD=VALUE, --reject or --confirm (one of them)", err=True)
        raise typer.Exit(2)
    setter = edits.event_set if kind == "event" else edits.claim_set

    def setting(field: str, value: str) -> Builder:
        return lambda con: setter(con, target, field, value, why, who)

    builders = [setting(f, v) for f, v in pairs]
    if reject or confirm:
        verdict = "reject" if reject else "confirm"
        builders = [lambda con: edits.review(con, kind, target, verdict, why, who)]
    _run(db, builders)


@correct_app.command("event")
def correct_event(
    event_id: Annotated[
        str, typer.Argument(help="Event id (as listed by the API, exports or `sitroom events`).")
    ],
    set_: SetOption = None,
    reject: Annotated[
        bool, typer.Option("--reject", help="Not a real event: hide it everywhere.")
    ] = False,
    confirm: Annotated[
        bool, typer.Option("--confirm", help="A human checked it against the source.")
    ] = False,
    why: WhyOption = None,
    by: ByOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Recode (type, mode, modality, date, place, actors, recipients), reject or confirm an
    event."""
    _record("event", event_id, set_, reject, confirm, why, by, db)


@correct_app.command("claim")
def correct_claim(
    claim_id: Annotated[str, typer.Argument(help="Claim id.")],
    set_: SetOption = None,
    reject: Annotated[
        bool, typer.Option("--reject", help="Not a real claim: hide it everywhere.")
    ] = False,
    confirm: Annotated[
        bool, typer.Option("--confirm", help="A human checked it against the source.")
    ] = False,
    why: WhyOption = None,
    by: ByOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Correct (low, high, qualifier, unit, subject_key, actor, claimant, date), reject or
    confirm a claim."""
    _record("claim", claim_id, set_, reject, confirm, why, by, db)


@actor_app.command("merge")
def actor_merge(
    actor: Annotated[str, typer.Argument(help="The actor id that goes away.")],
    into: Annotated[str, typer.Argument(help="The actor id it is the same as.")],
    why: WhyOption = None,
    by: ByOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """ACTOR and INTO are one real actor: count everything of ACTOR as INTO's."""
    from sitroom.corrections import edits, operator

    _run(db, [lambda con: edits.actor_merge(con, actor, into, why, operator(by))])


@actor_app.command("split")
def actor_split(
    actor: Annotated[str, typer.Argument(help="The actor id that was wrongly given.")],
    into: Annotated[str, typer.Option("--into", help="The actor id those mentions really are.")],
    article: Annotated[
        list[str], typer.Option("--article", help="An article where ACTOR is really INTO; repeat.")
    ],
    why: WhyOption = None,
    by: ByOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """In the given articles, ACTOR is another actor (INTO)."""
    from sitroom.corrections import edits, operator

    _run(db, [lambda con: edits.actor_split(con, actor, into, list(article), why, operator(by))])


@actor_app.command("role")
def actor_role(
    actor: Annotated[str, typer.Argument(help="Actor id.")],
    country: Annotated[
        str | None, typer.Option("--country", help="PLOVER country code, e.g. SYR.")
    ] = None,
    sector: Annotated[
        str | None, typer.Option("--sector", help="Sector code, e.g. GOV, MIL, REB.")
    ] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="First day the coding holds (YYYY-MM-DD).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Last day it holds (default: open).")
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="The role, e.g. 'transitional president'.")
    ] = None,
    why: WhyOption = None,
    by: ByOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Code ACTOR as COUNTRY/SECTOR from --from to --to in events and listings."""
    from sitroom.corrections import edits, operator

    _run(
        db,
        [
            lambda con: edits.actor_role(
                con, actor, country, sector, start, end, title, why, operator(by)
            )
        ],
    )


@corrections_app.command("list")
def corrections_list(
    kind: Annotated[str | None, typer.Option("--kind", help="event, claim or actor.")] = None,
    target: Annotated[str | None, typer.Option("--target", help="Only edits of this id.")] = None,
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The audit trail, oldest first."""
    from sitroom.corrections import list_corrections
    from sitroom.store import StoreError

    try:
        rows = list_corrections(db, kind, target)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    emit(rows, fmt, LIST_COLUMNS if fmt in (OutputFormat.table, OutputFormat.csv) else None)


@corrections_app.command("export")
def corrections_export(
    file: Annotated[Path, typer.Argument(help="JSONL file to write.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write every correction to FILE, one JSON object per line."""
    from sitroom.corrections import export_file
    from sitroom.store import StoreError

    try:
        n = export_file(db, file)
    except (StoreError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"exported: {n} corrections to {file}")


@corrections_app.command("import")
def corrections_import(
    file: Annotated[Path, typer.Argument(help="JSONL file from `sitroom corrections export`.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Add the corrections of FILE not stored yet (importing twice adds nothing)."""
    from sitroom.corrections import CorrectionError, import_file
    from sitroom.store import StoreError

    try:
        new, known = import_file(db, file)
    except (CorrectionError, StoreError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"imported: {new} new, {known} already stored")
