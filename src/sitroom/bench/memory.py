"""Resident memory of this process and its workers, read from ``/proc`` (Linux) and
``getrusage``, so the benchmark needs no extra dependency to report RSS; and the slope
that says whether a stream's memory stays flat."""

from __future__ import annotations

import math
import multiprocessing
import resource
import statistics
from pathlib import Path


def _status_kb(pid: int | str, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except OSError:
        pass  # the worker just exited: it holds no memory any more
    return 0


def _tree(field: str) -> float:
    pids: list[int | str] = ["self", *(p.pid for p in multiprocessing.active_children() if p.pid)]
    return round(sum(_status_kb(p, field) for p in pids) / 1024, 1)


def current_rss_mb() -> float:
    """This process plus its live worker processes, now."""
    return _tree("VmRSS:")


def high_water_rss_mb() -> float:
    """The sum of the peak RSS of this process and of each live worker (``VmHWM``): an
    upper bound of the tree's peak that also catches peaks between two samples."""
    return _tree("VmHWM:")


def peak_rss_mb() -> float:
    """Peak RSS of this process so far (``getrusage`` keeps the high-water mark)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(own / 1024, 1)


def peak_children_rss_mb() -> float:
    """Peak RSS of the largest worker process that has finished (0 without workers)."""
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


def _points(samples: list[dict[str, float]]) -> tuple[list[float], list[float]]:
    """The samples as (articles, rss_mb) coordinates for a least-squares fit."""
    return [s["articles"] for s in samples], [s["rss_mb"] for s in samples]


def slope_mb_per_1000(samples: list[dict[str, float]]) -> float:
    """Least-squares slope of ``rss_mb`` against ``articles``, in MB per 1,000 articles
    (0 with fewer than two distinct sample points)."""
    xs, ys = _points(samples)
    if len(set(xs)) < 2:
        return 0.0
    return round(statistics.linear_regression(xs, ys).slope * 1000, 2)


def slope_error_mb_per_1000(samples: list[dict[str, float]]) -> float:
    """Standard error of that slope, in MB per 1,000 articles: batches of long and short
    documents swing RSS by tens of MB, so a slope means little without it (0 with fewer
    than three distinct sample points)."""
    xs, ys = _points(samples)
    if len(set(xs)) < 3:
        return 0.0
    fit = statistics.linear_regression(xs, ys)
    residuals = sum((y - (fit.slope * x + fit.intercept)) ** 2 for x, y in zip(xs, ys, strict=True))
    mean_x = statistics.fmean(xs)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return round(math.sqrt(residuals / (len(xs) - 2) / spread) * 1000, 2)
