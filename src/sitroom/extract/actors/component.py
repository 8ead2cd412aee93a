"""``sitroom_actors``: mentions of every named entity, resolved to stable actor ids.

For each entity spaCy (and the actor ruler) found, the component records a ``Mention``
and, when it names an actor, the actor's id, with the rule that decided it:

- ``actors.ruler`` / ``actors.kb-alias`` / ``actors.fuzzy``: a KB actor;
- ``actors.coref-short-name``: "Sharaa" after "Ahmed Al-Sharaa" in the same article;
- ``actors.compositional``: an unknown name coded from its title ("Iraqi General X");
- ``actors.state`` / ``actors.metonymy-capital``: "Russia" the state; "Moscow said",
  "Moscow's reach" the government (a capital only counts when it acts as subject or owner);
- ``actors.new-name``: a person or organisation the KB does not know, kept under the slug
  of its name so it has the same id in every article.

Each actor in ``extraction.actors`` is coded for the article's date (dated KB roles
first, then roles stated in the article, then the KB default) and lists its roles,
those learned from the text with the article id and evidence.

Later components reach them through ``doc._.actor_lookup`` (an ``ActorLookup``:
``resolve_text``, ``actor_for_span``, ``code_for``); the module functions of the same
names serve code holding a Doc the component may not have run on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from sitroom.extract.actors.coref import (
    ChainLink,
    antecedent,
    name_words,
    referring_kinds,
    short_name_match,
)
from sitroom.extract.actors.resolve import (
    actor_from_kb,
    agent_sector,
    compose,
    demonym,
    government_of,
    group_actor,
    kb,
    lookup_id,
    lookup_on,
    resolve_text,
)
from sitroom.extract.actors.roles import appositive_role, prefix_role
from sitroom.extract.common import component_config, rule_table
from sitroom.extract.common.doc_extensions import ACTOR_LOOKUP, EXTRACTION
from sitroom.extract.common.doc_views import char_span, entities, reading, untagged_proper_nouns
from sitroom.extract.common.doctext import text_of
from sitroom.kb.actors import role_on
from sitroom.kb.actors.hygiene import GROUP_KINDS, ORG_WORDS
from sitroom.kb.actors.names import norm_alias, slug
from sitroom.model import Actor, Article, Explanation, Extraction, Mention

__all__ = ["DocActors", "actor_for_span", "code_for", "resolve_text"]

# spaCy's value labels (DATE, CARDINAL, MONEY, ...) are not names: times and claims own them.
NAME_LABELS = {
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "PRODUCT",
}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
NEAR_SPELLINGS = {"actors.fuzzy", "actors.spelling"}  # a person's name may match only a person
COLLECTIVE = {
    "army",
    "military",
    "police",
    "government",
    "navy",
    "militia",
    "regime",
    "leadership",
    "authorities",
    "forces",
    "troops",
    "fighters",
    "militants",
    "rebels",
    "jihadists",
    "officials",
}


@dataclass
class ArticleActors:
    """The article's actors so far: what coreference and later stages look up."""

    date: str | None
    article_id: str | None
    actors: dict[str, Actor] = field(default_factory=dict)
    chain: list[ChainLink] = field(default_factory=list)

    def people(self) -> list[Actor]:
        return [a for a in self.actors.values() if a.kind == "person"]


def _default_code(actor: Actor) -> tuple[str | None, str | None]:
    row = kb().actors.get(actor.id)
    return (row.country, row.sector) if row else (actor.country, actor.sector)


def code_of(actor: Actor, date: str | None) -> tuple[str | None, str | None]:
    """(country, sector) of an actor on ``date``: a KB role holding then, else what the
    article states (title, appositive), else the KB default."""
    role = role_on([r for r in actor.roles if r.evidence is None and r.source != "text"], date)
    if role is not None and (role.country or role.sector):
        return role.country, role.sector
    stated = [r for r in actor.roles if r.evidence is not None or r.source == "text"]
    country = next((r.country for r in stated if r.country), None)
    sector = next((r.sector for r in stated if r.sector), None)
    default = _default_code(actor)
    if country or sector:
        return country or default[0], sector or default[1]
    return default


def _register(state: ArticleActors, ext: Extraction, actor: Actor) -> Actor:
    """Keep one Actor per id in the article; merge roles learned on later mentions."""
    have = state.actors.get(actor.id)
    if have is None:
        state.actors[actor.id] = have = actor
        ext.actors.append(actor)
    else:
        for r in actor.roles:
            if r not in have.roles:
                have.roles.append(r)
    have.country, have.sector = code_of(have, state.date)
    return have


def _learn_roles(ent: Span, actor: Actor, state: ArticleActors) -> None:
    for stated in (prefix_role(ent, state.article_id), appositive_role(ent, state.article_id)):
        if stated is not None and stated.role not in actor.roles:
            actor.roles.append(stated.role)


def _score(rule_id: str) -> float:
    return rule_table.score("actors", rule_id)


def _ruler_actor(ent: Span, state: ArticleActors) -> tuple[Actor, str, float]:
    actor = actor_from_kb(ent.kb_id_, state.date, rule="actors.ruler")
    return actor, "actors.ruler", _score("actors.ruler")


def _new_name(actor_id: str, name: str, kind: str) -> tuple[Actor, str, float]:
    """An actor the KB does not know, under the slug of its name."""
    score = _score("actors.new-name")
    actor = Actor(
        id=actor_id,
        name=name,
        kind=kind,
        explanation=Explanation(rule="actors.new-name", score=score),
    )
    return actor, "actors.new-name", score


def _not_an_actor() -> tuple[str, float]:
    return "actors.not-an-actor", _score("actors.not-an-actor")


def _person(ent: Span, state: ArticleActors) -> tuple[Actor, str, float]:
    name = ent.text
    comp = compose(name)
    if comp is not None and comp.name:
        name = comp.name  # NER sometimes keeps the title: "General Mohamadawi"
    if ent.kb_id_ and ent.kb_id_ in kb().actors:
        return _ruler_actor(ent, state)
    earlier = short_name_match(name, state.people())
    if earlier is not None:
        return earlier, "actors.coref-short-name", _score("actors.coref-short-name")
    aid = lookup_on(name, state.date, {"person"})
    if aid:
        return actor_from_kb(aid, state.date), "actors.kb-alias", _score("actors.kb-alias")
    # the path ``sitroom actors resolve`` takes: a group the NER took for a person ("Boko
    # Haram"), a given name spelled another way; a near spelling only of a person
    actor = resolve_text(ent.text, state.date)
    if actor is not None and actor.explanation is not None and actor.kind != "government":
        named_group = bool(ORG_WORDS & set(norm_alias(name).split()))
        if actor.explanation.rule not in NEAR_SPELLINGS or actor.kind == "person" or named_group:
            return actor, actor.explanation.rule, actor.explanation.score
    return _new_name(slug(name), name, "person")


def _is_subject_or_owner(ent: Span) -> bool:
    root = ent.root
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return root.dep_ in SUBJECT_DEPS or (nxt is not None and nxt.tag_ == "POS")


def _gpe(ent: Span, state: ArticleActors) -> tuple[Actor, str, float] | None:
    k = kb()
    aid = lookup_id(ent.text, {"state"})
    if aid is None:
        d = demonym(ent.text)
        aid = k.state_for(d[0]) if d else None
    if aid:
        state_actor = actor_from_kb(aid, state.date, rule="actors.state")
        return state_actor, "actors.state", _score("actors.state")
    capital = k.capitals.get(slug(ent.text).replace("-", " "))
    if capital and k.state_for(capital) and _is_subject_or_owner(ent):
        return (
            government_of(capital, "actors.metonymy-capital", _score("actors.metonymy-capital")),
            "actors.metonymy-capital",
            _score("actors.metonymy-capital"),
        )
    group = lookup_id(ent.text, GROUP_KINDS)  # "M23", "Hamas" tagged as places
    if group:
        return actor_from_kb(group, state.date), "actors.kb-alias", _score("actors.kb-alias")
    return None


def _organisation(ent: Span, state: ArticleActors) -> tuple[Actor, str, float]:
    if ent.kb_id_ and ent.kb_id_ in kb().actors:
        return _ruler_actor(ent, state)
    actor = resolve_text(ent.text, state.date)
    if actor is not None and actor.kind != "government" and actor.explanation is not None:
        return actor, actor.explanation.rule, actor.explanation.score
    earlier = short_name_match(ent.text, state.people())
    if earlier is not None:  # "Trump" tagged ORG after "Donald Trump" in the same article
        return earlier, "actors.coref-short-name", _score("actors.coref-short-name")
    name = ent.text.removeprefix("the ").removeprefix("The ")
    return _new_name(slug(ent.text), name, "organisation")


def _collective(ent: Span) -> Span | None:
    """ "Kurdish forces", "Iraqi troops", "the Armenian Prime Minister said": a demonym
    followed by a collective agent noun or an office with no name after it (not a title
    before a name, as in "Syrian President Ahmed Al-Sharaa")."""
    doc = ent.doc
    words = [t.text for t in doc[ent.end : ent.end + 3]]
    sector, n = agent_sector(words)
    if not n:
        return None
    after = doc[ent.end + n] if ent.end + n < len(doc) else None
    if after is not None and after.ent_type_ == "PERSON":
        return None
    office = doc[ent.end].is_title and (after is None or not after.is_title)
    if doc[ent.end + n - 1].lower_ not in COLLECTIVE and not office:
        return None
    return doc[ent.start : ent.end + n]


def _mention_actor(ent: Span, state: ArticleActors) -> tuple[Span, Actor | None, str, float]:
    """The mention's span (possibly extended) and the actor it names, with the rule."""
    label = ent.label_
    if ent.kb_id_ and label not in ("PERSON",):
        if ent.kb_id_ in kb().actors:
            return (ent, *_ruler_actor(ent, state))
    if label == "PERSON":
        return (ent, *_person(ent, state))
    if label == "ORG":
        return (ent, *_organisation(ent, state))
    if label == "GPE":
        found = _gpe(ent, state)
        return (ent, *found) if found else (ent, None, *_not_an_actor())
    if label == "NORP":
        span = _collective(ent)
        comp = compose(span.text) if span is not None else None
        if span is not None and comp is not None:
            actor = group_actor(comp, state.date)
            return span, actor, "actors.compositional-group", _score("actors.compositional-group")
        named = demonym(ent.text.removeprefix("the ").removeprefix("The "))
        state_id = kb().state_for(named[0]) if named else None
        if state_id and _is_subject_or_owner(ent):  # "the British said", as "Moscow said"
            return ent, actor_from_kb(state_id, state.date, rule="actors.state"), *_state()
    return ent, None, *_not_an_actor()


def _state() -> tuple[str, float]:
    return "actors.state", _score("actors.state")


def _missed_short_names(doc: Doc, state: ArticleActors) -> list[tuple[Span, Actor]]:
    """Surnames of the article's people that the NER left untagged ("General Zubaydar,
    deputy commander ..."), with a capitalised title just before them kept in the span.

    Only untagged capitalised proper nouns are looked at (read from the token arrays),
    and only names the article itself introduced in full are looked up."""
    surnames: dict[str, Actor] = {}
    for person in state.people():
        words = name_words(person.name)
        if len(words) >= 2:
            surnames.setdefault(words[-1], person)
    if not surnames:
        return []
    agents = kb().agents
    found = []
    for i in np.flatnonzero(untagged_proper_nouns(doc)).tolist():
        tok = doc[i]
        named = surnames.get(norm_alias(tok.text))
        if named is None:
            continue
        start = tok.i
        prev = doc[start - 1] if start > 0 else None
        if prev is not None and prev.is_title and not prev.ent_type_ and prev.lower_ in agents:
            start -= 1
        found.append((doc[start : tok.i + 1], named))
    return found


class ActorComponent:
    """Fills ``extraction.mentions`` and ``extraction.actors`` for one article."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        kb()  # load the KB with the pipeline, not on the first article

    def __call__(self, doc: Doc) -> Doc:
        with reading(doc):
            self._fill(doc)
        return doc

    def _fill(self, doc: Doc) -> None:
        ext: Extraction | None = doc._.extraction
        if ext is None:
            ext = doc._.extraction = Extraction(
                article=Article(id="", source="", text=text_of(doc))
            )
        state = ArticleActors(date=ext.article.published, article_id=ext.article.id or None)
        doc._.actor_lookup = DocActors(doc, state)
        taken = {(m.start, m.end) for m in ext.mentions}

        def add(span: Span, label: str, actor: Actor | None, rule: str, score: float) -> None:
            if actor is not None:
                if actor.kind == "person":
                    _learn_roles(span, actor, state)
                actor = _register(state, ext, actor)
                state.chain.append(ChainLink(span.start_char, span.end_char, actor.id))
            if (span.start_char, span.end_char) not in taken:
                taken.add((span.start_char, span.end_char))
                ext.mentions.append(
                    Mention(
                        start=span.start_char,
                        end=span.end_char,
                        text=span.text,
                        label=label,
                        actor=actor.id if actor else None,
                        explanation=Explanation(rule=rule, score=score),
                    )
                )

        for ent in entities(doc):
            if ent.label_ in NAME_LABELS:
                span, actor, rule, score = _mention_actor(ent, state)
                add(span, ent.label_, actor, rule, score)
        untagged = _score("actors.coref-short-name.untagged")
        for span, actor in _missed_short_names(doc, state):
            add(span, "PERSON", actor, "actors.coref-short-name", untagged)
        state.chain.sort(key=lambda link: link.start)
        ext.mentions.sort(key=lambda m: (m.start, m.end))


@Language.factory(
    "sitroom_actors",
    assigns=[EXTRACTION, ACTOR_LOOKUP],
    requires=["doc.ents", "token.dep", "token.tag"],
    default_config=component_config.default_config("actors"),
)
def make_actor_component(
    nlp: Language, name: str, thresholds: dict[str, Any], rule_table: str
) -> ActorComponent:
    component_config.apply("actors", thresholds, rule_table)
    return ActorComponent(nlp, name)


@dataclass(frozen=True, eq=False)
class DocActors:
    """``doc._.actor_lookup``: one article's actors as an ``ActorLookup`` for later components."""

    doc: Doc
    state: ArticleActors

    def resolve_text(self, text: str, date: str | None) -> Actor | None:
        return resolve_text(text, date)

    def actor_for_span(self, start_char: int, end_char: int) -> str | None:
        """Actor id for any span of the body: a mention inside it (the one holding the
        span's syntactic head first), a pronoun or definite description via coreference
        ("he", "the group"), or the span's text resolved against the KB. New actors found
        this way join ``extraction.actors``."""
        doc, state = self.doc, self.state
        ext: Extraction = doc._.extraction
        inside = [
            m for m in ext.mentions if m.actor and m.start >= start_char and m.end <= end_char
        ]
        covering = [
            m for m in ext.mentions if m.actor and m.start <= start_char and m.end >= end_char
        ]
        if covering:
            return covering[0].actor
        if inside:
            span = char_span(doc, start_char, end_char)
            head = span.root.idx if span is not None and len(span) else -1
            for m in inside:
                if m.start <= head < m.end:
                    return m.actor
            return inside[0].actor
        text = text_of(doc)[start_char:end_char]
        ref = referring_kinds(text)
        if ref is not None:
            return antecedent(state.chain, state.actors, start_char, ref[0], ref[1])
        actor = resolve_text(text, state.date)
        if actor is None:
            return None
        return _register(state, ext, actor).id

    def code_for(self, actor_id: str, date: str | None) -> tuple[str | None, str | None]:
        """(country, sector) of an actor on ``date``: the article's record when it has one
        (roles stated in the article count), else the KB."""
        actor = self.state.actors.get(actor_id)
        return code_of(actor, date) if actor is not None else _kb_code(actor_id, date)


def _kb_code(actor_id: str, date: str | None) -> tuple[str | None, str | None]:
    if actor_id in kb().actors:
        country, sector, _ = kb().code_on(actor_id, date)
        return country, sector
    return None, None


def _lookup(doc: Doc) -> DocActors | None:
    found = doc._.actor_lookup
    return found if isinstance(found, DocActors) and doc._.extraction is not None else None


def actor_for_span(doc: Doc, start_char: int, end_char: int) -> str | None:
    """``DocActors.actor_for_span``; None when the actors component has not run on ``doc``."""
    lookup = _lookup(doc)
    return lookup.actor_for_span(start_char, end_char) if lookup is not None else None


def code_for(doc: Doc, actor_id: str, date: str | None) -> tuple[str | None, str | None]:
    """``DocActors.code_for``; from the KB alone when the actors component has not run."""
    lookup = _lookup(doc)
    return lookup.code_for(actor_id, date) if lookup is not None else _kb_code(actor_id, date)
