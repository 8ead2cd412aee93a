"""The evaluations ``sitroom eval`` knows. Each entry is a module exposing

    NAME: str                       # short name used by ``sitroom eval --only NAME``
    def run(shared: Path, limit: int | None = None) -> dict[str, float | int | str]

``run`` reads gold data under ``shared`` (the ../shared folder) and returns flat metrics
(figures as floats/ints). ``limit`` caps the number of documents for a quick run.
"""

EVALUATIONS: list[str] = [
    "sitroom.evaluate.attribution",
    "sitroom.evaluate.events",
    "sitroom.evaluate.geo",
    "sitroom.evaluate.html_eval",
    "sitroom.evaluate.ner",
    "sitroom.evaluate.seed",
    "sitroom.evaluate.timex",
]
