"""Where an event happened when its clause is not enough: "near" a place, and the
fallbacks (sentence, headline, dateline, the article's first place), each with its rule,
offsets into the field it read and an ACLED geo_precision that says how sure it is."""

from __future__ import annotations

import pytest

from sitroom.model import Article, Event, Extraction


@pytest.fixture(scope="module")
def article():
    from sitroom.extract.pipeline import extract_articles, get_nlp

    nlp = get_nlp()

    def run(text: str, title: str | None = None, dateline: str | None = None) -> Extraction:
        a = Article(
            id="t", source="t", text=text, title=title, dateline=dateline, published="2026-01-28"
        )
        return next(extract_articles([a], nlp=nlp))

    return run


def _killing(ex: Extraction) -> Event:
    return next(e for e in ex.events if e.type == "ASSAULT" and e.size.get("dead"))


def _place_name(ex: Extraction, event: Event) -> str:
    assert event.location is not None and event.location.place is not None
    return next(p.name for p in ex.places if p.id == event.location.place)


def test_near_a_place_is_less_precise_than_in_it(article):
    in_town = _killing(article("Gunmen killed three soldiers in Mosul on Sunday."))
    near_town = _killing(article("Gunmen killed three soldiers near Mosul on Sunday."))
    of_town = _killing(article("Gunmen killed three soldiers near the city of Mosul on Sunday."))
    assert (in_town.location.text, in_town.location.geo_precision) == ("Mosul", 1)
    assert (near_town.location.text, near_town.location.geo_precision) == ("Mosul", 2)
    assert (of_town.location.text, of_town.location.geo_precision) == ("Mosul", 2)
    assert in_town.location.explanation.rule == "events.loc.clause-place"


def test_headline_place_locates_an_event_whose_text_names_none(article):
    title = "Fighting flares in Mosul"
    ex = article("Gunmen killed three soldiers on Sunday.", title=title)
    loc = _killing(ex).location
    assert loc.explanation.rule == "events.loc.headline-place"
    assert loc.field == "title" and title[loc.start : loc.end] == loc.text == "Mosul"
    assert loc.geo_precision == 2


def test_dateline_then_first_place_of_the_article(article):
    dated = article("KIRKUK: Gunmen killed three soldiers on Sunday.", dateline="KIRKUK")
    loc = _killing(dated).location
    assert (loc.text, loc.explanation.rule, loc.field) == (
        "KIRKUK",
        "events.loc.dateline-place",
        None,
    )
    body = "Violence has risen in Iraq and around Mosul this year. Gunmen killed three soldiers."
    first = _killing(article(body))
    assert first.location.explanation.rule == "events.loc.article-place"
    assert _place_name(article(body), first) == "Mosul"  # smaller than the country named first
    assert first.location.geo_precision == 2


def test_an_actor_named_for_its_country_lends_no_place(article):
    ex = article("US-backed fighters killed three soldiers on Sunday.")
    assert _killing(ex).location is None


def test_a_headline_place_that_acts_or_a_background_event_lends_no_place(article):
    acting = article("Gunmen killed three soldiers on Sunday.", title="Russia seeks a deal")
    assert _killing(acting).location is None
    past = article("Gunmen killed three soldiers in 2019.", title="Fighting flares in Mosul")
    assert _killing(past).historical and _killing(past).location is None


def test_a_town_naming_the_attack_locates_it_a_country_does_not(article):
    town = _killing(article("Five soldiers were killed in a Mosul bomb attack on Sunday."))
    assert town.location is not None and town.location.text == "Mosul"
    assert town.location.explanation.rule == "events.loc.clause-place"
    country = _killing(article("Five soldiers were killed in a US bomb attack on Sunday."))
    assert country.location is None
