"""sitroom.bench: throughput, memory and query-latency figures for ``sitroom bench``."""

from pathlib import Path

DEFAULT_SHARED = Path("..") / "shared"
"""The shared folder holding gold/, by path from the repository root (its texts are read
there, never copied)."""
