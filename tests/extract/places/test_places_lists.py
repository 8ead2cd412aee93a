"""Places the NER misses inside lists of areas and institutions' names."""

from __future__ import annotations

from sitroom.extract.places import cues
from sitroom.extract.places.spans import toponym_spans


def test_each_name_before_a_plural_admin_word_is_that_area(places_nlp):
    doc = places_nlp("Storms hit Barrow, Jackson and Madison counties on Friday.")
    found = {a.text: full for a, full in cues.listed_areas(doc)}
    assert found == {
        "Barrow": "Barrow County",
        "Jackson": "Jackson County",
        "Madison": "Madison County",
    }
    spans = {f.text: f.toponym.text for f in toponym_spans(doc)}
    assert spans["Jackson"] == "Jackson County"


def test_a_single_name_before_a_plural_word_is_no_list(places_nlp):
    doc = places_nlp("Officials from both counties met.")
    assert cues.listed_areas(doc) == []


def test_the_place_closing_an_institution_name(places_nlp):
    doc = places_nlp("She sang at the Lutheran School in Lombard and for the Town of Groton.")
    texts = {f.text for f in toponym_spans(doc)}
    assert {"Lombard", "Groton"} <= texts


def test_bank_of_a_place_is_not_cued(places_nlp):
    """Only names opening with a word of ``of_heads`` yield the place after "of"."""
    doc = places_nlp("He banked with the Bank of America.")
    ent = next(e for e in doc.ents if "Bank" in e.text)
    assert cues.trailing_place(doc, ent) is None


def test_places_joined_by_a_hyphen_are_each_a_place(places_nlp):
    doc = places_nlp("The river crested at 39 feet in Fargo-Moorhead on Friday.")
    assert [f.text for f in toponym_spans(doc)] == ["Fargo", "Moorhead"]


def test_a_hyphenated_brand_is_no_place(places_nlp):
    doc = places_nlp("Shares of Coca-Cola rose on Friday.")
    assert toponym_spans(doc) == []


def test_minnesota_party_label_gives_the_home_town():
    text = "Senate Tax Chairman Tom Bakk, DFL-Cook, said so."
    assert [text[a:b] for a, b in cues.party_hometowns(text)] == ["Cook"]


def test_an_untagged_town_before_an_institution_word(places_nlp):
    doc = places_nlp("Last month Roselle police ticketed hundreds of drivers.")
    assert [f.text for f in toponym_spans(doc)] == ["Roselle"]


def test_a_possessive_country_inside_a_person_entity(places_nlp):
    doc = places_nlp("Critics like Sri Lanka's former president spoke on Monday.")
    assert "Sri Lanka" in {f.text for f in toponym_spans(doc)}
