"""``sitroom.open``: read-only tables in pandas, Arrow or records."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest
from storebuild import full_extraction

import sitroom
from sitroom.store import Store, StoreError


@pytest.fixture
def room(db_path, story):
    Store(db_path).write([full_extraction(story)])
    return sitroom.open(db_path)


def test_tables_come_back_as_dataframes_with_filters(room, story):
    events = room.events(actor="the agency")
    assert isinstance(events, pd.DataFrame) and list(events["type"]) == ["AID"]
    assert room.events(type="ASSAULT").empty
    assert list(room.articles()["id"]) == [story.id]
    assert list(room.claims(subject_key="relief-agency/families/IRQ")["high"]) == [2000]
    assert set(room.actors()["id"]) == {"relief-agency", "provincial-council"}
    assert list(room.places()["name"]) == ["Rivertown"]
    assert list(room.search("convoy shipment")["id"]) == [story.id]
    assert room.search("absent words").empty


def test_other_formats_and_raw_sql(room):
    assert isinstance(room.events(format="arrow"), pa.Table)
    assert room.timeline(format="records")[0]["events"] == 1
    assert room.sql("SELECT count(*) AS n FROM times", format="records") == [{"n": 1}]
    assert room.stats()["events"] == 2
    with pytest.raises(ValueError, match="unknown format"):
        room.actors(format="excel")


def test_the_api_cannot_write(room):
    with pytest.raises(Exception, match="read-only"):
        room.sql("DELETE FROM articles")
    assert room.stats()["articles"] == 1


def test_opening_a_missing_store_names_it(tmp_path):
    with pytest.raises(StoreError, match="none.duckdb: no store here"):
        sitroom.open(tmp_path / "none.duckdb")
