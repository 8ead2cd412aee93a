"""Resident memory of this process and its workers, read from ``/proc`` (Linux) and
``getrusage``, so the benchmark needs no extra dependency to report RSS."""

from __future__ import annotations

import multiprocessing
import resource
from pathlib import Path


def _rss_kb(pid: int | str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass  # the worker just exited: it holds no memory any more
    return 0


def current_rss_mb() -> float:
    """This process plus its live worker processes, now."""
    kb = _rss_kb("self") + sum(_rss_kb(p.pid) for p in multiprocessing.active_children() if p.pid)
    return round(kb / 1024, 1)


def peak_rss_mb() -> float:
    """Peak RSS of this process so far (``getrusage`` keeps the high-water mark)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(own / 1024, 1)


def peak_children_rss_mb() -> float:
    """Peak RSS of the largest worker process that has finished (0 without workers)."""
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
