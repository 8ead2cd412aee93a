"""The geo evaluation's GED place reader, on a small file written for this test."""

from __future__ import annotations

import pytest
from gedfile import write_ged

from sitroom.evaluate import geo


def test_description_names_drop_generic_words():
    names = geo.description_names("near Kayin Taw Village, Lemyethna Township, Ayeyarwady Region")
    assert names == ["Kayin Taw", "Lemyethna", "Ayeyarwady Region"]
    assert geo.description_names("in the north of the district") == []


def test_ged_places_keep_precise_rows_and_split_by_id(tmp_path):
    path = write_ged(
        tmp_path / "ged.csv",
        [
            {
                "id": "4",
                "where_description": "Mariupol town",
                "where_prec": "1",
                "latitude": "47.1",
                "longitude": "37.5",
                "source_headline": "Shelling in Mariupol",
            },
            {
                "id": "5",
                "where_description": "Ukraine",
                "where_prec": "6",
                "latitude": "49",
                "longitude": "32",
                "source_headline": "Fighting goes on",
            },
        ],
    )
    (row,) = geo.read_ged_places(path)
    assert row.names == ["Mariupol"] and row.half == "tune"
    assert (row.lat, row.lon) == (47.1, 37.5)


def test_a_missing_ged_file_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="cannot read GED file"):
        list(geo.read_ged_places(tmp_path / "missing.csv"))
