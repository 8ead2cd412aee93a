"""Where a write's own rows start in the tables it appends to.

Clustering and source assignment work on the rows a batch just inserted ("events without
a cluster", "articles without a source key"). Asked as a filter on those columns, DuckDB
reads the whole column to find them, so every batch read more of the store than the last.
DuckDB appends: rows inserted after a point
have larger row ids than every row stored before it (inside the open transaction too), and
a ``rowid >=`` filter skips the row groups below it without reading them. So a write notes
the next row id of each table before inserting and the steps after it look only there.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class FirstRows:
    """The smallest row id a write's new ``articles`` and ``events`` rows can have; zero
    (the default) scopes a step to every row, as a store migrated from before clusters
    needs."""

    articles: int = 0
    events: int = 0

    @classmethod
    def next_in(cls, con: duckdb.DuckDBPyConnection) -> FirstRows:
        """The row ids the next inserted rows will get at least, read before inserting."""
        articles, events = con.execute(
            "SELECT (SELECT coalesce(max(rowid) + 1, 0) FROM articles), "
            "(SELECT coalesce(max(rowid) + 1, 0) FROM events)"
        ).fetchall()[0]
        return cls(int(articles), int(events))


EVERY_ROW = FirstRows()
