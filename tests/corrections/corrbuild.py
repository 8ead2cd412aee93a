"""Hand-built stores for the corrections tests (texts written for these tests).

A plain module with a name no other test folder uses, so test modules import it directly."""

from __future__ import annotations

from pathlib import Path

from sitroom.model import (
    Actor,
    Article,
    Attribution,
    Claim,
    ClaimDate,
    Event,
    EventDate,
    Evidence,
    Explanation,
    Extraction,
    Location,
    Participant,
    Place,
    content_key,
)
from sitroom.store import Store

WHY = Explanation(rule="test.hand-built", score=0.8)

STORY_A = (
    "Militia fighters attacked a checkpoint outside Rivertown on Monday, the provincial council "
    "said. The council said up to 300 fighters remain in the hills near the town."
)
STORY_B = (
    "The interior ministry said on Thursday that talks with the militia leaders had resumed in the "
    "capital. A ministry official said about 450 fighters were still active in the province."
)


def article(text: str, title: str, published: str, source: str) -> Article:
    return Article(
        id=content_key(title, text),
        source=source,
        text=text,
        title=title,
        published=published,
        language="en",
    )


def extraction_a(a: Article) -> Extraction:
    return Extraction(
        article=a,
        actors=[
            Actor(
                id="hill-militia",
                name="Hill Militia",
                aliases=["militia fighters"],
                kind="armed_group",
                country="IRQ",
                sector="REB",
                explanation=WHY,
            ),
            Actor(
                id="provincial-council",
                name="Provincial Council",
                kind="organisation",
                country="IRQ",
                sector="GOV",
                explanation=WHY,
            ),
        ],
        places=[
            Place(
                id="geonames:101",
                name="Rivertown",
                feature_class="P",
                country="IRQ",
                lat=33.4,
                lon=43.3,
                explanation=WHY,
            ),
            Place(
                id="geonames:102",
                name="Hilltown",
                feature_class="P",
                country="IRQ",
                lat=34.0,
                lon=44.0,
                explanation=WHY,
            ),
        ],
        events=[
            Event(
                id=f"{a.id}-e1",
                type="ASSAULT",
                quad=4,
                cameo="190",
                acled={"type": "Battles", "sub_type": "Armed clash"},
                actors=[
                    Participant(
                        "hill-militia", "IRQ", "REB", text="Militia fighters", start=0, end=16
                    )
                ],
                recipients=[],
                location=Location("geonames:101", "Rivertown", 45, 54, geo_precision=1),
                date=EventDate("2024-05-06", "day", "Monday", 58, 64),
                reported_by=Attribution("provincial-council", "the provincial council said"),
                evidence=Evidence(0, 97, a.text[0:97]),
                explanation=WHY,
            )
        ],
        claims=[
            Claim(
                id=f"{a.id}-c1",
                subject="fighters in the hills",
                subject_key="hill-militia/fighters/IRQ",
                actor="hill-militia",
                high=300,
                unit="fighters",
                qualifier="up_to",
                claimant=Attribution("provincial-council", "The council"),
                date=ClaimDate("2024-05-06", "day"),
                evidence=Evidence(98, 167, a.text[98:167]),
                explanation=WHY,
            )
        ],
    )


def extraction_b(b: Article) -> Extraction:
    return Extraction(
        article=b,
        actors=[
            Actor(
                id="militia-leaders",
                name="Militia Leaders",
                aliases=["the militia leaders"],
                kind="group",
                country="IRQ",
                sector="REB",
                explanation=WHY,
            ),
            Actor(
                id="interior-ministry",
                name="Interior Ministry",
                kind="organisation",
                country="IRQ",
                sector="GOV",
                explanation=WHY,
            ),
        ],
        events=[
            Event(
                id=f"{b.id}-e1",
                type="CONSULT",
                quad=1,
                cameo="040",
                acled={"type": "Strategic developments", "sub_type": "Agreement"},
                actors=[Participant("interior-ministry", "IRQ", "GOV")],
                recipients=[Participant("militia-leaders", "IRQ", "REB")],
                date=EventDate("2024-05-09", "day", "Thursday"),
                evidence=Evidence(0, 103, b.text[0:103]),
                explanation=WHY,
            )
        ],
        claims=[
            Claim(
                id=f"{b.id}-c1",
                subject="active fighters",
                subject_key="militia-leaders/fighters/IRQ",
                actor="militia-leaders",
                low=450,
                high=450,
                unit="fighters",
                qualifier="about",
                claimant=Attribution("interior-ministry", "A ministry official"),
                date=ClaimDate("2024-05-09", "day"),
                evidence=Evidence(104, 180, b.text[104:180]),
                explanation=WHY,
            )
        ],
    )


def build(path: Path) -> tuple[Article, Article]:
    """A store with two articles: an assault with a claim, and talks with another claim."""
    a = article(STORY_A, "Checkpoint attacked", "2024-05-07", "a.txt#1")
    b = article(STORY_B, "Talks resume", "2024-05-10", "b.txt#1")
    Store(path).write([extraction_a(a), extraction_b(b)])
    return a, b
