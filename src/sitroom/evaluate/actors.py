"""Actor coding: country and sector of names written from public role facts.

``data/actor_facts.csv`` lists heads of state and government, ministers, parties, IGOs,
armed groups, de facto states, states, demonyms and "demonym + title" mentions, each with
the country and sector it should code to on a date (an empty sector means none: a state or
most IGOs). The rows were written for sitroom from public role facts, not taken from any
test set, and the actor base is built from its sources without looking at them.

Each name goes through ``code_mention``, the one path ``sitroom actors resolve`` and the
pipeline share. Figures: the answer rate (a name coded at all) and country and sector
accuracy over all rows (no answer counts as wrong), per kind and per half of the fixed
split (``half_of(name)``, the project's sha1 split): KB cleaning was judged on ``tune``
errors only, so ``report`` is the honest figure. ``pipeline_*`` figures run every name
through the whole pipeline in a sentence written for it and compare the coded actor.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sitroom.evaluate.events import half_of
from sitroom.extract import extract_articles
from sitroom.extract.actors.mention import code_mention
from sitroom.kb.actors.names import norm_alias
from sitroom.model import Article

NAME = "actors"
FACTS = Path(__file__).resolve().parent / "data" / "actor_facts.csv"
KINDS = ("person", "party", "igo", "armed_group", "state")
SPLIT = "sha1(name)[0] % 2: even = tune, odd = report"
TEMPLATE = "On Monday, {name} said the talks would go on."


@dataclass(frozen=True)
class Fact:
    name: str
    kind: str
    country: str
    sector: str | None
    date: str | None


@dataclass(frozen=True)
class Outcome:
    fact: Fact
    answered: bool
    country: str | None
    sector: str | None
    actor: str | None

    @property
    def country_ok(self) -> bool:
        return self.answered and self.country == self.fact.country

    @property
    def sector_ok(self) -> bool:
        return self.answered and self.sector == self.fact.sector


def read_facts(path: Path = FACTS) -> list[Fact]:
    """The fact rows; a malformed file stops with its name and the reason."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    facts = []
    for n, row in enumerate(rows, start=2):
        if row.get("kind") not in KINDS or not row.get("name") or not row.get("country"):
            raise ValueError(f"{path}:{n}: needs name, country and a kind among {KINDS}")
        facts.append(
            Fact(
                row["name"], row["kind"], row["country"], row["sector"] or None, row["date"] or None
            )
        )
    return facts


def code_fact(fact: Fact) -> Outcome:
    coded = code_mention(fact.name, fact.date)
    if coded is None:
        return Outcome(fact, False, None, None, None)
    return Outcome(fact, True, coded.country, coded.sector, coded.actor.id)


def _figures(prefix: str, outcomes: list[Outcome]) -> dict[str, float | int | str]:
    n = len(outcomes)
    if not n:
        return {}
    return {
        f"{prefix}_n": n,
        f"{prefix}_answered": round(sum(o.answered for o in outcomes) / n, 3),
        f"{prefix}_country": round(sum(o.country_ok for o in outcomes) / n, 3),
        f"{prefix}_sector": round(sum(o.sector_ok for o in outcomes) / n, 3),
    }


def score(facts: list[Fact]) -> tuple[dict[str, float | int | str], list[Outcome]]:
    outcomes = [code_fact(f) for f in facts]
    figures: dict[str, float | int | str] = {"actors_split": SPLIT}
    figures.update(_figures("all", outcomes))
    by_half: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_half[half_of(o.fact.name)].append(o)
    for half in ("tune", "report"):
        figures.update(_figures(half, by_half[half]))
        for kind in KINDS:
            figures.update(
                _figures(f"{half}_{kind}", [o for o in by_half[half] if o.fact.kind == kind])
            )
    return figures, outcomes


def pipeline_agreement(outcomes: list[Outcome]) -> dict[str, float | int | str]:
    """Each name in a sentence written for it ("On Monday, NAME said ...") through the whole
    pipeline: the share of names it tags as a mention, and of those the share whose actor
    and code on the fact's date are the ones ``code_mention`` gives (a name neither
    knows agrees when the pipeline leaves it uncoded)."""
    articles = [
        Article(
            id=f"fact-{n}",
            source="actor-facts",
            text=TEMPLATE.format(name=o.fact.name),
            published=o.fact.date,
        )
        for n, o in enumerate(outcomes)
    ]
    tagged = agree = 0
    for outcome, ext in zip(outcomes, extract_articles(articles), strict=True):
        wanted = norm_alias(outcome.fact.name)
        ids = {m.actor for m in ext.mentions if norm_alias(m.text) == wanted}
        if not ids:
            continue
        tagged += 1
        actors = {a.id: a for a in ext.actors}
        found = actors.get(next(iter(ids)) or "")
        code = (found.country, found.sector) if found is not None else (None, None)
        # a name neither knows: resolve refuses it, the pipeline keeps it uncoded
        unknown = outcome.actor is None and (found is None or found.country is None)
        same_actor = found is not None and found.id == outcome.actor
        agree += (
            len(ids) == 1 and code == (outcome.country, outcome.sector) and (same_actor or unknown)
        )
    n = len(outcomes)
    return {
        "pipeline_tagged": round(tagged / n, 3) if n else 0.0,
        "pipeline_agrees": round(agree / tagged, 3) if tagged else 0.0,
    }


def run(shared: Path, limit: int | None = None) -> dict[str, float | int | str]:
    """``shared`` is unused: the facts ship with sitroom; ``limit`` caps the rows."""
    facts = read_facts()
    figures, outcomes = score(facts[:limit] if limit else facts)
    figures.update(pipeline_agreement(outcomes))
    return figures
