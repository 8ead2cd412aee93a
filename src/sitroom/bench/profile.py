"""Where the pipeline spends its time: a pyinstrument profile of one sitroom pass.

The HTML profile goes to the output folder; the printed hot spots are functions ranked by
their own time (code below them excluded) and sitroom functions by inclusive time, which
is where an optimisation would start.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

_WRAPPERS = (
    "sitroom/bench/",
    "sitroom/cli/",
    "sitroom/extract/pipeline.py",
    "sitroom/scale/parallel.py",
)


LEARNED_LAYER = "sitroom/extract/events/learned/"
"""The learned event layer's code: its inclusive time is reported on its own."""


def _walk(
    frame, parent: str, stack: tuple[str, ...], own: dict, inclusive: dict, in_learned: bool
) -> None:
    """Own time per function; pyinstrument's synthetic ``[self]`` leaves count for the
    function they sit under. Inclusive time only for pipeline code (not the bench or CLI
    wrappers around it), each function once per stack; the learned layer's time is the
    inclusive time of its outermost frames."""
    if frame.is_synthetic or frame.function == "[self]":
        own[parent] += frame.time
        return
    name = f"{frame.function} ({frame.file_path_short}:{frame.line_no})"
    children = list(frame.children)
    own[name] += frame.time - sum(c.time for c in children)
    path = frame.file_path or ""
    if name not in stack and "sitroom" in path and not any(w in path for w in _WRAPPERS):
        inclusive[name] += frame.time
    learned = LEARNED_LAYER in path
    if learned and not in_learned:
        inclusive[LEARNED_LAYER] += frame.time
    for child in children:
        _walk(child, name, (*stack, name), own, inclusive, in_learned or learned)


def profile(work: Callable[[], Any], out_dir: Path, top: int = 12) -> dict[str, Any]:
    """Run ``work`` under pyinstrument; write ``profile.html`` and return the hot spots."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.005)
    profiler.start()
    try:
        work()
    finally:
        profiler.stop()
    out_dir.mkdir(parents=True, exist_ok=True)
    html = out_dir / "profile.html"
    html.write_text(profiler.output_html(), encoding="utf-8")
    (out_dir / "profile.txt").write_text(
        profiler.output_text(unicode=False, color=False), encoding="utf-8"
    )
    own: dict[str, float] = defaultdict(float)
    inclusive: dict[str, float] = defaultdict(float)
    root = profiler.last_session.root_frame() if profiler.last_session else None
    total = root.time if root else 0.0
    if root is not None:
        _walk(root, "<root>", (), own, inclusive, False)
    learned = inclusive.pop(LEARNED_LAYER, 0.0)

    def ranked(table: dict[str, float]) -> list[dict[str, Any]]:
        best = sorted(table.items(), key=lambda kv: -kv[1])[:top]
        return [
            {"function": k, "seconds": round(v, 2), "share": round(v / total, 3) if total else 0.0}
            for k, v in best
        ]

    return {
        "file": str(html),
        "seconds": round(total, 2),
        "self_time": ranked(own),
        "sitroom_inclusive": ranked(inclusive),
        "learned_layer_seconds": round(learned, 2),
        "learned_layer_share": round(learned / total, 3) if total else 0.0,
    }
