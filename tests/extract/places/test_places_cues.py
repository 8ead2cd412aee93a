"""Toponyms the NER does not label as places, found by the words around them."""

from __future__ import annotations

from sitroom.extract.places.cues import caps_dateline, party_hometowns
from sitroom.model import Article, Extraction


def _places(nlp, text: str) -> dict[str, str]:
    doc = nlp.make_doc(text)
    doc._.extraction = Extraction(article=Article(id="t", source="test", text=text))
    doc = nlp(doc)
    places = {p.id: p for p in doc._.extraction.places}
    return {
        m.text: places[m.place].admin1 or places[m.place].country
        for m in doc._.extraction.mentions
        if m.place
    }


def test_a_place_opening_an_institution_name_is_found(places_nlp):
    found = _places(
        places_nlp,
        "Deputies from the Henderson County Sheriff's Office and "
        "Gainesville Police Department searched the lake.",
    )
    assert "Henderson County" in found
    assert "Gainesville" in found


def test_the_place_inside_a_region_phrase(places_nlp):
    found = _places(places_nlp, "Storms crossed North Texas and Western Massachusetts overnight.")
    assert found.get("Texas") == "Texas"
    assert found.get("Massachusetts") == "Massachusetts"


def test_a_surname_inside_a_full_name_is_not_the_town(places_nlp):
    text = (
        "Volunteers met in Marshall on Friday. County clerk Helen Marshall said the "
        "shelter would stay open."
    )
    doc = places_nlp.make_doc(text)
    doc._.extraction = Extraction(article=Article(id="t", source="test", text=text))
    doc = places_nlp(doc)
    spans = [(m.start, m.end) for m in doc._.extraction.mentions if m.place]
    surname = text.index("Helen Marshall") + len("Helen ")
    assert (surname, surname + len("Marshall")) not in spans


def test_party_hometown_and_caps_dateline_offsets():
    text = "Sen. Ann Lee, D-Pittsburgh, and Rep. Tom Ray, R-Pa., voted no."
    spans = [text[a:b] for a, b in party_hometowns(text)]
    assert spans == ["Pittsburgh", "Pa."]
    assert caps_dateline("AMHERST - Voters went to the polls.") == (0, 7)
    assert caps_dateline("NOTHING HERE - at all") is None


def test_a_dateline_after_the_headline_or_with_an_agency():
    text = "Stolen car sunk in lake. HUDSON -- Officials said."
    a, b = caps_dateline(text)
    assert text[a:b] == "HUDSON"
    text = "Budget vote. COLUMBUS, Ohio (AP) — Gov. Smith said."
    a, b = caps_dateline(text)
    assert text[a:b] == "COLUMBUS"
    assert caps_dateline("The NATO - pact held.") is None
