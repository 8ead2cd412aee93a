"""The pipeline follows the shipped config.cfg, spaCy finds every component's requirement
met, the factories are published as spaCy entry points, and events fails loudly when the
components it reads from are missing."""

from __future__ import annotations

import importlib.metadata

import pytest
from spacy.language import Language

from sitroom.extract.common.doc_extensions import MissingProviderError
from sitroom.extract.pipeline import FACTORIES, build_nlp, get_nlp, load_config
from sitroom.model import Article, Extraction

TEXT = "Gunmen killed 5 villagers in northeast Syria on Sunday, the UN said."


def test_pipeline_order_is_the_configs():
    assert get_nlp().pipe_names == list(load_config()["nlp"]["pipeline"])


def test_analyze_pipes_finds_no_problems():
    analysis = get_nlp().analyze_pipes(pretty=True)
    assert analysis["problems"]
    assert all(not problems for problems in analysis["problems"].values())


def test_sitroom_factories_are_spacy_entry_points():
    found = {e.name: e for e in importlib.metadata.entry_points(group="spacy_factories")}
    assert set(FACTORIES) <= set(found)
    for name, factory in FACTORIES.items():
        assert found[name].load() is factory


def test_build_nlp_adds_a_subset_where_the_config_puts_it():
    nlp = build_nlp(["sitroom_actor_ruler", "sitroom_times"])
    names = nlp.pipe_names
    assert names.index("sitroom_actor_ruler") == names.index("ner") - 1
    assert names[-1] == "sitroom_times"
    with pytest.raises(ValueError, match="not sitroom components"):
        build_nlp(["sitroom_nonesuch"])


def _run(nlp: Language, text: str):
    doc = nlp.make_doc(text)
    doc._.extraction = Extraction(article=Article(id="t", source="test", text=text))
    return nlp(doc)


def test_events_without_the_actors_component_fails_loudly():
    nlp = build_nlp(["sitroom_times", "sitroom_places", "sitroom_claims", "sitroom_events"])
    with pytest.raises(MissingProviderError, match="sitroom_actors"):
        _run(nlp, TEXT)


def test_events_without_the_claims_component_fails_loudly():
    nlp = build_nlp(["sitroom_times", "sitroom_actors", "sitroom_places", "sitroom_events"])
    with pytest.raises(MissingProviderError, match="sitroom_claims"):
        _run(nlp, TEXT)
