"""Every error leaves the server as ``{"error": {"code", "message"}}`` with its status,
never as a traceback: clients branch on ``code``, people read ``message``."""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitroom.store import StoreBusy, StoreError

log = logging.getLogger("sitroom.http")

_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    """Raised by route code for an expected failure with a status, a code and a message."""

    def __init__(
        self,
        status: int,
        message: str,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _STATUS_CODES.get(status, "error")
        self.message = message
        self.headers = headers


def error_response(
    status: int, message: str, code: str | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code or _STATUS_CODES.get(status, "error"), "message": message}},
        status_code=status,
        headers=headers,
    )


def _validation_message(exc: RequestValidationError) -> str:
    """The first problem as one line naming the parameter: ``limit: Input should be ...``."""
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        return f"{where or 'request'}: {err.get('msg', 'invalid value')}"
    return "invalid request"


def _http_message(request: Request, exc: StarletteHTTPException) -> str:
    """The routing's own 404 names the path asked for; a 404 raised with a message of its
    own (the web routes' ``no such file``) keeps that message."""
    if exc.status_code == 404 and (
        not isinstance(exc.detail, str) or exc.detail == HTTPStatus.NOT_FOUND.phrase
    ):
        return f"no such resource: {request.url.path}"
    return exc.detail if isinstance(exc.detail, str) else str(exc.detail)


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message, exc.code, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(400, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error_response(
            exc.status_code, _http_message(request, exc), headers=getattr(exc, "headers", None)
        )

    @app.exception_handler(StoreBusy)
    async def _busy(request: Request, exc: StoreBusy) -> JSONResponse:
        return error_response(
            503,
            "the store is busy with a long write; retry shortly",
            "store_busy",
            {"Retry-After": "5"},
        )

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> JSONResponse:
        log.error("store error: %s", exc)
        return error_response(
            503, "the store cannot be read: " + str(exc).split(": ", 1)[-1], "store_unavailable"
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error(
            "unexpected error on %s %s: %s: %s",
            request.method,
            request.url.path,
            type(exc).__name__,
            exc,
        )
        return error_response(500, "internal error; the server log has the details")
