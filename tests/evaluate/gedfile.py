"""Small UCDP GED files for the evaluation tests, written in the gold file's columns."""

from __future__ import annotations

import csv
from pathlib import Path

COLUMNS = (
    "id,source,source_headline,source_article,source_date,date_start,date_end,date_prec,"
    "where_description,where_prec,adm_1,adm_2,country,latitude,longitude,type_of_violence,"
    "side_a,side_b,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,low,high"
).split(",")


def write_ged(path: Path, rows: list[dict]) -> Path:
    """``rows`` as a GED CSV at ``path``; columns a row does not give are empty."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in COLUMNS})
    return path
