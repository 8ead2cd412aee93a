"""A separate process for the concurrency tests: ``write DB FIRST LAST BATCH`` stores
synthetic articles FIRST..LAST-1 and prints its report as JSON; ``hold DB`` keeps the
file open for writing until killed."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from storebuild import article, word_salad

from sitroom.model import Extraction
from sitroom.store import Store, writing


def write(db: Path, first: int, last: int, batch: int) -> None:
    extractions = (
        Extraction(article=article(word_salad(i), title=f"story {i}")) for i in range(first, last)
    )
    report = Store(db).write(extractions, batch_size=batch)
    print(json.dumps({"new": report.new, "duplicate": report.duplicate}), flush=True)


def hold(db: Path) -> None:
    with writing(db):
        print("held", flush=True)
        time.sleep(600)


if __name__ == "__main__":
    command, db, *args = sys.argv[1:]
    if command == "write":
        write(Path(db), *(int(a) for a in args))
    else:
        hold(Path(db))
