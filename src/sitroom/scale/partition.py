"""One input partition -> date-partitioned Parquet: the work of one Spark task.

It runs exactly the single-machine code (``sitroom.sources`` readers, ``to_articles``,
``sitroom.ingest.extract_batch`` with the process-wide cached model, the store's row
mapping), so a cluster run and ``sitroom ingest`` agree row for row. Output files are
``<out>/<table>/pub_day=<YYYY-MM-DD|unknown>/<input key>.parquet`` (zstd), the key derived
from the input's path: running an input again overwrites its own files instead of adding
copies. Columns and types are the store's own tables, so importing is a plain insert.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pyarrow import fs

from sitroom.articles.segment import ArticleError, to_articles
from sitroom.ingest import extract_batch
from sitroom.link import neardup
from sitroom.model import Article, Extraction, RawDocument, ReadProblem
from sitroom.store import rows
from sitroom.store.writer import CHILD_TABLES, is_coded
from sitroom.version import PIPELINE_VERSION

TABLES = ("articles", "article_lsh", *CHILD_TABLES)
STORE_ONLY_COLUMNS = {"articles": ("seq", "ingested_at")}
"""Filled by the store when it imports (its sequence and the import time)."""
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


@lru_cache(maxsize=1)
def table_schemas() -> dict[str, pa.Schema]:
    """Arrow schemas of the store's tables as its migrations define them today."""
    import duckdb

    from sitroom.store.migrate import migrate

    con = duckdb.connect(":memory:")
    try:
        migrate(con, label="schema")
        schemas = {}
        for table in TABLES:
            schema = (
                con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
            )  # table: a constant
            drop = STORE_ONLY_COLUMNS.get(table, ())
            schemas[table] = pa.schema([f.remove_metadata() for f in schema if f.name not in drop])
        return schemas
    finally:
        con.close()


def input_key(path: str) -> str:
    """A file name for everything read from ``path``: its readable stem plus a digest of
    the whole path, so two inputs of the same name in different folders never collide."""
    name = Path(path).name
    stem = _UNSAFE.sub("_", name)[:60] or "input"
    return f"{stem}-{hashlib.sha1(path.encode('utf-8')).hexdigest()[:12]}"


def read_documents(path: str) -> Iterator[RawDocument | ReadProblem]:
    """An input's raw documents: sitroom's own readers, or the rows of a Parquet file."""
    if path.lower().endswith(".parquet"):
        yield from _parquet_records(path)
        return
    from sitroom.sources import read_inputs

    yield from read_inputs([path])


def _parquet_records(path: str) -> Iterator[RawDocument | ReadProblem]:
    """Rows with a ``text`` column (and optional title, url, published, ...) as records."""
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException) as exc:
        yield ReadProblem(path, f"not a readable Parquet file: {str(exc).splitlines()[0]}")
        return
    if "text" not in table.column_names:
        yield ReadProblem(path, "Parquet input has no 'text' column")
        return
    for n, record in enumerate(table.to_pylist()):
        text = record.pop("text", None)
        if not isinstance(text, str) or not text.strip():
            yield ReadProblem(f"{path}#row:{n}", "record has no text")
            continue
        hints = {
            k: str(v) if k in ("published", "updated") else v
            for k, v in record.items()
            if v is not None
        }
        yield RawDocument(f"{path}#row:{n}", text, "record", hints)


def articles_of(path: str, problems: list[str]) -> Iterator[Article]:
    for item in read_documents(path):
        if isinstance(item, ReadProblem):
            problems.append(str(item))
            continue
        try:
            yield from to_articles(item)
        except ArticleError as exc:
            problems.append(f"{item.source}: {exc}")


def table_rows(x: Extraction) -> dict[str, list[rows.Row]]:
    """Every table's rows for one article, as the store writes them (less what the store
    itself fills in on import)."""
    stamp = {"pipeline_version": PIPELINE_VERSION}
    sig = neardup.signature(x.article.text)
    out: dict[str, list[rows.Row]] = {
        "articles": [
            {
                **rows.article_row(x, is_coded(x.article)),
                **stamp,
                "minhash": sig.hashvalues.tolist() if sig else None,
            }
        ],
        "article_lsh": [{"key": k, "article_id": x.article.id} for k in (sig.keys if sig else [])],
    }
    for table, table_rows_ in rows.extraction_rows(x).items():
        out[table] = [{**r, **stamp} for r in table_rows_]
    return out


def publication_day(article: Article) -> str:
    match = _DAY.match(article.published or "")
    return match.group(0) if match else "unknown"


def process_input(path: str, out: str) -> dict[str, Any]:
    """Extract everything in one input and write its Parquet files; return a summary."""
    start = time.perf_counter()
    problems: list[str] = []
    seen: set[str] = set()
    articles = []
    for article in articles_of(path, problems):
        if article.id not in seen:  # the same content twice in one input: stored once
            seen.add(article.id)
            articles.append(article)
    by_table_day: dict[tuple[str, str], list[rows.Row]] = defaultdict(list)
    words = 0
    for x in extract_batch(articles, problems.append):
        words += len(x.article.text.split())
        day = publication_day(x.article)
        for table, table_rows_ in table_rows(x).items():
            by_table_day[(table, day)].extend(table_rows_)
    filesystem, root = (
        fs.FileSystem.from_uri(out)
        if "://" in out
        else (fs.LocalFileSystem(), str(Path(out).resolve()))
    )
    key = input_key(path)
    schemas = table_schemas()
    files = []
    for (table, day), table_rows_ in sorted(by_table_day.items()):
        if not table_rows_:
            continue
        folder = f"{root}/{table}/pub_day={day}"
        filesystem.create_dir(folder, recursive=True)
        target = f"{folder}/{key}.parquet"
        pq.write_table(
            pa.Table.from_pylist(table_rows_, schema=schemas[table]),
            target,
            compression="zstd",
            filesystem=filesystem,
        )
        files.append(target)
    return {
        "input": path,
        "articles": len(articles),
        "words": words,
        "files": len(files),
        "problems": problems,
        "seconds": round(time.perf_counter() - start, 3),
    }
