"""The per-component breakdown and the CPU-time figures that point at what to optimise."""

from __future__ import annotations

from sitroom.bench.components import component_seconds
from sitroom.bench.cpu import cpu_seconds
from sitroom.extract.pipeline import get_nlp
from sitroom.model import Article

TEXTS = [
    "Rebels shelled the northern town of Idlib on Monday, the ministry said.",
    "The two ministers met in Amman to discuss aid convoys, officials told reporters on Tuesday.",
]


def test_every_component_is_timed_once_and_shares_add_up():
    articles = [Article(id=f"t{n}", source="test", text=text) for n, text in enumerate(TEXTS)]
    found = component_seconds(articles, batch_size=2)
    assert list(found["seconds"]) == ["make_doc", *get_nlp().pipe_names]
    assert found["articles"] == 2 and found["words"] == sum(len(t.split()) for t in TEXTS)
    assert abs(sum(found["share"].values()) - 1) < 0.01
    assert 0 < found["sitroom_components_share"] < 1


def test_cpu_seconds_grow_with_work():
    before = cpu_seconds()
    sum(i * i for i in range(2_000_000))
    assert cpu_seconds() > before
