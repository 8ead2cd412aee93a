"""The evaluations ``sitroom eval`` knows, imported by name in code (never looked up from
strings at run time). Each is a module exposing

    NAME: str                       # short name used by ``sitroom eval --only NAME``
    def run(shared: Path, limit: int | None = None) -> dict[str, float | int | str]

``run`` reads gold data under ``shared`` (the ../shared folder) and returns flat metrics
(figures as floats/ints). ``limit`` caps the number of documents for a quick run.
"""

from __future__ import annotations

from types import ModuleType

from sitroom.evaluate import actors, attribution, events, geo, html_eval, ner, seed, timex

EVALUATIONS: tuple[ModuleType, ...] = (
    actors,
    attribution,
    events,
    geo,
    html_eval,
    ner,
    seed,
    timex,
)
