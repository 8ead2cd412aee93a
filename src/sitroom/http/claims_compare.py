"""/api/claims/compare: a subject's claims over time with the estimates that contradict
(same scope and month, intervals that do not overlap; see ``sitroom.query.claims_compare``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from sitroom.http.deps import Connection
from sitroom.query.claims_compare import compare

router = APIRouter(prefix="/api/claims", tags=["claims"])


@router.get("/compare", summary="Claims compared per subject_key, with disagreements")
def compare_claims(
    con: Connection,
    subject_key: Annotated[
        str | None, Query(max_length=300, description="e.g. islamic-state/fighters/IRQ")
    ] = None,
    disagreements: Annotated[
        bool, Query(description="Only subjects with a contradiction.")
    ] = False,
) -> dict[str, Any]:
    items = compare(con, subject_key, only_disagreements=disagreements)
    return {"items": items, "total": len(items)}
