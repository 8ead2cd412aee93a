"""The profile reports the learned event layer's time once per stack, however deep its
own calls nest."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sitroom.bench.profile import LEARNED_LAYER, _walk


@dataclass
class Frame:
    function: str
    file_path: str
    time: float
    children: list[Frame] = field(default_factory=list)
    line_no: int = 1
    is_synthetic: bool = False

    @property
    def file_path_short(self) -> str:
        return self.file_path.rsplit("/", 1)[-1]


def test_learned_layer_time_is_its_outermost_frames() -> None:
    heads = f"/x/{LEARNED_LAYER}heads.py"
    features = f"/x/{LEARNED_LAYER}features.py"
    inner = Frame("sentence_vector", features, 0.5)
    learned = Frame("roles", heads, 2.0, [inner])
    other = Frame("detect", "/x/sitroom/extract/events/detect.py", 3.0)
    later = Frame("type_scores", heads, 1.0)
    root = Frame("run", "/x/sitroom/extract/events/component.py", 6.0, [learned, other, later])
    own: dict[str, float] = defaultdict(float)
    inclusive: dict[str, float] = defaultdict(float)
    _walk(root, "<root>", (), own, inclusive, False)
    assert inclusive[LEARNED_LAYER] == 3.0
