"""Every event and every field carries evidence offsets and the rule or model behind it."""

from __future__ import annotations

TEXT = (
    "Syrian President Ahmed Al-Sharaa will meet Russian President Vladimir Putin "
    "in Moscow on Wednesday. "
    "Gunmen killed 5 villagers and wounded 12 others in northeast Syria on Sunday, the UN said. "
    "Police arrested 40 protesters in Damascus last month."
)


def test_every_field_is_explained(extract):
    ex = extract(TEXT)
    assert len(ex.events) >= 3
    for event in ex.events:
        assert event.id
        ev = event.evidence
        assert ex.article.text[ev.start : ev.end] == ev.text and ev.text
        assert event.explanation.rule and 0 < event.explanation.score <= 1
        for part in event.actors + event.recipients:
            assert ex.article.text[part.start : part.end] == part.text
            assert part.explanation.rule.startswith("events.arg.")
        if event.location:
            loc = event.location
            assert ex.article.text[loc.start : loc.end] == loc.text
            assert loc.explanation.rule.startswith("events.loc.") and loc.geo_precision in (1, 2, 3)
        assert event.date.explanation.rule.startswith("events.date.")
        if event.date.value:
            assert ex.article.text[event.date.start : event.date.end] == event.date.text


def test_actor_ids_used_by_events_have_records(extract):
    ex = extract(TEXT)
    known = {a.id for a in ex.actors}
    for event in ex.events:
        for part in event.actors + event.recipients:
            assert part.actor is None or part.actor in known


def test_jsonl_contract_fields(extract):
    row = extract(TEXT).to_json()["events"][0]
    for key in (
        "id",
        "type",
        "mode",
        "contexts",
        "quad",
        "cameo",
        "acled",
        "actors",
        "recipients",
        "location",
        "date",
        "modality",
        "historical",
        "reported_by",
        "size",
        "evidence",
        "explanation",
    ):
        assert key in row


def test_rerun_gives_the_same_event_ids(extract):
    assert [e.id for e in extract(TEXT).events] == [e.id for e in extract(TEXT).events]
