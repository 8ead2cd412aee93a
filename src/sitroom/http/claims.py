"""/api/claims: attributed numeric claims, and the same grouped by subject_key with each
subject's values over time (the claims tracker: "how many fighters are there?")."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from sitroom.http.deps import Connection, Paging, iso_day, paged
from sitroom.query import queries

router = APIRouter(prefix="/api/claims", tags=["claims"])

ActorQ = Annotated[
    str | None, Query(description="Actor the claim is about: id, name or any alias.")
]
SinceQ = Annotated[str | None, Query(description="First claim day, YYYY-MM-DD.")]
UntilQ = Annotated[str | None, Query(description="Last claim day, YYYY-MM-DD.")]
SourceQ = Annotated[str | None, Query(description="Outlet, site, or start of the input path.")]


@router.get("", summary="List claims, oldest first")
def list_claims(
    con: Connection,
    p: Paging,
    subject_key: Annotated[str | None, Query(description="e.g. islamic-state/fighters/IRQ")] = None,
    actor: ActorQ = None,
    claimant: Annotated[
        str | None, Query(description="Claimant actor id or the claimant text.")
    ] = None,
    place: Annotated[str | None, Query(description="A place id the claim covers.")] = None,
    since: SinceQ = None,
    until: UntilQ = None,
    source: SourceQ = None,
    article: Annotated[str | None, Query(description="Only this article's claims.")] = None,
) -> dict[str, Any]:
    query = queries.claims(
        subject_key=subject_key,
        actor=actor,
        claimant=claimant,
        place=place,
        article=article,
        since=iso_day(since, "since"),
        until=iso_day(until, "until"),
        source=source,
        limit=p.limit,
        offset=p.offset,
    )
    return paged(con, query, p)


@router.get("/subjects", summary="Claims grouped by subject_key, values over time")
def claim_subjects(
    con: Connection,
    p: Paging,
    q: Annotated[
        str | None, Query(max_length=200, description="Part of the subject key or label.")
    ] = None,
    actor: ActorQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    source: SourceQ = None,
    min_claims: Annotated[
        int, Query(ge=1, le=10_000, description="Subjects with at least this many claims.")
    ] = 1,
) -> dict[str, Any]:
    query = queries.claim_subjects(
        search=q,
        actor=actor,
        since=iso_day(since, "since"),
        until=iso_day(until, "until"),
        source=source,
        min_claims=min_claims,
        limit=p.limit,
        offset=p.offset,
    )
    return paged(con, query, p)
