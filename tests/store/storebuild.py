"""Hand-built articles and extractions for the store tests (text written for these tests).

A plain module, not ``conftest``, so test modules and the worker process can import it by a
name no other folder uses."""

from __future__ import annotations

import random

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
    Mention,
    Participant,
    Place,
    Role,
    TimeExpr,
    content_key,
)

BASE_STORY = (
    "Officials in the provincial capital said on Tuesday that a convoy carrying relief supplies "
    "reached three villages east of the river after a week of delays caused by damaged roads. "
    "Local council members told reporters the shipment included flour, cooking oil and medicine "
    "for about two thousand families. A spokesman for the governor added that engineers would "
    "begin repairing the main bridge next month, and that a second convoy was planned once the "
    "weather improved. Residents described long queues at the distribution point but said the "
    "handover had been orderly and calm throughout the afternoon."
)

VOCABULARY = (
    "council minister border talks convoy drone ceasefire ministry parliament province militia "
    "budget harbour refinery election protest delegation envoy airport tribe pipeline checkpoint "
    "summit treaty grain bridge valley army police court prison camp school clinic market storm "
    "river desert mountain village capital"
).split()


def article(
    text: str,
    title: str = "A headline",
    published: str | None = "2024-05-07",
    language: str | None = "en",
    source: str = "fixture.txt#1",
) -> Article:
    return Article(
        id=content_key(title, text),
        source=source,
        text=text,
        title=title,
        published=published,
        language=language,
    )


def word_salad(seed: int, words: int = 120) -> str:
    """A distinct body per seed: unrelated texts must never look like near-duplicates."""
    rng = random.Random(seed)
    return " ".join(rng.choice(VOCABULARY) + str(rng.randrange(1000)) for _ in range(words)) + "."


def full_extraction(a: Article) -> Extraction:
    """Every part of the SCHEMA.md record filled, with offsets into ``a.text``."""
    why = Explanation(rule="test.hand-built", score=0.75)
    return Extraction(
        article=a,
        mentions=[
            Mention(0, 9, a.text[0:9], "NORP", actor="officials", explanation=why),
            Mention(20, 28, a.text[20:28], "GPE", place="geonames:99", field=None, explanation=why),
        ],
        actors=[
            Actor(
                id="relief-agency",
                name="Relief Agency",
                aliases=["the agency", "RA"],
                kind="organisation",
                country="IRQ",
                sector="NGO",
                ethnicity=None,
                explanation=why,
                roles=[
                    Role(
                        "IRQ",
                        "NGO",
                        title="aid body",
                        start="2020-01-01",
                        end=None,
                        source=a.id,
                        evidence=Evidence(0, 9, a.text[0:9]),
                    )
                ],
            ),
            Actor(
                id="provincial-council",
                name="Provincial Council",
                aliases=["council"],
                kind="organisation",
                country="IRQ",
                sector="GOV",
                explanation=why,
            ),
        ],
        places=[
            Place(
                id="geonames:99",
                name="Rivertown",
                feature_class="P",
                feature_code="PPLA",
                country="IRQ",
                admin1="Anbar",
                lat=33.4,
                lon=43.3,
                population=50000,
                explanation=why,
            )
        ],
        times=[
            TimeExpr(42, 49, "Tuesday", "2024-05-07", "day", "DATE", "2024-05-07", explanation=why)
        ],
        events=[
            Event(
                id=f"{a.id}-e1",
                type="AID",
                mode="humanitarian",
                contexts=["humanitarian"],
                quad=2,
                cameo="073",
                acled={"type": "Strategic developments", "sub_type": "Other"},
                actors=[
                    Participant(
                        "relief-agency",
                        "IRQ",
                        "NGO",
                        text="a convoy",
                        start=60,
                        end=68,
                        explanation=why,
                    )
                ],
                recipients=[Participant("provincial-council", "IRQ", "GOV")],
                location=Location(
                    "geonames:99", "Rivertown", 20, 28, geo_precision=1, explanation=why
                ),
                date=EventDate(
                    "2024-05-07", "day", "Tuesday", 42, 49, time_precision=1, explanation=why
                ),
                modality="asserted",
                historical=False,
                reported_by=Attribution("officials", "Officials ... said", 0, 40, explanation=why),
                size={"families": 2000},
                evidence=Evidence(0, 120, a.text[0:120]),
                explanation=why,
            ),
            Event(
                id=f"{a.id}-e2",
                type="ENGAGE",
                modality="planned",
                actors=[Participant("provincial-council", "IRQ", "GOV")],
                explanation=why,
            ),
        ],
        claims=[
            Claim(
                id=f"{a.id}-c1",
                subject="families receiving aid",
                subject_key="relief-agency/families/IRQ",
                actor="relief-agency",
                low=2000,
                high=2000,
                unit="families",
                qualifier="about",
                vague=False,
                places=["geonames:99"],
                claimant=Attribution("provincial-council", "Local council members"),
                date=ClaimDate("2024-05", "month", explanation=why),
                evidence=Evidence(200, 260, a.text[200:260]),
                explanation=why,
            )
        ],
    )
