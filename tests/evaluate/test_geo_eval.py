"""The geo evaluation's GED place reader, on a small file written for this test."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sitroom.evaluate import geo

COLUMNS = (
    "id,source,source_headline,source_article,source_date,date_start,date_end,date_prec,"
    "where_description,where_prec,adm_1,adm_2,country,latitude,longitude,type_of_violence,"
    "side_a,side_b,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,low,high"
).split(",")


def _write(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in COLUMNS})
    return path


def test_description_names_drop_generic_words():
    names = geo.description_names("near Kayin Taw Village, Lemyethna Township, Ayeyarwady Region")
    assert names == ["Kayin Taw", "Lemyethna", "Ayeyarwady Region"]
    assert geo.description_names("in the north of the district") == []


def test_ged_places_keep_precise_rows_and_split_by_id(tmp_path):
    path = _write(
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
