"""Text -> actor: KB aliases, near spellings, and compositional coding of unknown names.

Used by the ``sitroom_actors`` component, by ``sitroom actors resolve`` and by other
stages (``resolve_text``). Resolution order, each step named in the result's
``explanation.rule`` so a code can always be traced:

1. ``actors.kb-alias``: the whole text is a KB name or alias (case, accents, hyphens,
   "al-" particles and a leading "the" ignored).
2. ``actors.compositional``: demonym + agent noun(s) + optional name ("Iraqi General
   Qais Al-Mohamadawi" -> IRQ MIL; "Kurdish forces" -> ethnicity Kurdish, UAF). A name
   the KB knows keeps its KB id; the stated title becomes a role learned from the text.
3. ``actors.fuzzy``: a near spelling of a recent or curated KB name (rapidfuzz).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from sitroom import settings
from sitroom.extract.common import rule_table
from sitroom.kb.actors import NEWER_SOURCES, ActorKB, load_kb, role_on
from sitroom.kb.actors.names import norm_alias, slug
from sitroom.model import Actor, Explanation, Role

SECTOR_WORD = {
    "GOV": "government",
    "MIL": "military",
    "COP": "police",
    "JUD": "judiciary",
    "LEG": "legislature",
    "REB": "rebels",
    "SPY": "intelligence",
    "UAF": "forces",
    "OPP": "opposition",
    "PTY": "party",
    "REL": "clergy",
    "CVL": "civilians",
    "MED": "media",
    "BUS": "business",
    "REF": "refugees",
}
# Words of a title that name no sector by themselves; they may sit between a demonym and a name.
TITLE_FILLERS = {
    "counterpart",
    "deputy",
    "former",
    "senior",
    "top",
    "acting",
    "then",
    "new",
    "chief",
    "head",
    "of",
    "the",
}
GROUP_SUFFIX = re.compile(r"\s+(group|organi[sz]ation|movement|militia)$", re.I)
_WORD = re.compile(r"[\w'’.-]+")


@dataclass(frozen=True)
class Composition:
    """What a demonym + agent-noun prefix says: country, ethnicity, sector and the words."""

    country: str | None
    ethnicity: str | None
    sector: str | None
    title: str
    name: str  # what follows the prefix: a personal or group name, or ""
    demonym: str = ""  # the demonym words as written ("Iraqi")


def kb() -> ActorKB:
    return load_kb()


def _alias_rank(alias: str, name: str) -> tuple[int, int, str]:
    """Names people search by first: acronyms ("ISIS", "SDF"), then names sharing a word
    with the canonical name ("Islamic State group"), then the rest (Phoenix also lists a
    group's members and predecessors as its aliases), shortest first within each."""
    words = {w.lower() for w in name.split() if len(w) > 2}
    if alias.isupper() and len(alias) <= 6:
        tier = 0
    elif words & {w.lower() for w in alias.split()}:
        tier = 1
    else:
        tier = 2
    return tier, len(alias), alias


def actor_from_kb(
    actor_id: str, date: str | None, rule: str = "actors.kb-alias", score: float | None = None
) -> Actor:
    """The KB actor as a model record coded for ``date`` (roles attached, all of them);
    ``score`` defaults to the KB record's own."""
    k = kb()
    row = k.actors[actor_id]
    roles = [
        Role(r.country, r.sector, r.title, r.start, r.end, r.source)
        for r in k.roles.get(actor_id, [])
    ]
    role = role_on(roles, date)
    country, sector = (role.country, role.sector) if role else (row.country, row.sector)
    aliases = sorted(
        (a for a in k.alias_text.get(actor_id, []) if a != row.name),
        key=lambda a: _alias_rank(a, row.name),
    )
    return Actor(
        id=actor_id,
        name=row.name,
        aliases=aliases[: settings.integer("actors.max_aliases")],
        kind=row.kind,
        country=country,
        sector=sector,
        roles=roles,
        ethnicity=row.ethnicity,
        explanation=Explanation(
            rule=rule,
            score=rule_table.score("actors", "actors.kb-record") if score is None else score,
        ),
    )


def lookup_id(text: str, kinds: set[str] | frozenset[str] | None = None) -> str | None:
    """Best KB id for an exact alias, optionally only of some kinds (person, state, ...)."""
    k = kb()
    for aid in k.lookup(text):
        if kinds is None or k.actors[aid].kind in kinds:
            return aid
    return None


def lookup_on(text: str, date: str | None, kinds: set[str] | None = None) -> str | None:
    """Best KB id for an exact alias among the actors that existed on ``date``: where a
    name is shared ("RENAMO" the rebels of 1985, the party from 1994), one whose dated
    roles all lie elsewhere gives way; the best-ranked is kept when none fits."""
    k = kb()
    ids = [a for a in k.lookup(text) if kinds is None or k.actors[a].kind in kinds]
    for aid in ids:
        roles = k.roles.get(aid, [])
        if not any(r.start or r.end for r in roles) or role_on(roles, date) is not None:
            return aid
    return ids[0] if ids else None


@lru_cache(maxsize=1)
def _fuzzy_choices() -> tuple[list[str], list[str]]:
    """Keys of recent/curated aliases (the region's actors) for near-spelling matches."""
    k = kb()
    keys, ids = [], []
    shortest = settings.integer("actors.fuzzy_min_chars")
    for aid, texts in k.alias_text.items():
        if k.actors[aid].source in NEWER_SOURCES:
            for t in texts:
                key = norm_alias(t)
                if len(key) >= shortest:
                    keys.append(key)
                    ids.append(aid)
    return keys, ids


def fuzzy_id(text: str) -> tuple[str, float] | None:
    """(id, score 0-1) of a recent KB name spelled slightly differently ("Mohammadawi")."""
    key = norm_alias(text)
    if len(key) < settings.integer("actors.fuzzy_min_chars"):
        return None
    keys, ids = _fuzzy_choices()
    hit = process.extractOne(
        key, keys, scorer=fuzz.ratio, score_cutoff=settings.integer("actors.fuzzy_cutoff")
    )
    return (ids[hit[2]], hit[1] / 100) if hit else None


def demonym(word: str) -> tuple[str | None, str | None] | None:
    """(country, ethnicity) for "Iraqi", "US", "Kurdish"; None when the word is none."""
    return kb().demonyms.get(word.lower().strip(".").replace("’", "'")) or kb().demonyms.get(
        word.lower()
    )


def agent_sector(words: list[str]) -> tuple[str | None, int]:
    """Sector of the longest agent noun at the start of ``words`` and how many words it spans."""
    agents = kb().agents
    for n in range(min(4, len(words)), 0, -1):
        phrase = " ".join(w.lower() for w in words[:n])
        if phrase in agents:
            return agents[phrase], n
    return None, 0


def compose(text: str) -> Composition | None:
    """Split "Iraqi General Qais Al-Mohamadawi" into demonym, title and name.

    The text must start with a demonym ("US", "Iraqi", "Kurdish") or an agent noun
    ("General Mohamadawi", "security forces"); the sector is the last agent noun of the
    title ("Iraqi Defense Minister X" -> GOV)."""
    words = _WORD.findall(text)
    if words and words[0].lower() == "the":
        words = words[1:]
    country = ethnicity = None
    i = 0
    demonym_words = []
    while i < len(words) and (d := demonym(words[i])) is not None:
        country, ethnicity = country or d[0], ethnicity or d[1]
        demonym_words.append(words[i])
        i += 1
    sector: str | None = None
    title_words: list[str] = []
    while i < len(words):
        s, n = agent_sector(words[i:])
        if n:
            sector, title_words, i = s, title_words + words[i : i + n], i + n
        elif words[i].lower() in TITLE_FILLERS and i + 1 < len(words):
            title_words.append(words[i])
            i += 1
        else:
            break
    if (country is None and ethnicity is None and sector is None) or (
        sector is None and i == len(words)
    ):
        return None
    name = " ".join(words[i:])
    if name and not name[0].isupper():
        return None
    return Composition(
        country, ethnicity, sector, " ".join(title_words), name, " ".join(demonym_words)
    )


def group_actor(comp: Composition, date: str | None) -> Actor:
    """An unnamed collective ("Iraqi forces", "Kurdish fighters", "security forces").

    Its id joins the state (or ethnicity) with the sector word, so "Iraqi troops" and
    "Iraqi forces" meet as ``iraq-military``. An ethnicity without a state codes UAF for
    armed nouns: the ontology gives Kurdish forces the state they operate in, which the
    text alone does not say."""
    k = kb()
    sector = comp.sector
    state = k.state_for(comp.country)
    owner = state or (slug(comp.ethnicity) if comp.ethnicity else None)
    if comp.country is None and comp.ethnicity and sector in ("MIL", "REB"):
        sector = "UAF"
    word = SECTOR_WORD.get(sector or "", slug(comp.title) or "actors")
    aid = f"{owner}-{word}" if owner else slug(comp.title or word)
    name = " ".join(x for x in [comp.demonym, comp.title or word] if x)
    return Actor(
        id=aid,
        name=name,
        kind="group",
        country=comp.country,
        sector=sector,
        ethnicity=comp.ethnicity,
        explanation=Explanation(
            rule="actors.compositional-group",
            score=rule_table.score("actors", "actors.compositional-group"),
        ),
    )


def government_of(country: str, rule: str, score: float) -> Actor:
    """The state's government as an actor ("Moscow said" -> ``russia-government``, RUS GOV)."""
    k = kb()
    state_id = k.state_for(country)
    if state_id is None:  # callers ask only for countries the KB has a state for
        raise KeyError(country)
    state = k.actors[state_id]
    return Actor(
        id=f"{state.id}-government",
        name=f"Government of {state.name}",
        kind="government",
        country=country,
        sector="GOV",
        explanation=Explanation(rule=rule, score=score),
    )


def resolve_text(text: str, date: str | None = None) -> Actor | None:
    """The actor a mention's text codes to on ``date`` (ISO), or None.

    KB names win; otherwise a demonym + agent-noun prefix codes the name compositionally
    (an unknown person keeps a stable id: the slug of the name)."""
    text = text.strip()
    if not text:
        return None
    aid = lookup_on(text, date) or lookup_on(GROUP_SUFFIX.sub("", text), date)
    if aid:
        return actor_from_kb(aid, date)
    named_state = _demonym_state(text)
    if named_state:
        return actor_from_kb(named_state, date, rule="actors.state")
    capital = kb().capitals.get(norm_alias(text))
    if capital and kb().state_for(capital):
        return government_of(
            capital,
            "actors.metonymy-capital",
            rule_table.score("actors", "actors.metonymy-capital.text"),
        )
    comp = compose(text)
    if comp is not None:
        if not comp.name:
            return group_actor(comp, date)
        named = lookup_id(comp.name) or (fuzzy_id(comp.name) or (None,))[0]
        role = Role(
            country=comp.country, sector=comp.sector, title=comp.title or None, source="text"
        )
        if named:
            actor = actor_from_kb(
                named,
                date,
                rule="actors.compositional-kb",
                score=rule_table.score("actors", "actors.compositional-kb"),
            )
            if actor.country is None and actor.sector is None:
                actor.country, actor.sector = comp.country, comp.sector
            return actor
        return Actor(
            id=slug(comp.name),
            name=comp.name,
            kind="person" if comp.sector else "unknown",
            country=comp.country,
            sector=comp.sector,
            roles=[role],
            ethnicity=comp.ethnicity,
            explanation=Explanation(
                rule="actors.compositional",
                score=rule_table.score("actors", "actors.compositional"),
            ),
        )
    same_person = kb().person_by_initial(text)
    if same_person:
        return actor_from_kb(
            same_person,
            date,
            rule="actors.person-initial",
            score=rule_table.score("actors", "actors.person-initial"),
        )
    near = fuzzy_id(text)
    if near:
        return actor_from_kb(near[0], date, rule="actors.fuzzy", score=near[1])
    spelled = kb().spelled(text, settings.integer("actors.spelling_cutoff"))
    if spelled:
        return actor_from_kb(spelled[0], date, rule="actors.spelling", score=spelled[1])
    return None


def _demonym_state(text: str) -> str | None:
    """The state a bare demonym names ("British", "the Armenians" is not one: plural
    peoples are populations, not the state)."""
    words = _WORD.findall(text)
    if words and words[0].lower() == "the":
        words = words[1:]
    if len(words) != 1:
        return None
    found = demonym(words[0])
    return kb().state_for(found[0]) if found and found[0] else None
