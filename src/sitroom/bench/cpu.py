"""CPU seconds used by this process and its finished workers.

Wall-clock throughput moves with whatever else the machine runs; CPU time much less so.
The benchmark reports both, and a ratio to bare spaCy from each, so a run on a busy laptop
still says how sitroom's cost compares with the model's.
"""

from __future__ import annotations

import os


def cpu_seconds() -> float:
    """User + system time of this process and of every child it has waited for (pool and
    spaCy workers are joined when their stage ends, so a stage's difference includes them)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system
