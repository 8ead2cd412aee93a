"""Settings and helpers shared by the fuzz tests (a module of its own, not a conftest:
``from conftest import`` picks whichever test folder's conftest Python imported first).
The example count comes from ``SITROOM_FUZZ_EXAMPLES`` (``make fuzz`` sets 20000; CI
keeps the small default)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("SITROOM_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
HERE = Path(__file__).parent


def limited(address_space: int):
    """``preexec_fn`` capping the child's address space: unbounded memory becomes a
    MemoryError in the child instead of a machine swapping."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))

    return apply


def python(script: Path, *args: str, address_space: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(script), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=limited(address_space),
    )
