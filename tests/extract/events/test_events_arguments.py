"""Arguments by PLOVER's rules, codes, location with geo_precision, date with precision."""

from __future__ import annotations


def _event(ex, ptype):
    return next(e for e in ex.events if e.type == ptype)


def test_one_sided_violence_victim_is_recipient(extract):
    event = _event(
        extract("Israeli troops attacked Palestinian protesters in Nablus on Monday."), "ASSAULT"
    )
    assert [(p.code, p.sector) for p in event.actors] == [("ISR", "MIL")]
    assert [p.code for p in event.recipients] == ["PSE"]


def test_two_sided_fighting_puts_all_parties_in_actor(extract):
    event = _event(extract("Government forces clashed with rebels in Idlib on Friday."), "ASSAULT")
    assert event.recipients == []
    texts = " | ".join(p.text for p in event.actors)
    assert "Government forces" in texts and "rebels" in texts


def test_host_is_recipient_visitor_is_actor(extract):
    event = _event(
        extract("Egyptian President Abdel Fattah el-Sisi hosted King Abdullah in Cairo on Monday."),
        "CONSULT",
    )
    assert "King Abdullah" in event.actors[0].text
    assert [p.code for p in event.recipients] == ["EGY"]


def test_planned_visit_codes_both_sides(extract):
    event = _event(
        extract(
            "Syrian President Ahmed Al-Sharaa will meet Russian President Vladimir Putin "
            "in Moscow on Wednesday."
        ),
        "CONSULT",
    )
    assert [(p.code, p.sector) for p in event.actors] == [("SYR", "GOV")]
    assert [(p.code, p.sector) for p in event.recipients] == [("RUS", "GOV")]
    assert event.mode == "visit"
    assert (event.date.value, event.date.precision, event.date.time_precision) == (
        "2026-01-28",
        "day",
        1,
    )


def test_demonym_group_codes_compositionally(extract):
    event = _event(
        extract("A group of Moroccan diplomats met the Egyptian foreign minister in Cairo."),
        "CONSULT",
    )
    assert "MAR" in {p.code for p in event.actors}


def test_geo_precision_named_place_region_country(extract):
    city = _event(extract("Syrian forces shelled villages in Moscow on Sunday."), "ASSAULT")
    region = _event(
        extract("Syrian forces shelled villages in northeast Syria on Sunday."), "ASSAULT"
    )
    country = _event(extract("Syrian forces shelled villages in Syria on Sunday."), "ASSAULT")
    assert (city.location.text, city.location.geo_precision) == ("Moscow", 1)
    assert (region.location.text, region.location.geo_precision) == ("northeast Syria", 2)
    assert (country.location.text, country.location.geo_precision) == ("Syria", 3)


def test_actor_names_are_not_locations(extract):
    """A demonym, a country used as a modifier, or a capital standing for its government
    is who acted, not where."""
    for text in (
        "Iraqi forces attacked Daesh positions.",
        "US-backed fighters attacked the town.",
        "Damascus launched an offensive against Kurdish fighters.",
    ):
        event = _event(extract(text), "ASSAULT")
        assert event.location is None, text


def test_later_definite_mention_lends_its_place(extract):
    ex = extract(
        "Damascus launched an offensive against Kurdish fighters. "
        "Europe expressed concern that the offensive in northeast Syria could cause a crisis."
    )
    event = _event(ex, "ASSAULT")
    assert event.location.text == "northeast Syria"
    assert event.location.explanation.rule == "events.loc.anaphoric-mention"


def test_coordinated_places_and_dates_give_one_event_each(extract):
    ex = extract(
        "Government offensives ended the militants' hold in Iraq in 2017 and in Syria in 2019."
    )
    pairs = sorted(
        (e.location.text, e.date.value) for e in ex.events if e.type == "ASSAULT" and e.location
    )
    assert pairs == [("Iraq", "2017"), ("Syria", "2019")]


def test_date_precisions(extract):
    day = _event(extract("Rebels attacked the town on March 3."), "ASSAULT")
    month = _event(extract("Rebels attacked the town last month."), "ASSAULT")
    year = _event(extract("Rebels attacked the town in 2019."), "ASSAULT")
    undated = _event(extract("Rebels attacked the town."), "ASSAULT")
    assert (day.date.precision, day.date.time_precision) == ("day", 1)
    assert (month.date.value, month.date.precision, month.date.time_precision) == (
        "2025-12",
        "month",
        2,
    )
    assert (year.date.value, year.date.precision, year.date.time_precision) == ("2019", "year", 3)
    assert (undated.date.value, undated.date.precision) == (None, "unknown")


def test_size_fields(extract):
    arrests = _event(extract("Police arrested 40 protesters in Tehran."), "COERCE")
    killed = _event(extract("The army killed 22 militants in Anbar province."), "ASSAULT")
    assert arrests.size == {"arrested": 40}
    assert killed.size == {"dead": 22}


def test_reported_by(extract):
    event = _event(extract("Rebels attacked the town on Monday, the UN report said."), "ASSAULT")
    assert event.reported_by is not None and "UN report" in event.reported_by.text
