"""The shipped gazetteer: it loads, and knows countries, provinces, towns and facilities."""

from __future__ import annotations

from sitroom.kb.gazetteer import load_gazetteer
from sitroom.kb.gazetteer.names import key_variants, name_key


def test_name_keys_fold_spelling_variants():
    assert name_key("Al-Anbār") == name_key("al anbar")
    assert name_key("St. Cloud") == "saint cloud"
    assert "anbar" in key_variants(name_key("Al-Anbar"))


def test_countries_and_provinces_have_geonames_ids():
    gaz = load_gazetteer()
    iraq = [e for e in gaz.candidates("Iraq") if e.fcode == "PCLI"]
    assert iraq and iraq[0].id == "geonames:99237" and iraq[0].country == "IRQ"
    anbar = [e for e in gaz.candidates("Anbar province") if e.fcode == "ADM1"]
    assert anbar and anbar[0].country == "IRQ"
    assert gaz.country("SYR").name == "Syria"


def test_towns_carry_admin1_and_population():
    towns = [e for e in load_gazetteer().candidates("Alexandria") if e.country == "USA"]
    states = {e.admin1 for e in towns}
    assert {"Louisiana", "Virginia"} <= states
    assert all(e.population and e.lat is not None for e in towns)


def test_curated_facilities_are_indexed_under_their_variants():
    gaz = load_gazetteer()
    for name in ("Khmeimim air base", "Hmeimim air base"):
        found = gaz.candidates(name)
        assert found and found[0].id == "sitroom:hmeimim-air-base"
    assert gaz.candidates("Deir el-Zour province")[0].country == "SYR"


def test_unknown_names_find_nothing():
    assert load_gazetteer().candidates("Qwzxplk") == []
