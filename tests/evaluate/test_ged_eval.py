"""The UCDP GED headline evaluation: its reader, split, date window and death matching, on a
small file written for this test (the real set is read by path in ``sitroom eval``)."""

from __future__ import annotations

from pathlib import Path

from gedfile import write_ged

from sitroom.evaluate import ged
from sitroom.kb.gazetteer import load_gazetteer
from sitroom.model import Article, Event, Extraction, Location, Place


def _row(**kw: str) -> dict:
    base = {
        "id": "10",
        "source_headline": "Rebels attack a convoy; Five soldiers killed in an ambush",
        "source_date": "2021-03-04;2021-03-05",
        "date_start": "2021-03-03",
        "date_end": "2021-03-03",
        "date_prec": "1",
        "country": "Ukraine",
        "latitude": "48.0",
        "longitude": "37.8",
        "low": "4",
        "high": "6",
    }
    return {**base, **kw}


def test_reader_splits_headlines_and_halves(tmp_path: Path) -> None:
    path = write_ged(tmp_path / "g.csv", [_row(), _row(id="11", source_headline="Talks resume")])
    first, second = ged.read_ged(path)
    assert first.text == "Rebels attack a convoy\n\nFive soldiers killed in an ambush"
    assert first.published == "2021-03-04"
    assert (first.half, second.half) == ("tune", "report")
    assert first.reports_deaths and not second.reports_deaths


def test_date_window_follows_the_stated_precision(tmp_path: Path) -> None:
    [row] = ged.read_ged(write_ged(tmp_path / "g.csv", [_row(date_prec="3")]))
    assert ged.date_ok(row, "2021-03-09") is True  # within a week
    assert ged.date_ok(row, "2021-03-20") is False
    assert ged.date_ok(row, "2021-03") is True  # the month overlaps
    assert ged.date_ok(row, None) is None


def _extraction(*sizes: dict[str, int]) -> Extraction:
    x = Extraction(article=Article(id="a", source="a", text="t"))
    x.events = [Event(id=str(n), type="ASSAULT", size=s) for n, s in enumerate(sizes)]
    return x


def test_first_death_count_is_the_rows_and_ranges_count_when_they_overlap() -> None:
    assert ged.deaths(_extraction({}, {"dead": 5}, {"dead": 40})) == (5, 5)
    assert ged.deaths(_extraction({"dead_min": 24, "dead_max": 99})) == (24, 99)
    assert ged.deaths(_extraction({"dead_min": 1})) is None
    assert ged.deaths(_extraction({"injured": 3})) is None


def _placed(place: Place | None, events: int = 1) -> Extraction:
    x = Extraction(article=Article(id="a", source="a", text="t", published="2021-03-04"))
    x.places = [place] if place else []
    loc = Location(place=place.id, text=place.name) if place else None
    x.events = [Event(id=str(n), type="ASSAULT", location=loc) for n in range(events)]
    return x


def test_a_province_matches_across_spellings_and_unit_words() -> None:
    gaz = load_gazetteer()
    assert ged.same_admin(gaz, "Donetsk oblast", "UKR", "Donetska oblast")
    assert ged.same_admin(gaz, "Sagaing region", "MMR", "Sagaing")
    assert ged.same_admin(gaz, "Zaporizhzhya oblast", "UKR", "Zaporizka oblast")
    assert not ged.same_admin(gaz, "Shan state", "MMR", "Kachin")
    assert not ged.same_admin(gaz, "Shan state", "MMR", None)


def test_miss_kinds_say_why_a_place_is_wrong(tmp_path: Path) -> None:
    [row] = ged.read_ged(write_ged(tmp_path / "g.csv", [_row()]))  # 48.0, 37.8 in Ukraine
    near = Place(id="p1", name="Here", country="UKR", lat=48.1, lon=37.8)
    far = Place(id="p2", name="There", country="UKR", lat=50.4, lon=30.5)
    abroad = Place(id="p3", name="Abroad", country="RUS", lat=55.7, lon=37.6)
    assert ged.miss_kind(row, _placed(near), ged.row_event(_placed(near))) is None
    assert ged.miss_kind(row, _placed(None, 0), None) == "no_event"
    assert ged.miss_kind(row, _placed(None), ged.row_event(_placed(None))) == "no_place_in_article"
    far_x, abroad_x = _placed(far), _placed(abroad)
    assert ged.miss_kind(row, far_x, ged.row_event(far_x)) == "right_country_too_far"
    assert ged.miss_kind(row, abroad_x, ged.row_event(abroad_x)) == "wrong_country"
    unplaced = _placed(near)
    unplaced.events[0].location = None
    assert ged.miss_kind(row, unplaced, ged.row_event(unplaced)) == "event_unplaced"


def test_only_geo_brings_the_ged_places_along() -> None:
    from sitroom.evaluate.registry import selected

    assert [m.NAME for m in selected(["geo"])] == ["geo", "ged"]
    assert [m.NAME for m in selected(["events"])] == ["events"]
    assert len(selected(None)) == len(selected([m.NAME for m in selected(None)]))


def test_a_headline_split_into_several_events_is_scored_against_their_sum(tmp_path: Path) -> None:
    tally = "Over 30 troops killed in four days of attacks"
    rows = [
        _row(id="20", source_headline=tally, low="0", high="9"),
        _row(id="22", source_headline=tally, low="2", high="30"),
        _row(id="24", source_headline="Two villagers killed in shelling", low="2", high="2"),
    ]
    first, second, third = ged.read_ged(write_ged(tmp_path / "g.csv", rows))
    assert (first.headline_low, first.headline_high) == (2, 39)
    assert (second.headline_low, second.headline_high) == (2, 39)
    assert (third.headline_low, third.headline_high) == (2, 2)
    assert not first.one_incident and third.one_incident


def test_one_incident_headlines_exclude_only_periods_of_several_days(tmp_path: Path) -> None:
    heads = {
        "Nine killed over the weekend": False,
        "Army says 40 rebels killed this year": False,
        "Four killed in shelling in the past 24 hours": True,
        "Ten civilians killed in a day of raids": True,
    }
    rows = [_row(id=str(30 + n), source_headline=h) for n, h in enumerate(heads)]
    read = ged.read_ged(write_ged(tmp_path / "g.csv", rows))
    assert [r.one_incident for r in read] == list(heads.values())
