"""The vocabulary every stage shares: plain dataclasses, defined once.

Data flows one way (source -> article -> parsed document -> extractions -> store ->
query/export). Each arrow carries one of these values, so a stage can be tested alone
by building its input by hand. Field names follow ``shared/spec/SCHEMA.md``: ``to_json``
is the output contract of ``sitroom extract --format jsonl``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Literal

MediaType = Literal["text/plain", "text/html", "record"]
"""How a raw document's ``body`` must be read: a page dump, an HTML page, or a record
whose ``body`` already is clean article text (JSONL, feed entries with text)."""


@dataclass(frozen=True)
class RawDocument:
    """One unit a reader found in an input: a page dump, a page, a record.

    ``source`` names where it came from (``path``, ``path#3`` for the third record,
    ``path#line:12``) so every later error and every stored row can point back to it.
    ``hints`` carries metadata the container already knows (a feed item's title, a WARC
    record's URL and date, a JSONL record's fields) and that segmentation must prefer over
    guessing.
    """

    source: str
    body: str
    media_type: MediaType
    hints: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadProblem:
    """An input that could not be read, or part of one. Never raised past the reader:
    the CLI prints ``source: reason`` and carries on with the other inputs."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


_SPACE = re.compile(r"\s+")


def content_key(title: str | None, text: str) -> str:
    """Stable article id: a hash of the normalised title and body.

    Normalising case and whitespace means the same story read from a dump, an HTML
    page or a feed gets the same id, so re-ingesting it adds nothing.
    """
    norm = _SPACE.sub(" ", f"{title or ''}\n{text}").strip().lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:20]


@dataclass
class Article:
    """A clean article: body text apart from title, summary bullets and captions."""

    id: str
    source: str
    text: str
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    dateline: str | None = None
    summary: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    url: str | None = None
    outlet: str | None = None
    site: str | None = None
    author: str | None = None
    language: str | None = None
    duplicate_of: str | None = None
    provenance: dict[str, Explanation] = field(default_factory=dict)
    """Which rule filled each metadata field: keys are field names (``title``,
    ``published``, ``dateline``, ``language``, ``summary:0``, ``captions:1`` …)."""

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Explanation:
    """Which rule or model produced a field, and how sure it was."""

    rule: str
    score: float = 1.0
    model: str | None = None
    features: dict[str, float] | None = None
    """For a model's choice: the features that most set it above the runner-up, with how
    much each added to its score."""


@dataclass
class Evidence:
    """A span of the article: offsets index ``text`` unless ``field`` names
    ``title``, ``summary:N`` or ``captions:N``."""

    start: int
    end: int
    text: str
    field: str | None = None


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str
    actor: str | None = None
    place: str | None = None
    field: str | None = None
    explanation: Explanation | None = None


@dataclass
class Role:
    """A dated role: ``country``/``sector`` hold from ``start`` to ``end`` (ISO dates,
    ``None`` = open). ``source`` says where the role is known from (a KB file row, or an
    article id with ``evidence`` when learned from text)."""

    country: str | None
    sector: str | None
    title: str | None = None
    start: str | None = None
    end: str | None = None
    source: str | None = None
    evidence: Evidence | None = None


@dataclass
class Actor:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = "unknown"  # person, state, organisation, armed_group, igo, group
    country: str | None = None
    sector: str | None = None
    roles: list[Role] = field(default_factory=list)
    ethnicity: str | None = None
    explanation: Explanation | None = None


@dataclass
class Place:
    id: str
    name: str
    feature_class: str | None = None
    feature_code: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    explanation: Explanation | None = None


@dataclass
class TimeExpr:
    start: int
    end: int
    text: str
    value: str | None
    precision: str
    type: str  # DATE, TIME, DURATION, SET
    timex: str | None
    field: str | None = None
    explanation: Explanation | None = None


@dataclass
class Participant:
    actor: str | None
    code: str | None
    sector: str | None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    explanation: Explanation | None = None


@dataclass
class Location:
    place: str | None
    text: str | None
    start: int | None = None
    end: int | None = None
    geo_precision: int | None = None
    field: str | None = None
    explanation: Explanation | None = None


@dataclass
class EventDate:
    value: str | None
    precision: str = "unknown"
    text: str | None = None
    start: int | None = None
    end: int | None = None
    time_precision: int | None = None
    explanation: Explanation | None = None


@dataclass
class Attribution:
    actor: str | None
    text: str | None
    start: int | None = None
    end: int | None = None
    explanation: Explanation | None = None


@dataclass
class Event:
    id: str
    type: str
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    quad: int | None = None
    cameo: str | None = None
    acled: dict[str, str] | None = None
    actors: list[Participant] = field(default_factory=list)
    recipients: list[Participant] = field(default_factory=list)
    location: Location | None = None
    date: EventDate = field(default_factory=lambda: EventDate(value=None))
    modality: str = "asserted"
    historical: bool = False
    reported_by: Attribution | None = None
    size: dict[str, int] = field(default_factory=dict)
    evidence: Evidence | None = None
    explanation: Explanation | None = None


@dataclass
class ClaimDate:
    value: str | None
    precision: str = "unknown"
    explanation: Explanation | None = None


@dataclass
class Claim:
    id: str
    subject: str
    subject_key: str
    actor: str | None = None
    measure: str = "count"
    low: float | int | None = None
    high: float | int | None = None
    unit: str | None = None
    qualifier: str = "exact"
    vague: bool = False
    places: list[str] = field(default_factory=list)
    claimant: Attribution | None = None
    date: ClaimDate = field(default_factory=lambda: ClaimDate(value=None))
    evidence: Evidence | None = None
    explanation: Explanation | None = None


@dataclass
class Extraction:
    """Everything sitroom extracts from one article: the SCHEMA.md record."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)
