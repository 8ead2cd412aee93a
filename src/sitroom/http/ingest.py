"""POST /api/ingest: JSON Lines records in, stored and coded like ``sitroom ingest``.

Off unless the operator sets a token (``--ingest-token`` or SITROOM_INGEST_TOKEN); the
request must carry it as ``Authorization: Bearer <token>``, compared in constant time so
response timing leaks nothing about it. One ingest runs at a time in this process; the
store's own lock serialises it with ingests in other processes.
"""

from __future__ import annotations

import hmac
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request
from starlette.concurrency import run_in_threadpool

from sitroom.http.errors import ApiError
from sitroom.ingest import ingest_articles
from sitroom.model import Article, ReadProblem
from sitroom.store import Store

router = APIRouter(prefix="/api", tags=["ingest"])

_one_at_a_time = threading.Lock()


def check_token(expected: str | None, authorization: str | None) -> None:
    if not expected:
        raise ApiError(
            403,
            "ingest over HTTP is off: the operator has not set an ingest token",
            "ingest_disabled",
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), expected.encode()
    ):
        raise ApiError(
            401,
            "missing or wrong ingest token (send Authorization: Bearer <token>)",
            headers={"WWW-Authenticate": "Bearer"},
        )


def parse_records(body: bytes) -> tuple[list[Article], list[str]]:
    """Articles from the JSONL body, and one problem line per record that gave none."""
    from sitroom.articles.segment import ArticleError, to_articles
    from sitroom.sources.jsonl import record_document
    from sitroom.sources.opening import InputError

    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, f"body is not UTF-8 (byte {exc.start})") from None
    articles: list[Article] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"api:ingest#{number}"
        try:
            articles.extend(to_articles(record_document(line, source)))
        except (InputError, ArticleError) as exc:
            problems.append(str(ReadProblem(source, str(exc))))
    if not articles and not problems:
        raise ApiError(400, "empty body: send one JSON record per line")
    return articles, problems


@router.post(
    "/ingest",
    summary="Ingest JSON Lines records (token required)",
    description='Body: one `{"text", "title"?, "published"?, "url"?, "outlet"?, "id"?}` record '
    "per line (the JSONL input of SCHEMA.md). Re-sending stored content adds nothing.",
)
async def ingest(
    request: Request,
    authorization: Annotated[str | None, Header(description="Bearer <ingest token>")] = None,
) -> dict[str, Any]:
    check_token(request.app.state.settings.ingest_token, authorization)
    body = await request.body()
    articles, problems = parse_records(body)
    return await run_in_threadpool(_store, request.app.state.db_path, articles, problems)


def _store(db_path: Any, articles: list[Article], problems: list[str]) -> dict[str, Any]:
    unreadable = len(problems)
    with _one_at_a_time:
        totals = ingest_articles(Store(db_path), articles, on_problem=problems.append)
    return {
        "new": totals.new,
        "duplicate": totals.duplicate,
        "near_duplicate": totals.near_duplicate,
        "not_coded": totals.not_coded,
        "failed": unreadable + totals.failed,
        "stored_ids": totals.stored_ids,
        "problems": problems,
    }
