"""Command line: ``sitroom <command> --help``. Each command lives in its own module."""

from sitroom.cli import eval_cmd, extract_cmd  # noqa: F401  (registers commands on the app)
from sitroom.cli import articles_cmd, ingest_cmd, stats_cmd  # noqa: F401
from sitroom.cli import actors_cmd  # noqa: F401
from sitroom.cli import bench_cmd, spark_cmd  # noqa: F401
from sitroom.cli import serve_cmd  # noqa: F401
from sitroom.cli import events_cmd, export_cmd  # noqa: F401
from sitroom.cli import claims_cmd, correct_cmd, reextract_cmd, watch_cmd  # noqa: F401
from sitroom.cli.app import app


def main() -> None:
    app()
