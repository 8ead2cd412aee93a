"""Routes for the web page: ``/`` (index.html), ``/static/`` (this package's files) and
``/vendor/`` (the browser libraries npm installed, listed one by one in vendor.json).

Both file routes look names up in a fixed table built at start-up, never joining a
request path onto a directory, so no path can climb out (``../``) or reach a file not
listed.

A missing file is a plain ``HTTPException``: the app that mounts these routes turns it
into its own error document, so this package never needs to know that format.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import os
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, Response

log = logging.getLogger("sitroom.web")

STATIC_DIR = Path(__file__).resolve().parent / "static"
VENDOR_TABLE = Path(__file__).resolve().parent / "vendor.json"
NODE_MODULES_ENV = "SITROOM_NODE_MODULES"
_TYPES = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".html": "text/html",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}

router = APIRouter(include_in_schema=False)


def node_modules() -> Path | None:
    """Where npm installed the libraries: $SITROOM_NODE_MODULES, else the nearest
    ``node_modules`` above this package (the repository root in a checkout), else the
    working directory's."""
    if env := os.environ.get(NODE_MODULES_ENV):
        return Path(env)
    for parent in Path(__file__).resolve().parents:
        if (parent / "node_modules" / "leaflet").is_dir():
            return parent / "node_modules"
    here = Path.cwd() / "node_modules"
    return here if here.is_dir() else None


@lru_cache(maxsize=1)
def static_files() -> dict[str, Path]:
    return {p.relative_to(STATIC_DIR).as_posix(): p for p in STATIC_DIR.rglob("*") if p.is_file()}


@lru_cache(maxsize=1)
def vendor_files() -> dict[str, Path]:
    table = {k: v for k, v in json.loads(VENDOR_TABLE.read_text()).items() if not k.startswith("_")}
    root = node_modules()
    if root is None:
        log.warning(
            "node_modules not found: the map libraries are missing (run scripts/setup-env.sh)"
        )
        return {}
    return {name: root / rel for name, rel in table.items()}


def _file(path: Path | None, name: str) -> FileResponse:
    if path is None or not path.is_file():
        raise HTTPException(404, f"no such file: {name}")
    media = (
        _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    )
    return FileResponse(path, media_type=media, headers={"Cache-Control": "no-cache"})


@router.get("/")
def index() -> Response:
    return _file(static_files().get("index.html"), "index.html")


@router.get("/static/{name:path}")
def static(name: str) -> Response:
    return _file(static_files().get(name), name)


@router.get("/vendor/{name:path}")
def vendor(name: str) -> Response:
    return _file(vendor_files().get(name), name)
