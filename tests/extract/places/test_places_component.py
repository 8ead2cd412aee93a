"""The sitroom_places component on text written for these tests."""

from __future__ import annotations

from sitroom.extract.places.component import geo_precision, place_for_span
from sitroom.model import Article, Extraction

TEXT = (
    "BEIRUT: Officials said on Monday that clashes near Tripoli had ended. "
    "Separately, a drone struck near Hmeimim air base and the Tartus naval base, while "
    "aid reached Deir ez-Zor province."
)


def _run(nlp, text: str, **article):
    doc = nlp.make_doc(text)
    doc._.extraction = Extraction(article=Article(id="t", source="test", text=text, **article))
    return nlp(doc)


def test_component_resolves_places_with_context(places_nlp):
    doc = _run(places_nlp, TEXT, dateline="BEIRUT")
    ext = doc._.extraction
    by_text = {m.text: m.place for m in ext.mentions if m.place}
    places = {p.id: p for p in ext.places}
    assert places[by_text["Tripoli"]].country == "LBN"
    assert by_text["Hmeimim air base"] == "sitroom:hmeimim-air-base"
    assert places[by_text["Tartus naval base"]].country == "SYR"
    assert places[by_text["Deir ez-Zor province"]].feature_code == "ADM1"
    assert all(p.explanation and p.explanation.rule.startswith("places.") for p in ext.places)


def test_place_for_span_and_precision(places_nlp):
    doc = _run(places_nlp, TEXT, dateline="BEIRUT")
    start = TEXT.index("Tripoli")
    pid = place_for_span(doc, start, start + len("Tripoli"))
    place = next(p for p in doc._.extraction.places if p.id == pid)
    assert geo_precision(place) == 1
    anbar = next(p for p in doc._.extraction.places if p.feature_code == "ADM1")
    assert geo_precision(anbar) == 3
    assert place_for_span(doc, 0, 0) is None


def test_caption_places_carry_their_field(places_nlp):
    doc = _run(places_nlp, "The talks ended.", captions=["Delegates arrive in Baghdad on Monday."])
    (m,) = [m for m in doc._.extraction.mentions if m.place]
    assert m.field == "captions:0" and m.text == "Baghdad"


def test_without_extraction_the_doc_passes_through(places_nlp):
    doc = places_nlp("Nothing here about Mosul.")
    assert doc._.extraction is None
