"""Command line: ``sitroom <command> --help``. Each command lives in its own module."""

from sitroom.cli import (  # noqa: F401  (importing a command module registers it on the app)
    actors_cmd,
    articles_cmd,
    bench_cmd,
    claims_cmd,
    correct_cmd,
    eval_cmd,
    events_cmd,
    export_cmd,
    extract_cmd,
    ingest_cmd,
    reextract_cmd,
    serve_cmd,
    spark_cmd,
    stats_cmd,
    watch_cmd,
)
from sitroom.cli.app import app


def main() -> None:
    app()
