"""The ACLED export's notes say what the coded fields say, a tally included."""

from __future__ import annotations

import datetime as dt

from sitroom.export.acled import notes
from sitroom.export.records import ExportEvent


def _row(size: dict[str, int]) -> dict:
    return {"type": "ASSAULT", "mode": None, "day": dt.date(2026, 1, 5), "size": size}


def test_a_tally_is_named_in_the_notes() -> None:
    text = notes(ExportEvent(_row({"dead": 40, "over_days": 5})), "rebels", None, "Ridge")
    assert "tally over 5 days" in text


def test_one_incident_has_no_tally_note() -> None:
    text = notes(ExportEvent(_row({"dead": 4})), "rebels", None, "Ridge")
    assert "tally" not in text and text.startswith("On 2026-01-05 rebels ASSAULT in Ridge")
