"""What every query builder shares: the ``Query`` it returns (SQL, parameters, and the
rows to count for a page total), ``Lookup`` parameters, the ``Where`` clause collector,
paging, and running a query on a connection from ``connection.reading``."""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb

from sitroom import settings

JSON_COLUMNS = frozenset({"actors", "recipients", "size", "reported_by", "record", "provenance"})
_ALL = 2**62


@dataclass(frozen=True)
class Lookup:
    """A parameter whose value is the first column of the first row of ``sql``, run on
    the same connection just before the query (so the query compares rows to a constant
    instead of joining a subquery)."""

    sql: str
    params: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Query:
    sql: str
    params: list[Any] = field(default_factory=list)
    unpaged: Query | None = None
    """The same rows without the page and the wide columns, for ``count``."""


class Where:
    """Collects ``AND``-ed conditions with their parameters, in order."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []
        self.joins = False
        """Set by a filter that is a semi-join (events of an actor): DuckDB then reads every
        column of every row it joins, so a page is cut on narrow columns first."""
        self.visible = ""
        self.named: tuple[str, str, list[Any]] | None = None
        """The actor filter (SQL of the ids, role column, parameters), when there is one."""

    def only_named(self) -> bool:
        """Whether the actor filter is the only one (rejected rows aside)."""
        return self.named is not None and len(self.clauses) == 1 + bool(self.visible)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return f"WHERE {' AND '.join(self.clauses)}" if self.clauses else ""


def as_list(value: str | Sequence[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


class Default(enum.Enum):
    """A page size the caller left to the settings: the value names the setting."""

    PAGE = "query.page_size"
    CO_ACTORS = "query.co_actors_size"


Limit = int | None | Default
"""A query's ``limit``: a number of rows, ``None`` for every row, or a ``Default``."""


def page(limit: Limit, offset: int) -> tuple[str, list[int]]:
    """``limit=None`` means every row (notebooks); servers pass their own capped limit."""
    if isinstance(limit, Default):
        limit = settings.integer(limit.value)
    limit = _ALL if limit is None else max(0, int(limit))
    return "LIMIT ? OFFSET ?", [limit, max(0, int(offset))]


def count(query: Query) -> Query:
    """The number of rows ``query`` would return without its page, for pagination totals."""
    if query.unpaged is not None:
        return Query(f"SELECT count(*) AS n FROM ({query.unpaged.sql})", query.unpaged.params)
    sql = re.sub(r"\s+LIMIT \? OFFSET \?$", "", query.sql)
    params = query.params[:-2] if sql != query.sql else query.params
    return Query(f"SELECT count(*) AS n FROM ({sql})", params)


def scalar(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    """The one value a constant SQL query returns (fetched whole: DuckDB refuses other work
    on a connection with an unfinished result)."""
    return con.execute(sql).fetchall()[0][0]


def _params(con: duckdb.DuckDBPyConnection, query: Query) -> list[Any]:
    """The query's parameters with every ``Lookup`` run (each distinct one once)."""
    found: dict[Lookup, Any] = {}
    out = []
    for value in query.params:
        if isinstance(value, Lookup):
            if value not in found:
                found[value] = con.execute(value.sql, list(value.params)).fetchall()[0][0]
            value = found[value]
        out.append(value)
    return out


def fetch(con: duckdb.DuckDBPyConnection, query: Query) -> list[dict[str, Any]]:
    """Rows as dicts, JSON columns decoded."""
    cur = con.execute(query.sql, _params(con, query))
    names = [d[0] for d in cur.description]
    decode = [n in JSON_COLUMNS for n in names]
    return [
        {
            n: (json.loads(v) if d and isinstance(v, str) else v)
            for n, d, v in zip(names, decode, row, strict=True)
        }
        for row in cur.fetchall()
    ]


def fetch_df(con: duckdb.DuckDBPyConnection, query: Query):  # -> pandas.DataFrame
    return con.sql(query.sql, params=_params(con, query)).df()


def fetch_arrow(con: duckdb.DuckDBPyConnection, query: Query):  # -> pyarrow.Table
    return con.sql(query.sql, params=_params(con, query)).to_arrow_table()
