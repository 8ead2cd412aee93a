"""Running the real ``sitroom`` command in a child process with an address-space limit
and a timeout, and reading a store's state for before/after comparisons."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sitroom.store import reading
from sitroom.store.writer import CHILD_TABLES

SITROOM = Path(sys.executable).with_name("sitroom")
ADDRESS_SPACE = 3 * 1024**3


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def command(*args: object) -> list[str]:
    return [str(SITROOM), *map(str, args)]


def run(*args: object, timeout: float = 600) -> subprocess.CompletedProcess:
    """``sitroom ARGS`` to completion under the limits (``TimeoutExpired`` is a failure)."""
    env = {**os.environ, "PYTHONFAULTHANDLER": "0"}
    return subprocess.run(
        command(*args), capture_output=True, text=True, timeout=timeout, preexec_fn=_limit, env=env
    )


def start(*args: object) -> subprocess.Popen:
    return subprocess.Popen(
        command(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_limit
    )


@dataclass(frozen=True)
class StoreState:
    """Article ids and, per article, how many rows each child table holds for it."""

    articles: frozenset[str]
    children: dict[str, dict[str, int]]
    orphans: int

    def rows_of(self, article_id: str) -> dict[str, int]:
        return {t: self.children[t].get(article_id, 0) for t in CHILD_TABLES}


def store_state(db: Path) -> StoreState:
    with reading(db) as con:
        ids = frozenset(r[0] for r in con.execute("SELECT id FROM articles").fetchall())
        children = {
            t: dict(
                con.execute(f"SELECT article_id, count(*) FROM {t} GROUP BY article_id").fetchall()
            )  # constant names
            for t in CHILD_TABLES
        }
        orphans = sum(
            con.execute(
                f"SELECT count(*) FROM {t} WHERE article_id NOT IN (SELECT id FROM articles)"
            ).fetchone()[0]
            for t in (*CHILD_TABLES, "article_lsh")
        )
    return StoreState(ids, children, orphans)


def sources(db: Path) -> dict[str, str]:
    """``{article source: text}`` of every stored article."""
    with reading(db) as con:
        return dict(con.execute("SELECT source, text FROM articles").fetchall())
