"""The HTTP API (FastAPI, served by uvicorn through ``sitroom serve``)."""

from sitroom.api.app import create_app
from sitroom.api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
