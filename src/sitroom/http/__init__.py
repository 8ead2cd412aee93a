"""The HTTP API (FastAPI, served by uvicorn through ``sitroom serve``)."""

from sitroom.http.app import create_app
from sitroom.http.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
