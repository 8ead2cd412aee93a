"""Roles stated in the text around a person's name.

Two shapes carry nearly all of them in news copy:
- a pre-modifier title: "Syrian President Ahmed Al-Sharaa", "US General Michael Kurilla";
- an appositive: "Kurilla, head of Central Command," / "Mohamadawi, deputy commander of
  the Iraqi operations unit,".
The role is coded like any mention (demonym -> country, agent noun -> sector; an
organisation named in the appositive lends its own code) and kept with its evidence, so
a person the KB does not know still gets a dated code, and one it knows gets a fresh
source for its current role.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from sitroom import settings
from sitroom.extract.actors.resolve import (
    TITLE_FILLERS,
    Composition,
    agent_sector,
    compose,
    demonym,
    kb,
    lookup_id,
)
from sitroom.model import Evidence, Role

HEAD_WORDS = {
    "head",
    "chief",
    "leader",
    "director",
    "spokesman",
    "spokeswoman",
    "commander",
    "deputy",
    "member",
}
APPOSITIVE_STOP = {",", ".", ";", "—", "–", "(", ")", '"', "“", "”"}


@dataclass
class StatedRole:
    """A role read from the text, with the rule that read it."""

    role: Role
    rule: str
    composition: Composition | None = None


def _title_token(tok) -> bool:
    low = tok.lower_
    return (tok.is_alpha or low in ("u.s.", "u.k.")) and (
        tok.is_title or tok.is_upper or low in TITLE_FILLERS or low in kb().agents
    )


def prefix_role(ent: Span, article_id: str | None) -> StatedRole | None:
    """Role from the title words right before a person's name ("Iraqi General X")."""
    doc = ent.doc
    best = None
    start = ent.start
    reach = settings.integer("actors.title_prefix_words")
    while (
        start > 0
        and ent.start - start < reach
        and _title_token(doc[start - 1])
        and doc[start - 1].ent_type_ not in ("PERSON", "ORG")
    ):
        start -= 1
        comp = compose(doc[start : ent.end].text)
        if comp is not None and comp.name == " ".join(t.text for t in ent if not t.is_space):
            best = (start, comp)
    if best is None:
        return None
    start, comp = best
    if comp.sector is None and comp.country is None:
        return None
    span = doc[start : ent.end]
    role = Role(
        country=comp.country,
        sector=comp.sector,
        title=" ".join(x for x in (comp.demonym, comp.title) if x) or None,
        source=article_id,
        evidence=Evidence(span.start_char, span.end_char, span.text),
    )
    return StatedRole(role, "actors.role-title", comp)


def appositive_role(ent: Span, article_id: str | None) -> StatedRole | None:
    """Role from ", head of Central Command," after a person's name."""
    doc = ent.doc
    i = ent.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1
    reach = settings.integer("actors.appositive_words")
    while (
        j < len(doc)
        and j - i <= reach
        and doc[j].text not in APPOSITIVE_STOP
        and doc[j].pos_ != "VERB"
    ):
        j += 1
    if j >= len(doc) or doc[j].text not in APPOSITIVE_STOP or j == i + 1:
        return None
    phrase = doc[i + 1 : j]
    words = [t.text for t in phrase]
    if words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if not words or (
        words[0].lower() not in HEAD_WORDS
        and words[0].lower() not in TITLE_FILLERS
        and agent_sector(words)[1] == 0
    ):
        return None
    sector = None
    for k in range(len(words)):
        s, n = agent_sector(words[k:])
        if n:
            sector = s
            break
    country = None
    for tok in phrase:
        d = demonym(tok.text)
        if d and d[0]:
            country = d[0]
            break
    for e in phrase.ents:
        aid = lookup_id(e.text)
        if aid and e.label_ in ("ORG", "NORP", "GPE"):
            org = kb().actors[aid]
            country = country or org.country
            if words[0].lower() in HEAD_WORDS and org.sector:
                sector = org.sector
            break
    if country is None and sector is None:
        return None
    role = Role(
        country=country,
        sector=sector,
        title=phrase.text,
        source=article_id,
        evidence=Evidence(phrase.start_char, phrase.end_char, phrase.text),
    )
    return StatedRole(role, "actors.role-appositive")
