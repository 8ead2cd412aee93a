"""What an operator can set on the HTTP server; the defaults are the safe ones.

Read-only unless ``ingest_token`` is set; every limit is per process (one uvicorn worker
serves a store, so in-process state is the whole picture).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

INGEST_TOKEN_ENV = "SITROOM_INGEST_TOKEN"


@dataclass(frozen=True)
class ApiSettings:
    ingest_token: str | None = None
    """POST /api/ingest is refused unless this is set; requests must send it as a Bearer token."""
    max_body_bytes: int = 2 * 1024 * 1024
    """Larger request bodies get 413 before they are read whole."""
    rate_per_s: float = 50.0
    """Requests per second each client may sustain (token bucket refill rate)."""
    burst: int = 200
    """Requests a client may send at once before the rate applies (bucket size); a page
    load fetches a dozen assets and API calls together."""
    max_limit: int = 500
    """The largest page any list endpoint returns, whatever ``limit`` asks for."""
    default_limit: int = 50

    @classmethod
    def from_env(cls, **overrides: Any) -> ApiSettings:
        """Settings with the token from ``SITROOM_INGEST_TOKEN`` unless given explicitly;
        an empty token counts as none (an empty secret would let anyone in)."""
        token = overrides.pop("ingest_token", None) or os.environ.get(INGEST_TOKEN_ENV) or None
        return cls(ingest_token=token, **{k: v for k, v in overrides.items() if v is not None})
