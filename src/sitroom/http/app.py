"""The ASGI app: API route groups (routers.py), the web page, limits, headers, errors.

Interactive docs pages are off: FastAPI's load their scripts from a CDN, and the page
works offline. The OpenAPI document is served at /api/openapi.json and checked in as
docs/openapi.json.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from sitroom.http import errors
from sitroom.http.limits import BodyLimit, RateLimit, SecurityHeaders
from sitroom.http.routers import ROUTERS
from sitroom.http.settings import ApiSettings
from sitroom.version import __version__
from sitroom.web.serve import router as web_router

DESCRIPTION = (
    "Read-only access to a sitroom store: articles, PLOVER events, actors, places and attributed "
    "numeric claims, each with provenance (article id and character offsets of the evidence). "
    'Errors are `{"error": {"code", "message"}}`. See docs/api.md.'
)


def create_app(db_path: Path | str, settings: ApiSettings | None = None) -> FastAPI:
    settings = settings or ApiSettings()
    app = FastAPI(
        title="sitroom",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.db_path = Path(db_path)
    app.state.settings = settings
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)
    app.include_router(web_router)
    # add_middleware wraps: the last added runs first, so headers go on every answer,
    # including the 429s and 413s the inner two send.
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RateLimit, rate=settings.rate_per_s, burst=settings.burst)
    app.add_middleware(SecurityHeaders)
    return app
