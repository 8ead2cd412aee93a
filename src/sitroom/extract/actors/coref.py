"""Within-article coreference for actors: one explainable rule, most recent compatible antecedent.

News names a person in full once ("Iraqi General Qais Al-Mohamadawi") and then by surname
("Mohamadawi", "General Mohamadawi"), pronoun ("he told") or description ("the general").
Groups come back as "the group", states as "the country". Each case links to the closest
earlier actor mention of a compatible kind; a short name must equal the tail of the full
name (with "al-" particles ignored) to link.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sitroom.kb.actors.names import norm_alias, strip_particles
from sitroom.model import Actor

PERSON = frozenset({"person"})
GROUPS = frozenset({"armed_group", "organisation", "group", "igo"})
STATES = frozenset({"state", "government"})

PRONOUN_KINDS: dict[str, frozenset[str]] = {
    **dict.fromkeys(["he", "him", "his", "himself", "she", "her", "hers", "herself"], PERSON),
    **dict.fromkeys(["it", "its", "itself"], GROUPS | STATES),
    **dict.fromkeys(["they", "them", "their"], GROUPS),
}
# head noun of a definite description -> kinds it can refer to
DESCRIPTION_KINDS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        [
            "group",
            "organisation",
            "organization",
            "movement",
            "militia",
            "militants",
            "extremists",
            "jihadists",
            "network",
            "coalition",
            "alliance",
            "agency",
            "body",
        ],
        GROUPS,
    ),
    **dict.fromkeys(
        [
            "general",
            "president",
            "minister",
            "leader",
            "official",
            "commander",
            "envoy",
            "spokesman",
            "spokeswoman",
            "premier",
            "king",
            "emir",
            "prince",
            "chief",
            "ambassador",
            "man",
            "woman",
            "officer",
        ],
        PERSON,
    ),
    **dict.fromkeys(["country", "state", "kingdom", "republic", "nation"], frozenset({"state"})),
}


@dataclass
class ChainLink:
    """An actor mention seen so far in the article (offsets into the body)."""

    start: int
    end: int
    actor: str


def referring_kinds(text: str) -> tuple[frozenset[str], str | None] | None:
    """Kinds a pronoun or definite description can refer to, and its head noun.

    "he" -> persons; "the group" -> groups; "the general" -> persons, head "general";
    None for anything else (a name, an indefinite phrase)."""
    words = (
        norm_alias(text).split() if not text.lower().startswith("the ") else text.lower().split()
    )
    if len(words) == 1 and words[0] in PRONOUN_KINDS:
        return PRONOUN_KINDS[words[0]], None
    if len(words) in (2, 3) and words[0] == "the" and words[-1] in DESCRIPTION_KINDS:
        return DESCRIPTION_KINDS[words[-1]], words[-1]
    return None


def antecedent(
    chain: list[ChainLink],
    actors: dict[str, Actor],
    before: int,
    kinds: frozenset[str],
    head: str | None = None,
) -> str | None:
    """Most recent actor mentioned before offset ``before`` whose kind fits.

    With a head noun ("the general"), an actor whose stated or KB title contains it
    is preferred over a merely closer one of the same kind."""
    fitting = [
        link.actor
        for link in reversed(chain)
        if link.end <= before
        and actors.get(link.actor) is not None
        and actors[link.actor].kind in kinds
    ]
    if head:
        for aid in fitting:
            if any(head in (r.title or "").lower() for r in actors[aid].roles):
                return aid
    return fitting[0] if fitting else None


@lru_cache(maxsize=1 << 15)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a person's name as coreference compares them (folded, no "al-").
    Memoised: every short name is compared with every earlier person's names and aliases."""
    return tuple(strip_particles(norm_alias(name)).split())


def short_name_match(name: str, people: list[Actor]) -> Actor | None:
    """An earlier person this short name ("Sharaa", "Al-Mohamadawi") abbreviates.

    The short name's words must be the last words of the person's name or alias, so
    "Assad" links to "Bashar Assad" but "Ahmed" does not link to "Ahmed Al-Sharaa"."""
    key = name_words(name)
    if not key:
        return None
    for person in reversed(people):
        for full in [person.name, *person.aliases]:
            words = name_words(full)
            if len(words) > len(key) and words[-len(key) :] == key:
                return person
    return None
