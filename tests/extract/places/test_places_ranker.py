"""The learned place ranker: its features, its explanations and its held-out fold models."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sitroom.extract.places import ranker
from sitroom.extract.places.resolve import Toponym, candidates, resolve_all
from sitroom.kb.gazetteer import load_gazetteer


def test_a_choice_names_the_model_and_the_features_that_decided_it():
    (r,) = resolve_all([Toponym("Paris", qualifier="Texas")])
    assert r.rule == "places.ranker"
    assert r.model == ranker.model().name
    assert r.why and "qualifier" in r.why
    assert all(v > 0 for v in r.why.values()) and len(r.why) <= ranker.TOP_FEATURES
    assert 0 < r.score <= 1


def test_one_feature_row_per_candidate():
    found, wants = candidates(load_gazetteer(), Toponym("Springfield"))
    x = ranker.candidate_features(found, "springfield", wants, None, False, None)
    assert x.shape == (len(found), len(ranker.FEATURES))
    assert np.isfinite(x).all()


def test_names_agreeing_on_a_state_pick_its_namesakes():
    """Town and county names many states share; only one state holds them all."""
    names = ["Mount Pleasant", "Burlington", "Henry County", "Wapello"]
    tops = [Toponym(n) for n in names]
    admin1 = {r.entry.admin1 for r in resolve_all(tops) if r}
    assert admin1 == {"Iowa"}


def test_a_held_out_fold_ranks_with_its_own_model_and_restores_the_shipped_one():
    shipped = ranker.model().name
    with ranker.held_out(1) as m:
        assert ranker.model() is m and m.name != shipped
        (r,) = resolve_all([Toponym("Baghdad")])
        assert r.model == m.name
    assert ranker.model().name == shipped


def test_fold_of_is_stable_and_in_range():
    assert ranker.fold_of("doc-1", 5) == ranker.fold_of("doc-1", 5)
    assert {ranker.fold_of(f"doc-{n}", 5) for n in range(100)} == set(range(5))


def test_weights_for_other_features_are_refused(tmp_path, monkeypatch):
    bad = json.loads(ranker.WEIGHTS_FILE.read_text(encoding="utf-8"))
    bad["features"] = bad["features"][:-1]
    path = tmp_path / "place_ranker.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    monkeypatch.setattr(ranker, "WEIGHTS_FILE", path)
    ranker._weights.cache_clear()
    try:
        with pytest.raises(ValueError, match="retrain"):
            ranker._weights()
    finally:
        monkeypatch.undo()
        ranker._weights.cache_clear()
