"""Each export format, validated, on the example-corpus store; filters as the query layer's."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.export import FORMATS, ExportError, export_bytes
from sitroom.export.acled import COLUMN_NAMES, SCHEMA
from sitroom.extract.events.mapping import PLOVER_TYPES, QUAD
from sitroom.query import clusters as cluster_queries
from sitroom.query import queries
from sitroom.store import reading

ACLED_REQUIRED = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "inter2",
    "interaction",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "timestamp",
)
EXTRAS = (
    "plover_type",
    "plover_mode",
    "cameo",
    "quad",
    "modality",
    "rule",
    "score",
    "evidence",
    "cluster_id",
    "sources",
    "independent_sources",
)


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def expected_keys(db, **filters) -> set[str]:
    with reading(db) as con:
        return {
            f"{r['article_id']}-{r['id']}"
            for r in queries.fetch(con, queries.events(limit=None, **filters))
        }


def csv_rows(db, *args: str) -> list[dict[str, str]]:
    result = run("export", "--db", str(db), "--format", "csv", *args)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_csv_has_acled_columns_then_sitroom_columns_one_row_per_event(examples_db):
    result = run("export", "--db", str(examples_db), "--format", "csv")
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert header[: len(ACLED_REQUIRED) + 2] == [c for c in COLUMN_NAMES[: len(ACLED_REQUIRED) + 2]]
    assert set(ACLED_REQUIRED) <= set(header) and set(EXTRAS) <= set(header)
    rows = csv_rows(examples_db)
    assert {f"{r['article_id']}-{r['event_id']}" for r in rows} == expected_keys(examples_db)
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)
    for r in rows:
        assert r["plover_type"] in PLOVER_TYPES and int(r["quad"]) == QUAD[r["plover_type"]]
        assert r["event_date"][:4] == r["year"] and r["time_precision"] in {"1", "2", "3"}
        assert int(r["sources"]) >= int(r["independent_sources"]) >= 1
        assert r["event_id_cnty"].startswith(r["iso"] or "XXX")
        if r["interaction"]:
            assert sorted(r["interaction"]) == sorted(r["inter1"] + (r["inter2"] or "0"))


@pytest.mark.parametrize(
    ("args", "filters"),
    [
        (("--type", "ASSAULT"), {"type": ["ASSAULT"]}),
        (("--country", "SYR"), {"country": "SYR"}),
        (
            ("--since", "2025-01-01", "--until", "2025-06-30"),
            {"since": "2025-01-01", "until": "2025-06-30"},
        ),
        (("--modality", "planned"), {"modality": ["planned"]}),
        (("--source", "gulf-courier.example"), {"source": "gulf-courier.example"}),
        (("--actor", "Ahmed Al-Sharaa"), {"actor": "Ahmed Al-Sharaa"}),
        (("--bbox", "35,32,42,37.5"), {"bbox": (35, 32, 42, 37.5)}),
    ],
)
def test_export_filters_are_the_query_filters(examples_db, args, filters):
    rows = csv_rows(examples_db, *args)
    wanted = expected_keys(examples_db, **filters)
    assert wanted, f"the examples have events for {args}"
    assert {f"{r['article_id']}-{r['event_id']}" for r in rows} == wanted
    assert len(wanted) < len(expected_keys(examples_db))


def test_one_per_cluster_and_min_independent_sources(examples_db):
    with reading(examples_db) as con:
        clusters = con.execute("SELECT count(*) FROM event_clusters").fetchall()[0][0]
        multi = con.execute(
            "SELECT count(*) FROM events e JOIN event_clusters k USING (cluster_id) "
            "WHERE k.independent_sources >= 2"
        ).fetchall()[0][0]
    rows = csv_rows(examples_db, "--one-per-cluster")
    assert len(rows) == clusters == len({r["cluster_id"] for r in rows})
    assert len(csv_rows(examples_db, "--min-independent-sources", "2")) == multi


def test_geojson_is_an_rfc7946_feature_collection_of_the_geocoded_events(examples_db):
    result = run("export", "--db", str(examples_db), "--format", "geojson", "--type", "ASSAULT")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    with reading(examples_db) as con:
        located = {
            f"{r['article_id']}-{r['id']}"
            for r in queries.fetch(con, queries.events(limit=None, type="ASSAULT"))
            if r["location_lat"] is not None
        }
    assert located and {f["id"] for f in doc["features"]} == located
    lons, lats = [], []
    for f in doc["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        geometry = f["geometry"]
        assert geometry["type"] == "Point" and len(geometry["coordinates"]) == 2
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert (lat, lon) == (f["properties"]["latitude"], f["properties"]["longitude"])
        lons.append(lon)
        lats.append(lat)
    assert doc["bbox"] == [min(lons), min(lats), max(lons), max(lats)]


def test_parquet_is_readable_by_duckdb_and_pyarrow_with_the_typed_schema(examples_db, tmp_path):
    out = tmp_path / "events.parquet"
    result = run(
        "export",
        "--db",
        str(examples_db),
        "--format",
        "parquet",
        "--out",
        str(out),
        "--type",
        "ASSAULT",
    )
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.schema.equals(SCHEMA)
    assert pq.read_metadata(out).row_group(0).column(0).compression == "ZSTD"
    keys = duckdb.sql(f"SELECT article_id || '-' || event_id FROM read_parquet('{out}')").fetchall()
    assert {k for (k,) in keys} == expected_keys(examples_db, type=["ASSAULT"])
    assert duckdb.sql(f"SELECT DISTINCT plover_type FROM read_parquet('{out}')").fetchall() == [
        ("ASSAULT",)
    ]


def test_plover_json_records_carry_coding_provenance_and_source_counts(examples_db):
    result = run("export", "--db", str(examples_db), "--format", "plover")
    records = json.loads(result.stdout)
    assert {r["event_id"] for r in records} == expected_keys(examples_db)
    with reading(examples_db) as con:
        texts = dict(con.execute("SELECT id, text FROM articles").fetchall())
    for r in records:
        assert r["event_type"] in PLOVER_TYPES and r["quad_code"] == QUAD[r["event_type"]]
        assert r["modality"] in {"asserted", "planned", "negated", "hypothetical"}
        assert r["explanation"]["rule"] and r["story"]["id"] == r["story_id"]
        assert r["sources"] >= r["independent_sources"] >= 1 and r["cluster_id"]
        for p in r["actors"] + r["recipients"]:
            assert set(p) >= {"actor", "name", "country", "sector"}
        ev = r["evidence"]
        if ev["field"] is None and ev["start"] is not None:
            assert texts[r["story_id"]][ev["start"] : ev["end"]] == ev["text"]
    lines = run("export", "--db", str(examples_db), "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == [r["event_id"] for r in records]


def test_export_functions_serve_the_http_layer_with_the_same_rows(examples_db):
    with reading(examples_db) as con:
        data, skipped = export_bytes(con, "geojson", country="IRQ")
        events = queries.fetch(con, cluster_queries.events(limit=None, country="IRQ"))
        with pytest.raises(ExportError, match="unknown export format 'kml'"):
            export_bytes(con, "kml")
    assert len(json.loads(data)["features"]) + skipped == len(events)
    assert set(FORMATS) == {"csv", "plover", "jsonl", "geojson", "parquet"}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--format", "kml"), 2, "unknown export format 'kml'"),
        (("--format", "parquet"), 2, "binary output needs --out"),
        (("--since", "last week"), 2, "is not a date"),
        (("--bbox", "1,2,3"), 2, "is not min_lon,min_lat,max_lon,max_lat"),
    ],
)
def test_export_errors_are_one_line_without_traceback(examples_db, args, code, message):
    result = run("export", "--db", str(examples_db), *args)
    assert result.exit_code == code
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_export_without_a_store_says_so(tmp_path):
    result = run("export", "--db", str(tmp_path / "none.duckdb"))
    assert (
        result.exit_code == 1
        and "no store here" in result.stderr
        and "Traceback" not in result.output
    )


def test_events_command_lists_events_and_clusters_with_filters(examples_db):
    result = run(
        "events", "--db", str(examples_db), "--format", "json", "--type", "CONSULT", "--limit", "0"
    )
    assert json.loads(result.stdout) == []
    result = run(
        "events",
        "--db",
        str(examples_db),
        "--format",
        "json",
        "--type",
        "CONSULT",
        "--limit",
        "1000",
    )
    rows = json.loads(result.stdout)
    assert {f"{r['article_id']}-{r['id']}" for r in rows} == expected_keys(
        examples_db, type=["CONSULT"]
    )
    result = run(
        "events", "--db", str(examples_db), "--format", "json", "--clusters", "--limit", "1000"
    )
    clusters = json.loads(result.stdout)
    assert clusters[0]["independent_sources"] >= clusters[-1]["independent_sources"]
    assert sum(c["events"] for c in clusters) == len(expected_keys(examples_db))
    stats = json.loads(run("stats", "--db", str(examples_db), "--format", "json").stdout)
    assert stats["clusters"] == len(clusters) and stats["wire_copies"] == 3


def test_admin2_is_the_district_of_the_events_place():
    from sitroom.export.acled import admin2
    from sitroom.kb.gazetteer import load_gazetteer

    town = next(e for e in load_gazetteer().candidates("Bakhmut") if e.fcode == "PPL")
    assert admin2(town.id) == town.admin2 and town.admin2
    assert admin2(None) is None and admin2("sitroom:no-such-place") is None
