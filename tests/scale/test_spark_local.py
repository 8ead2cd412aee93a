"""The Spark job in local[2] mode equals the single-machine pipeline on the same input,
and a re-run overwrites its files instead of adding rows."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from testpaths import EXAMPLES

pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Java is needed for Spark", allow_module_level=True)

from sitroom.ingest import extract_batch
from sitroom.scale.job import run_job, spark_session
from sitroom.scale.parquet_import import import_parquet
from sitroom.scale.partition import articles_of, input_key, table_rows, table_schemas

pytestmark = [pytest.mark.spark, pytest.mark.slow]

INPUTS = sorted(str(p) for p in (EXAMPLES / "records").glob("*.jsonl")) + sorted(
    str(p) for p in (EXAMPLES / "warc").glob("*.warc*")
)
COMPARED = ("articles", "mentions", "events", "claims", "times", "places", "actors")


@pytest.fixture(scope="module")
def spark():
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = spark_session("local[2]", driver_memory="1g", app_name="sitroom-test")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def job(spark, tmp_path_factory):
    out = tmp_path_factory.mktemp("spark-out")
    first = run_job(INPUTS, str(out), spark=spark)
    files_first = sorted(p.relative_to(out) for p in out.rglob("*.parquet"))
    rows_first = _read(out)
    second = run_job(INPUTS, str(out), spark=spark)
    return {
        "out": out,
        "first": first,
        "second": second,
        "files_first": files_first,
        "rows_first": rows_first,
    }


def _read(out: Path) -> dict[str, list[dict]]:
    found = {}
    for table in COMPARED:
        files = sorted((out / table).rglob("*.parquet"))
        found[table] = [
            r for f in files for r in pq.read_table(f, schema=table_schemas()[table]).to_pylist()
        ]
    return found


@pytest.fixture(scope="module")
def single_machine() -> dict[str, list[dict]]:
    """The same inputs through the same code in this one process, typed like the files."""
    collected: dict[str, list[dict]] = {t: [] for t in COMPARED}
    for path in INPUTS:
        problems: list[str] = []
        articles = list(
            {a.id: a for a in articles_of(str(Path(path).resolve()), problems)}.values()
        )
        for x in extract_batch(articles, problems.append):
            for table, rows in table_rows(x).items():
                if table in collected:
                    collected[table].extend(rows)
    return {
        t: pa.Table.from_pylist(rows, schema=table_schemas()[t]).to_pylist()
        for t, rows in collected.items()
    }


def _keyed(rows: list[dict], table: str) -> dict[tuple, dict]:
    if table == "articles":
        return {(r["id"],): r for r in rows}
    key = "idx" if "idx" in rows[0] else "id"
    return {(r["article_id"], r[key]): r for r in rows}


def test_job_reads_every_input_and_reports_no_problem(job):
    first = job["first"]
    assert first["inputs"] == len(INPUTS) >= 2
    assert first["problems"] == []
    assert first["articles"] > 0 and first["files_written"] > 0


@pytest.mark.parametrize("table", COMPARED)
def test_output_equals_single_machine_pipeline(job, single_machine, table):
    spark_rows, local_rows = job["rows_first"][table], single_machine[table]
    assert len(spark_rows) == len(local_rows)
    if not local_rows:
        return
    assert _keyed(spark_rows, table) == _keyed(local_rows, table)


def test_articles_and_events_are_there_to_compare(single_machine):
    assert len(single_machine["articles"]) >= 5
    assert single_machine["mentions"], "the pipeline found no mentions at all"


def test_rerun_overwrites_instead_of_duplicating(job):
    out = job["out"]
    assert sorted(p.relative_to(out) for p in out.rglob("*.parquet")) == job["files_first"]
    assert _read(out) == job["rows_first"]
    assert job["second"]["articles"] == job["first"]["articles"]


def test_files_are_date_partitioned_zstd_named_after_their_input(job):
    files = [job["out"] / f for f in job["files_first"]]
    assert all(f.parent.name.startswith("pub_day=") for f in files)
    keys = {input_key(str(Path(p).resolve())) for p in INPUTS}
    assert {f.stem for f in files} == keys
    meta = pq.ParquetFile(files[0]).metadata
    assert meta.row_group(0).column(0).compression == "ZSTD"


def test_store_imports_the_output_once(job, tmp_path):
    import duckdb

    db = tmp_path / "store.duckdb"
    added = import_parquet(job["out"], db)
    assert added["articles"] == len(job["rows_first"]["articles"])
    assert added["events"] == len(job["rows_first"]["events"])
    again = import_parquet(job["out"], db)
    assert set(again.values()) == {0}
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = {r[0] for r in con.execute("SELECT id FROM articles").fetchall()}
    finally:
        con.close()
    assert stored == {r["id"] for r in job["rows_first"]["articles"]}


def test_duckdb_queries_the_parquet_directly(job):
    import duckdb

    pattern = str(job["out"] / "articles" / "**" / "*.parquet")
    n = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{pattern}', hive_partitioning = true)"
    ).fetchall()[0][0]
    assert n == len(job["rows_first"]["articles"])
