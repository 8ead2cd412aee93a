"""Participants chosen by the role model, counts tied to their own event, summary lines and
event nouns that only name what another act was aimed at. Sentences written for these tests."""

from __future__ import annotations

from sitroom import settings
from sitroom.model import Event


def _events(extraction, ptype: str) -> list[Event]:
    return [e for e in extraction.events if e.type == ptype]


def _texts(parts) -> list[str]:
    return [p.text or "" for p in parts]


def test_victims_of_a_passive_attack_are_recipients_not_actors(extract):
    x = extract("Four border guards were killed on Tuesday when militants stormed their post.")
    killed = [e for e in _events(x, "ASSAULT") if "guards" in e.evidence.text][0]
    assert not any("guards" in t for t in _texts(killed.actors))
    assert any("guards" in t for t in _texts(killed.recipients))
    assert killed.size == {"dead": 4}


def test_accusation_keeps_accuser_and_accused(extract):
    x = extract("The foreign ministry accused the rebel alliance of shelling a market.")
    [accuse] = _events(x, "ACCUSE")
    assert any("ministry" in t for t in _texts(accuse.actors))
    assert any("alliance" in t for t in _texts(accuse.recipients))


def test_model_choice_is_explained_and_can_be_switched_off(extract):
    x = extract("Police detained the opposition leader outside his home on Monday.")
    [arrest] = _events(x, "COERCE")
    rules = {p.explanation.rule.split("+")[0] for p in arrest.actors + arrest.recipients}
    settings.override({"events.learned.role_min": 1.01})
    try:
        y = extract("Police detained the opposition leader outside his home on Monday.")
    finally:
        settings.reset()
    [plain] = _events(y, "COERCE")
    plain_rules = {p.explanation.rule.split("+")[0] for p in plain.actors + plain.recipients}
    assert rules & {"events.arg.learned-actor", "events.arg.learned-recipient"}
    assert not plain_rules & {"events.arg.learned-actor", "events.arg.learned-recipient"}


def test_a_count_inside_an_accusation_is_not_the_accusation_size(extract):
    x = extract("The army accused the insurgents of killing seven villagers.")
    assert all(not e.size for e in _events(x, "ACCUSE"))


def test_summary_line_count_goes_to_the_one_attack(extract):
    text = (
        "Gunmen attacked a checkpoint near the river crossing on Sunday.\n"
        "Three fatalities were reported."
    )
    [attack] = _events(extract(text), "ASSAULT")
    assert attack.size == {"dead": 3}
    assert attack.explanation is not None and "size.summary-line" in attack.explanation.rule


def test_summary_line_is_not_given_when_two_attacks_could_own_it(extract):
    text = (
        "Gunmen attacked a checkpoint on Sunday. Separately, a drone struck a convoy on Monday.\n"
        "Three fatalities were reported."
    )
    assert all("dead" not in e.size for e in _events(extract(text), "ASSAULT"))


def test_event_noun_aimed_at_by_another_act_is_not_an_event_of_its_own(extract):
    x = extract("The militia opened fire on a funeral procession in the town.")
    types = [e.type for e in x.events]
    assert types.count("ASSAULT") == 1
    assert "CONSULT" not in types and "PROTEST" not in types


def test_a_meeting_that_is_only_the_setting_stays_an_event(extract):
    x = extract("Troops stormed the building during a meeting of the council.")
    assert {"ASSAULT", "CONSULT"} <= {e.type for e in x.events}


def test_headline_verb_tagged_as_a_name_still_fires(extract):
    x = extract("Rebel Mortar Fire Kills Three Farmers Near Border Town")
    [attack] = [e for e in _events(x, "ASSAULT") if e.size]
    assert attack.size == {"dead": 3}


def test_headline_plural_noun_fires(extract):
    x = extract("Two Fishermen Die in Navy Airstrikes Off Coast")
    assert any(e.size == {"dead": 2} for e in _events(x, "ASSAULT"))


def test_a_count_before_a_comma_is_read(extract):
    x = extract("Soldiers kill 3, burn dozens of homes in raid on hill village")
    assert any(e.size.get("dead") == 3 for e in _events(x, "ASSAULT"))


def test_a_number_the_parser_put_in_a_compound_counts_its_noun(extract):
    x = extract("Six Moldovan peacekeepers killed in ambush near river crossing")
    assert any(e.size.get("dead") == 6 for e in _events(x, "ASSAULT"))


def test_a_count_outside_every_clause_goes_to_the_nearest_event_of_its_sentence(extract):
    x = extract("3 dead, 12 hurt as fighting flares in the hill district")
    sized = [e for e in _events(x, "ASSAULT") if e.size.get("dead") == 3]
    assert len(sized) == 1
    assert sized[0].explanation is not None
    assert "size.same-sentence" in sized[0].explanation.rule


def test_a_count_over_several_days_is_marked_as_a_tally(extract):
    x = extract("Rebels said 40 soldiers were killed in five days of fighting along the ridge.")
    tallies = [e for e in _events(x, "ASSAULT") if e.size.get("dead") == 40]
    assert tallies and all(e.size.get("over_days") == 5 for e in tallies)
    assert tallies[0].explanation is not None
    assert "size.tally-period" in tallies[0].explanation.rule


def test_a_count_within_one_day_is_one_incident(extract):
    x = extract("Seven villagers were killed in shelling in the past 24 hours.")
    sized = [e for e in _events(x, "ASSAULT") if e.size.get("dead") == 7]
    assert sized and all("over_days" not in e.size for e in sized)


def _rules_of(part) -> str:
    return part.explanation.rule if part.explanation is not None else ""


def test_the_country_an_act_is_aimed_at_is_its_recipient_when_no_party_is_named(extract):
    x = extract("Denmark deployed two hundred soldiers in Mali on Monday.")
    [deploy] = _events(x, "MOBILIZE")
    [recipient] = deploy.recipients
    assert recipient.code == "MLI"
    assert "events.arg.clause-country" in _rules_of(recipient)


def test_own_troops_moved_give_way_to_the_country_they_leave(extract):
    x = extract("Ghana evacuated its diplomats from Sudan last week.")
    [leave] = _events(x, "RETREAT")
    assert [p.code for p in leave.recipients] == ["SDN"]


def test_a_named_party_is_kept_over_the_country(extract):
    x = extract("Kenyan police arrested two Somali smugglers in Mombasa.")
    [arrest] = _events(x, "COERCE")
    assert all("clause-country" not in _rules_of(p) for p in arrest.recipients)


def test_a_generic_party_takes_the_country_of_its_sentence_place(extract):
    x = extract("Police fired tear gas at striking teachers in Nairobi on Tuesday.")
    coded = [p for e in x.events for p in e.actors + e.recipients if "country-from" in _rules_of(p)]
    assert coded and all(p.code == "KEN" for p in coded)


def test_a_named_party_is_not_given_a_country_by_place(extract):
    x = extract("Hakan Olsen was detained by police in Nairobi on Tuesday.")
    for e in x.events:
        for p in e.actors + e.recipients:
            if p.text and "Olsen" in p.text:
                assert "country-from" not in _rules_of(p)


def test_headline_participle_subject_is_the_victim(extract):
    x = extract("Six Moldovan peacekeepers killed in ambush near river crossing")
    killed = [e for e in _events(x, "ASSAULT") if e.size.get("dead") == 6]
    assert killed
    assert not any("peacekeepers" in t or "Moldovan" in t for t in _texts(killed[0].actors))
    assert any("peacekeepers" in t or "Moldovan" in t for t in _texts(killed[0].recipients))


def test_the_noun_a_participle_modifies_is_the_victim(extract):
    x = extract("Three ferry workers shot by pirates off the southern cape")
    shot = _events(x, "ASSAULT")
    assert shot
    assert any("workers" in t for e in shot for t in _texts(e.recipients))
    assert any("pirates" in t for e in shot for t in _texts(e.actors))


def test_a_passive_killing_takes_its_actor_from_the_when_clause(extract):
    x = extract("Five pilgrims were killed when a gunman opened fire near the shrine.")
    killed = [e for e in _events(x, "ASSAULT") if e.size.get("dead") == 5]
    assert killed
    assert any("gunman" in t for t in _texts(killed[0].actors))
    assert any("pilgrims" in t for t in _texts(killed[0].recipients))


def test_a_demonym_codes_its_phrase_when_the_whole_phrase_does_not(extract):
    x = extract("Border guards detained more than forty Palestinians near the checkpoint.")
    [arrest] = _events(x, "COERCE")
    assert [p.code for p in arrest.recipients] == ["PSE"]


def test_a_foreign_victim_does_not_lend_its_country_to_the_attackers(extract):
    x = extract("Rebels kidnapped six Russian mining engineers from a market.")
    [kidnap] = _events(x, "ASSAULT")
    assert [p.code for p in kidnap.recipients] == ["RUS"]
    assert all(p.code != "RUS" for p in kidnap.actors)
