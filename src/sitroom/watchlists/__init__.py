"""Watchlists: saved event queries (actor, types, country, place, date window) kept in the
store, each with a cursor so ``sitroom watch run`` reports only what arrived since its
last run, and an Atom feed (``feed.watchlist_feed``) so analysts can follow a theatre from
any feed reader.

The cursor is the highest article ``seq`` already reported: seqs only grow, so "new" means
"stored after the last run", whatever the events' own dates (a story about last year's
battle ingested today is news to the desk). Events come through ``queries.events``, so
corrections apply and rejected events never show.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sitroom.query import clusters as cluster_queries
from sitroom.query import queries
from sitroom.store import Store, StoreError, reading, writing

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_COLUMNS = (
    "name",
    "actor",
    "types",
    "country",
    "place",
    "since",
    "until",
    "days",
    "created_at",
    "cursor_seq",
    "last_run_at",
)


class WatchlistError(ValueError):
    """A watchlist that cannot be saved or found; one line naming it and why."""


@dataclass
class Watchlist:
    name: str
    actor: str | None = None
    types: list[str] = field(default_factory=list)
    country: str | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None
    days: int | None = None
    created_at: dt.datetime | None = None
    cursor_seq: int = 0
    last_run_at: dt.datetime | None = None

    def filters(self, today: dt.date | None = None) -> dict[str, Any]:
        """``queries.events`` keyword filters; ``days`` is a window ending today."""
        since = self.since
        if self.days:
            window = ((today or dt.date.today()) - dt.timedelta(days=self.days)).isoformat()
            since = max(since, window) if since else window
        return {
            "actor": self.actor,
            "type": self.types or None,
            "country": self.country,
            "place": self.place,
            "since": since,
            "until": self.until,
        }

    def describe(self) -> str:
        parts = [
            f"{k}={v}"
            for k, v in (
                ("actor", self.actor),
                ("type", ",".join(self.types) or None),
                ("country", self.country),
                ("place", self.place),
                ("since", self.since),
                ("until", self.until),
                ("last", f"{self.days}d" if self.days else None),
            )
            if v
        ]
        return " ".join(parts) or "every event"

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for k in ("created_at", "last_run_at"):
            out[k] = out[k].isoformat(timespec="seconds") if out[k] else None
        return out


def _check(w: Watchlist) -> None:
    if not _NAME.match(w.name):
        raise WatchlistError(
            f"watchlist name {w.name!r}: use letters, digits, '-', '_' or '.' (at most 64)"
        )
    for what, value in (("--since", w.since), ("--until", w.until)):
        if value:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise WatchlistError(f"{what}: {value!r} is not a date YYYY-MM-DD") from None
    if w.days is not None and w.days < 1:
        raise WatchlistError("--days: give a positive number of days")
    if not any((w.actor, w.types, w.country, w.place, w.since, w.until, w.days)):
        raise WatchlistError(
            f"watchlist {w.name!r}: give at least one of --actor, --type, --country, --place, "
            "--since, --until, --days"
        )


def add(db: Path | str, w: Watchlist, replace: bool = False) -> Watchlist:
    """Save ``w``; its cursor starts at 0, so the first run reports everything matching."""
    _check(w)
    store = Store(db)
    w.types = [t.strip().upper() for t in w.types if t.strip()]
    with writing(store.path, store.wait_s) as con:
        exists = con.execute("SELECT count(*) FROM watchlists WHERE name = ?", [w.name]).fetchall()[
            0
        ][0]
        if exists and not replace:
            raise WatchlistError(f"watchlist {w.name!r} exists (use --replace to redefine it)")
        con.execute("DELETE FROM watchlists WHERE name = ?", [w.name])
        con.execute(
            "INSERT INTO watchlists (name, actor, types, country, place, since, until, days, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, now()::TIMESTAMP)",
            [w.name, w.actor, w.types, w.country, w.place, w.since, w.until, w.days],
        )
    return get(store.path, w.name)


def remove(db: Path | str, name: str) -> None:
    store = Store(db)
    with writing(store.path, store.wait_s) as con:
        if not con.execute(
            "DELETE FROM watchlists WHERE name = ? RETURNING name", [name]
        ).fetchall():
            raise WatchlistError(f"watchlist {name!r}: no such watchlist")


def _from_row(row: tuple) -> Watchlist:
    data = dict(zip(_COLUMNS, row, strict=True))
    data["types"] = list(data["types"] or [])
    return Watchlist(**data)


def all_watchlists(db: Path | str) -> list[Watchlist]:
    with reading(Path(db)) as con:
        return [
            _from_row(r)
            for r in con.execute(
                f"SELECT {', '.join(_COLUMNS)} FROM watchlists ORDER BY name"
            ).fetchall()
        ]


def get(db: Path | str, name: str) -> Watchlist:
    with reading(Path(db)) as con:
        row = con.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM watchlists WHERE name = ?", [name]
        ).fetchone()
    if row is None:
        raise WatchlistError(f"watchlist {name!r}: no such watchlist (see `sitroom watch list`)")
    return _from_row(row)


def matching(
    db: Path | str, w: Watchlist, after_seq: int | None = None, limit: int | None = None
) -> tuple[list[dict], int]:
    """Events matching ``w`` (only from articles stored after ``after_seq``), newest first,
    and the highest article seq stored when they were read."""
    with reading(Path(db)) as con:
        top = con.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchall()[0][0]
        rows = queries.fetch(
            con, cluster_queries.events(limit=limit, after_seq=after_seq, **w.filters())
        )
    return rows, top


def run(db: Path | str, name: str, advance: bool = True) -> tuple[Watchlist, list[dict]]:
    """What is new for ``name`` since its last run; moves its cursor on unless ``advance``
    is false (a dry look)."""
    w = get(db, name)
    rows, top = matching(db, w, after_seq=w.cursor_seq)
    if advance:
        store = Store(db)
        with writing(store.path, store.wait_s) as con:
            con.execute(
                "UPDATE watchlists SET cursor_seq = greatest(cursor_seq, ?), last_run_at = "
                "now()::TIMESTAMP WHERE name = ?",
                [top, name],
            )
    return w, rows


__all__ = [
    "StoreError",
    "Watchlist",
    "WatchlistError",
    "add",
    "all_watchlists",
    "get",
    "matching",
    "remove",
    "run",
]
