"""/api/corrections: the audit trail (GET, open like every read) and new corrections
(POST, only with the operator's token, as ingest: ``Authorization: Bearer <token>``).

A POST is one analyst action, the same as one ``sitroom correct`` command; the answer
lists the edits stored. A refused correction (unknown id, bad value) is a 400 naming why.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from sitroom.corrections import CorrectionError, edits, journal, make, operator
from sitroom.http.deps import Connection
from sitroom.http.errors import ApiError
from sitroom.http.ingest import check_token

router = APIRouter(prefix="/api/corrections", tags=["corrections"])


class CorrectionRequest(BaseModel):
    """One correction. ``set`` for events/claims (field -> value, e.g. ``{"type": "ACCUSE"}``);
    ``action`` reject/confirm; for actors merge (``into``), split (``into`` + ``articles``)
    or role (``country``, ``sector``, ``start``, ``end``, ``title``)."""

    kind: Literal["event", "claim", "actor"]
    id: str = Field(min_length=1, max_length=200)
    action: Literal["set", "reject", "confirm", "merge", "split", "role"] = "set"
    set: dict[str, str] = Field(default_factory=dict, max_length=20)
    why: str | None = Field(default=None, max_length=2000)
    by: str | None = Field(default=None, max_length=200)
    into: str | None = Field(default=None, max_length=200)
    articles: list[str] = Field(default_factory=list, max_length=1000)
    country: str | None = Field(default=None, max_length=8)
    sector: str | None = Field(default=None, max_length=8)
    start: str | None = Field(default=None, max_length=10)
    end: str | None = Field(default=None, max_length=10)
    title: str | None = Field(default=None, max_length=200)


def _builders(r: CorrectionRequest) -> list:
    by = operator(r.by)
    if r.kind in ("event", "claim"):
        if r.action in ("reject", "confirm"):
            return [lambda con: edits.review(con, r.kind, r.id, r.action, r.why, by)]
        if r.action != "set" or not r.set:
            raise ApiError(400, f"{r.kind}: give set {{field: value}}, or action reject/confirm")
        setter = edits.event_set if r.kind == "event" else edits.claim_set
        return [lambda con, f=f, v=v: setter(con, r.id, f, v, r.why, by) for f, v in r.set.items()]
    if r.action == "merge" and r.into:
        return [lambda con: edits.actor_merge(con, r.id, r.into, r.why, by)]
    if r.action == "split" and r.into:
        return [lambda con: edits.actor_split(con, r.id, r.into, r.articles, r.why, by)]
    if r.action == "role":
        return [
            lambda con: edits.actor_role(
                con, r.id, r.country, r.sector, r.start, r.end, r.title, r.why, by
            )
        ]
    raise ApiError(400, "actor: action merge or split (with into) or role (with country/sector)")


@router.get("", summary="The corrections made, oldest first")
def list_corrections(
    con: Connection,
    kind: Annotated[
        Literal["event", "claim", "actor"] | None, Query(description="event, claim or actor.")
    ] = None,
    target: Annotated[
        str | None, Query(max_length=200, description="Only edits of this id.")
    ] = None,
) -> dict[str, Any]:
    items = journal.rows(con, kind, target)
    return {"items": items, "total": len(items)}


@router.post("", summary="Correct an event, claim or actor (token required)")
async def post_correction(
    request: Request,
    body: CorrectionRequest,
    authorization: Annotated[str | None, Header(description="Bearer <ingest token>")] = None,
) -> dict[str, Any]:
    check_token(request.app.state.settings.ingest_token, authorization)
    builders = _builders(body)

    def store() -> list[dict[str, Any]]:
        try:
            return [
                c.to_json()
                for c in make(request.app.state.db_path, lambda con: [b(con) for b in builders])
            ]
        except CorrectionError as exc:
            raise ApiError(400, str(exc)) from None

    made = await run_in_threadpool(store)
    return {"items": made, "total": len(made)}
