"""The evaluations ``sitroom eval`` knows, imported by name in code (never looked up from
strings at run time). Each is a module exposing

    NAME: str                       # short name used by ``sitroom eval --only NAME``
    def run(shared: Path, limit: int | None = None) -> dict[str, float | int | str]

``run`` reads gold data under ``shared`` (the ../shared folder) and returns flat metrics
(figures as floats/ints). ``limit`` caps the number of documents for a quick run.

``ALSO_SELECTS`` names the evaluations a name of ``--only`` brings along: the GED place
figures (``ged``) score the same geocoding as ``geo``, on another set, so ``--only geo``
prints both, each under its own name.
"""

from __future__ import annotations

from types import ModuleType

from sitroom.evaluate import actors, attribution, events, ged, geo, html_eval, ner, seed, timex

EVALUATIONS: tuple[ModuleType, ...] = (
    actors,
    attribution,
    events,
    geo,
    ged,
    html_eval,
    ner,
    seed,
    timex,
)
ALSO_SELECTS: dict[str, tuple[str, ...]] = {"geo": ("ged",)}


def selected(only: list[str] | None) -> list[ModuleType]:
    """The evaluations ``--only`` asks for (every one without it), in registry order."""
    if not only:
        return list(EVALUATIONS)
    names = set(only).union(*(ALSO_SELECTS.get(name, ()) for name in only))
    return [module for module in EVALUATIONS if module.NAME in names]
