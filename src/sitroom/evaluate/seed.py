"""The seed expectations (``../shared/gold/seed/expected.json``) scored by their own checker.

Runs the whole pipeline on ``../shared/corpus/arabnews-2023-2026.txt`` exactly as
``sitroom extract --format jsonl`` does (same reader, same ``extract_articles``), writes the
JSONL to a temporary file and runs ``../shared/tools/seedcheck.py`` on it for each part, so
the figures are the ones the issues are judged by, not a re-implementation of them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from sitroom.articles.stream import articles_from_inputs
from sitroom.extract import extract_articles

NAME = "seed"
CORPUS = Path("corpus") / "arabnews-2023-2026.txt"
CHECKER = Path("tools") / "seedcheck.py"
PARTS = ("articles", "actors", "places", "claims", "events")
TALLY = re.compile(r"^(\w+): (\d+)/(\d+)\s*$")


def _score(checker: Path, part: str, result: Path) -> tuple[int, int]:
    """Run the checker for one part; its last line reads ``PART: K/N``."""
    done = subprocess.run(
        [sys.executable, str(checker), part, str(result)],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    tally = TALLY.match(lines[-1]) if lines else None
    if tally is None:
        raise RuntimeError(
            f"{checker}: no tally for {part}: {(done.stderr or done.stdout).strip()[-200:]}"
        )
    return int(tally.group(2)), int(tally.group(3))


def run(shared: Path, limit: int | None = None) -> dict[str, float | int | str]:
    corpus, checker = shared / CORPUS, shared / CHECKER
    for needed in (corpus, checker):
        if not needed.exists():
            raise FileNotFoundError(2, "not found", str(needed))
    problems: list[str] = []
    figures: dict[str, float | int | str] = {}
    with tempfile.TemporaryDirectory(prefix="sitroom-seed-") as tmp:
        result = Path(tmp) / "seed.jsonl"
        with result.open("w", encoding="utf-8") as out:
            articles = articles_from_inputs(
                [str(corpus)], on_problem=lambda p: problems.append(str(p))
            )
            for extraction in extract_articles(articles):
                out.write(json.dumps(extraction.to_json(), ensure_ascii=False) + "\n")
        for part in PARTS:
            ok, total = _score(checker, part, result)
            figures[f"seed_{part}_ok"] = ok
            figures[f"seed_{part}_total"] = total
    if problems:
        figures["read_problems"] = "; ".join(problems)
    return figures
