"""``sitroom_actor_ruler``: marks KB actor names before spaCy's NER runs.

en_core_web_sm misses names it never saw in 1990s-2010s training news ("ISIS" in quotes,
"Daesh", "Hayat Tahrir al-Sham") or labels them oddly. Placed ``before: "ner"``, the spans
set here are kept by the NER, which only fills the gaps around them. Each span carries the
actor id in ``kb_id_`` so resolution does not have to guess it again.

Patterns come from the KB's recent and curated actors (the region's groups, people and
IGOs), not from Phoenix's 30,000 historic names: the NER finds ordinary person names well,
and a huge list of 1990s names would mostly add false hits. Matching is phrase matching
(hash lookups, no per-token Python loops):
- multi-word names match case-insensitively (``LOWER``), plus "<group> group";
- single words match as written or in capitals (``ORTH``), so "IS" never matches "is"
  and "Congress" never matches "congress".
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from sitroom.kb.actors import NEWER_SOURCES, ActorKB, load_kb

LABEL_FOR_KIND = {"person": "PERSON", "state": "GPE"}


def _patterns(kb: ActorKB) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(multi-word phrases, single words) per actor id, from newer-source actors."""
    multi: dict[str, list[str]] = {}
    single: dict[str, list[str]] = {}
    for aid, actor in kb.actors.items():
        if actor.source not in NEWER_SOURCES or actor.kind == "state":
            continue
        for text in kb.alias_text.get(aid, []):
            if kb.lookup(text)[:1] != [aid]:
                continue  # a name shared by several actors is matched for the best one only
            if " " in text.strip():
                multi.setdefault(aid, []).append(text)
                if actor.kind == "armed_group" and not text.lower().endswith(" group"):
                    multi[aid].append(f"{text} group")
            else:
                forms = {text, text.upper()} if len(text) > 1 else set()
                single.setdefault(aid, []).extend(sorted(forms))
                if actor.kind == "armed_group":
                    multi.setdefault(aid, []).append(f"{text} group")
    return multi, single


class ActorRuler:
    """Adds KB actor spans to ``doc.ents`` (label from the actor's kind, id in ``kb_id_``)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.kb = load_kb()
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        multi, single = _patterns(self.kb)
        for aid, texts in multi.items():
            self.lower.add(aid, [nlp.make_doc(text) for text in texts])
        for aid, texts in single.items():
            self.orth.add(aid, [nlp.make_doc(text) for text in texts])

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for matcher in (self.lower, self.orth):
            for match_id, start, end in matcher(doc):
                aid = doc.vocab.strings[match_id]
                label = LABEL_FOR_KIND.get(self.kb.actors[aid].kind, "ORG")
                if (
                    label == "ORG"
                    and start > 0
                    and doc[start - 1].text == "The"
                    and doc[start - 1].is_sent_start
                ):
                    start -= (
                        1  # "The United Nations said": spaCy's own ORG spans keep a leading "The"
                    )
                found.append(Span(doc, start, end, label=label, kb_id=aid))
        if found:
            # longest span wins; spans other rulers set earlier are kept where they overlap
            mine = filter_spans(found)
            taken = {i for e in doc.ents for i in range(e.start, e.end)}
            keep = [s for s in mine if not any(i in taken for i in range(s.start, s.end))]
            doc.set_ents(keep, default="unmodified")
        return doc


@Language.factory(
    "sitroom_actor_ruler",
    assigns=["doc.ents", "token.ent_type", "token.ent_iob", "token.ent_kb_id"],
    requires=["token.is_sent_start"],
)
def make_actor_ruler(nlp: Language, name: str) -> ActorRuler:
    return ActorRuler(nlp, name)
