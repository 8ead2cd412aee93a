"""The Python API for notebooks and scripts: ``sitroom.open(db)``.

    >>> import sitroom
    >>> room = sitroom.open("data/sitroom.duckdb")
    >>> room.events(actor="ISIS", since="2023-01-01")          # pandas DataFrame
    >>> room.claims(subject_key="islamic-state/fighters/IRQ", format="arrow")

Read-only: each call opens the store ``read_only`` for that query and closes it, so a
notebook never blocks an ingest running in another process (and waits briefly, with
bounded retries, while a batch commits). Tables come back as pandas DataFrames by
default, or ``format="arrow"`` (pyarrow Table), ``"polars"`` (when polars is installed)
or ``"records"`` (dicts, JSON columns decoded). Filters are those of
``sitroom.query.queries``; ``limit=None`` returns every row.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from sitroom.query import clusters as cluster_queries
from sitroom.query import queries
from sitroom.store import StoreError, reading

Format = Literal["pandas", "arrow", "polars", "records"]


class Sitroom:
    """Query helpers over one store file."""

    def __init__(self, db_path: Path | str, format: Format = "pandas") -> None:
        self.path = Path(db_path)
        if not self.path.is_file():
            raise StoreError(
                f"{self.path}: no store here (run `sitroom ingest ... --db {self.path}` first)"
            )
        self.format = format

    def __repr__(self) -> str:
        return f"Sitroom({str(self.path)!r})"

    def _run(self, query: queries.Query, format: Format | None) -> Any:
        fmt = format or self.format
        with reading(self.path) as con:
            if fmt == "records":
                return queries.fetch(con, query)
            if fmt == "pandas":
                return queries.fetch_df(con, query)
            table = queries.fetch_arrow(con, query)
        if fmt == "arrow":
            return table
        if fmt == "polars":
            try:
                import polars
            except ImportError as exc:
                raise StoreError(
                    "format='polars' needs the polars package (pip install polars)"
                ) from exc
            return polars.from_arrow(table)
        raise ValueError(f"unknown format {fmt!r}: use pandas, arrow, polars or records")

    def articles(
        self, format: Format | None = None, limit: int | None = None, **filters: Any
    ) -> Any:
        """Articles (filters: search, source, since, until, ids, include_duplicates, with_text)."""
        return self._run(queries.articles(limit=limit, **filters), format)

    def search(self, text: str, format: Format | None = None, limit: int | None = 100) -> Any:
        """Articles containing every word of ``text``."""
        return self._run(queries.articles(search=text, limit=limit), format)

    def events(self, format: Format | None = None, limit: int | None = None, **filters: Any) -> Any:
        """Events (filters: actor incl. aliases, type, country, place, bbox, since, until,
        modality, source, article)."""
        return self._run(queries.events(limit=limit, **filters), format)

    def clusters(
        self, format: Format | None = None, limit: int | None = None, **filters: Any
    ) -> Any:
        """Event clusters with their members and source counts (filters: those of
        ``events`` plus mode, cluster, min_sources, min_independent_sources)."""
        return self._run(cluster_queries.clusters(limit=limit, **filters), format)

    def cluster(self, cluster_id: str, format: Format | None = None) -> Any:
        """The events of one cluster with their articles and independent-source keys."""
        return self._run(cluster_queries.cluster_members(cluster_id), format)

    def timeline(self, format: Format | None = None, **filters: Any) -> Any:
        """Events per day and type, under the same filters as ``events``."""
        return self._run(queries.events_per_day(**filters), format)

    def actors(self, format: Format | None = None, limit: int | None = None, **filters: Any) -> Any:
        """Actors (filters: search, country, kind)."""
        return self._run(queries.actors(limit=limit, **filters), format)

    def roles(self, actor: str, format: Format | None = None) -> Any:
        """An actor's dated roles."""
        return self._run(queries.actor_roles(actor), format)

    def places(self, format: Format | None = None, limit: int | None = None, **filters: Any) -> Any:
        """Places (filters: search, country, bbox)."""
        return self._run(queries.places(limit=limit, **filters), format)

    def claims(
        self,
        subject_key: str | None = None,
        format: Format | None = None,
        limit: int | None = None,
        **filters: Any,
    ) -> Any:
        """Claims, oldest first (filters: actor, claimant, since, until, source)."""
        return self._run(queries.claims(subject_key=subject_key, limit=limit, **filters), format)

    def compare_claims(
        self, subject_key: str | None = None, only_disagreements: bool = False
    ) -> list[dict[str, Any]]:
        """Per subject_key: its claims over time with their intervals, the pairs that
        disagree (same scope and month, no overlap) and related scopes (``claims_compare``)."""
        from sitroom.query.claims_compare import compare

        with reading(self.path) as con:
            return compare(con, subject_key, only_disagreements)

    def corrections(
        self, kind: str | None = None, target: str | None = None, format: Format | None = None
    ) -> Any:
        """The audit trail of corrections, oldest first (filters: kind, target id): dicts
        with ``format="records"``, else a pandas DataFrame (its nested values suit no Arrow
        schema)."""
        from sitroom.corrections.journal import rows

        with reading(self.path) as con:
            found = rows(con, kind, target)
        if (format or self.format) == "records":
            return found
        import pandas

        return pandas.DataFrame(found)

    def watchlist(self, name: str, format: Format | None = None, limit: int | None = None) -> Any:
        """Events a saved watchlist matches now (read-only: its cursor does not move)."""
        from sitroom.watchlists import get

        return self._run(queries.events(limit=limit, **get(self.path, name).filters()), format)

    def stats(self) -> dict[str, Any]:
        """The counts ``sitroom stats`` prints."""
        with reading(self.path) as con:
            return queries.stats(con)

    def sql(self, text: str, params: list[Any] | None = None, format: Format | None = None) -> Any:
        """Any read-only SQL over the store's tables, for questions the helpers miss."""
        return self._run(queries.Query(text, list(params or [])), format)


def open(db_path: Path | str, format: Format = "pandas") -> Sitroom:
    """Open a store for reading."""
    return Sitroom(db_path, format)
