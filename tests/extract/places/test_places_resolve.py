"""Disambiguation: the same name goes to different places in different documents."""

from __future__ import annotations

from sitroom.extract.places.resolve import Toponym, resolve_all


def _countries(names: list[str], dateline: str | None = None) -> list[str | None]:
    tops = ([Toponym(dateline, dateline=True)] if dateline else []) + [Toponym(n) for n in names]
    return [r.entry.country if r else None for r in resolve_all(tops)]


def test_tripoli_follows_the_story_country():
    assert _countries(["Lebanon", "Beirut", "Tripoli"])[-1] == "LBN"
    assert _countries(["Libya", "Benghazi", "Tripoli"])[-1] == "LBY"


def test_dateline_sets_the_context():
    assert _countries(["Tripoli"], dateline="BEIRUT")[-1] == "LBN"


def test_state_qualifier_picks_the_town():
    (r,) = resolve_all([Toponym("Paris", qualifier="Texas")])
    assert r.entry.country == "USA" and r.entry.admin1 == "Texas"


def test_province_word_wants_an_admin1():
    (r,) = resolve_all([Toponym("Diyala province")])
    assert r.entry.fcode == "ADM1" and r.entry.country == "IRQ"


def test_country_before_a_town_of_the_same_name():
    (r,) = resolve_all([Toponym("Jordan")])
    assert r.entry.fcode == "PCLI"


def test_every_resolution_names_its_rule():
    for r in resolve_all([Toponym("Mosul"), Toponym("Iraq")]):
        assert r.rule.startswith("places.")


def test_a_capital_of_a_mentioned_country_beats_namesakes_of_the_dominant_country():
    """A story about US troops in Syria names the US more often than Syria; its Damascus
    dateline is still Syria's capital, not a small US town of that name, and a Washington
    beside the US is the capital, not a Maryland suburb's namesake."""
    us_heavy = ["US", "American", "US", "Palmyra", "Syria", "US", "US", "Syria", "US", "Syria"]
    assert _countries(us_heavy, dateline="DAMASCUS")[0] == "SYR"
    tops = [Toponym("WASHINGTON", dateline=True)] + [
        Toponym(n) for n in ["US", "Syria", "US", "US", "Washington", "Damascus"]
    ]
    found = resolve_all(tops)
    assert (found[0].entry.name, found[0].entry.fcode) == ("Washington", "PPLC")
    assert found[-1].entry.country == "SYR"


def test_nearest_km_skips_only_points_that_cannot_be_near():
    from sitroom.extract.places.resolve import km, nearest_km

    here = (36.34, 43.13)  # Mosul
    points = [(33.31, 44.37), (36.19, 44.01), (36.34 + 300 / 111.2, 43.13), (-33.9, 18.4)]
    within = [km(here, p) for p in points if km(here, p) < 300]
    assert nearest_km(here, points, 300) == min(within)
    assert nearest_km(here, [(33.31, 44.37), (-33.9, 18.4)], 300) is None
    assert nearest_km(here, [], 300) is None
