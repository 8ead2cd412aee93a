"""The sitroom_actors component on text written for these tests."""

from __future__ import annotations

import pytest

from sitroom.extract.actors.component import actor_for_span, code_for
from sitroom.model import Article, Extraction

STORY = (
    "Syrian President Ahmed Al-Sharaa met Iraqi General Hamid Zubaydar in Damascus on Monday. "
    "Sharaa thanked the general for his help against Daesh. "
    "General Zubaydar, deputy commander of the Iraqi border guard, said the group had lost ground. "
    'He added that "ISIS cells" were still active near the border. '
    "Moscow said it would send an envoy, and Kurdish forces reported new attacks."
)


def run(nlp, text: str, published: str | None = "2026-01-20"):
    doc = nlp.make_doc(text)
    doc._.extraction = Extraction(
        article=Article(id="art-1", source="test", text=text, published=published)
    )
    return nlp(doc)


@pytest.fixture(scope="module")
def story(actors_nlp):
    return run(actors_nlp, STORY)


def mention(doc, text):
    return next(m for m in doc._.extraction.mentions if m.text == text)


def span_of(doc, text, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    return start, start + len(text)


def test_every_mention_has_offsets_label_and_a_rule(story):
    ext = story._.extraction
    assert ext.mentions
    for m in ext.mentions:
        assert story.text[m.start : m.end] == m.text
        assert m.label and m.explanation is not None and m.explanation.rule.startswith("actors.")


def test_names_and_aliases_resolve_to_kb_ids(story):
    assert mention(story, "Ahmed Al-Sharaa").actor == "ahmed-al-sharaa"
    assert mention(story, "Daesh").actor == "islamic-state"
    assert mention(story, "ISIS").actor == "islamic-state"


def test_short_name_links_to_the_full_name_in_the_article(story):
    assert mention(story, "Sharaa").actor == "ahmed-al-sharaa"
    unknown = [m for m in story._.extraction.mentions if "Zubaydar" in m.text]
    assert len({m.actor for m in unknown}) == 1 and unknown[0].actor == "hamid-zubaydar"


def test_unknown_person_is_coded_from_the_title_in_the_text(story):
    ext = story._.extraction
    actor = next(a for a in ext.actors if a.id == "hamid-zubaydar")
    assert (actor.country, actor.sector) == ("IRQ", "MIL")
    learned = [r for r in actor.roles if r.source == "art-1"]
    assert learned and all(r.evidence is not None for r in learned)
    assert any("deputy commander" in (r.title or "") for r in learned)


def test_actor_is_coded_for_the_article_date(story):
    actor = next(a for a in story._.extraction.actors if a.id == "ahmed-al-sharaa")
    assert (actor.country, actor.sector) == ("SYR", "GOV")
    assert code_for(story, "ahmed-al-sharaa", "2020-01-01") == ("SYR", "REB")


def test_pronouns_and_descriptions_follow_the_latest_compatible_actor(story):
    assert actor_for_span(story, *span_of(story, "He")) == "hamid-zubaydar"
    assert actor_for_span(story, *span_of(story, "the group")) == "islamic-state"
    assert actor_for_span(story, *span_of(story, "the general")) == "hamid-zubaydar"


def test_capital_acting_as_subject_is_the_government(story):
    assert mention(story, "Moscow").actor == "russia-government"
    assert mention(story, "Damascus").actor is None  # a place where they met, not an actor


def test_collective_noun_after_a_demonym_is_a_group(story):
    assert mention(story, "Kurdish forces").actor == "kurdish-forces"


def test_span_holding_a_mention_returns_its_actor(story):
    start, end = span_of(story, "Syrian President Ahmed Al-Sharaa")
    assert actor_for_span(story, start, end) == "ahmed-al-sharaa"


def test_text_without_entities_gives_empty_results(actors_nlp):
    doc = run(actors_nlp, "nothing happened here today.")
    assert doc._.extraction.mentions == [] and doc._.extraction.actors == []


def test_component_works_without_an_extraction(actors_nlp):
    doc = actors_nlp("Vladimir Putin spoke.")
    assert any(m.actor == "vladimir-putin" for m in doc._.extraction.mentions)


@pytest.mark.parametrize("name", ["Boko Haram", "Alexander Lukashenko", "Hezbollah"])
def test_pipeline_and_resolve_name_the_same_actor(actors_nlp, name):
    from sitroom.extract.actors.mention import code_mention

    doc = run(actors_nlp, f"On Monday, {name} said the talks had failed.")
    ids = {m.actor for m in doc._.extraction.mentions if m.text == name}
    coded = code_mention(name, "2026-01-20")
    assert coded is not None and ids == {coded.actor.id}
