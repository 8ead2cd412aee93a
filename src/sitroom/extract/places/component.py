"""``sitroom_places``: resolve the toponyms of an article to gazetteer places.

Reads the entities (and the place ruler's matches) of the body, and runs the NER over the
title, summary bullets and captions too, since a place may be named only there (a photo
caption's "Mosul"). All toponyms of the article are resolved together
(``place_resolve.resolve_all``) so each one's choice uses the others as context. Sets
``mention.place`` on the matching mentions (adding a mention where no earlier component
made one) and lists each place once in ``extraction.places``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from sitroom.extract.common import component_config, rule_table
from sitroom.extract.common.doc_extensions import EXTRACTION
from sitroom.extract.common.doc_views import reading
from sitroom.extract.places.resolve import Resolution, resolve_all
from sitroom.extract.places.spans import FoundSpan, toponym_spans
from sitroom.kb.gazetteer import Entry, load_gazetteer
from sitroom.model import Explanation, Extraction, Mention, Place

PRECISION = {"P": 1, "S": 1, "H": 1, "T": 1, "V": 1, "R": 1, "U": 1}
"""geo_precision by feature class: a named spot is 1; areas are 2 or 3 by admin level."""


def to_place(r: Resolution) -> Place:
    entry = r.entry
    return Place(
        id=entry.id,
        name=entry.name,
        feature_class=entry.fclass,
        feature_code=entry.fcode,
        country=entry.country,
        admin1=entry.admin1,
        lat=entry.lat,
        lon=entry.lon,
        population=entry.population,
        explanation=Explanation(
            rule=r.rule, score=round(r.score, 3), model=r.model, features=r.why
        ),
    )


def _fixed(entry: Entry, rule: str) -> Resolution:
    """A resolution decided by a rule alone, with that rule's table score."""
    return Resolution(entry, rule_table.score("places", rule), rule)


def geo_precision(place: Place) -> int:
    """1 named place, 2 district or region, 3 province, country or larger (ACLED's scale)."""
    if place.feature_class in PRECISION:
        return 1
    if place.feature_code in ("ADM2", "ADM3", "ADM4", "ADMD") or place.feature_code == "RGN":
        return 2
    return 3


def place_for_span(doc: Doc, start_char: int, end_char: int) -> str | None:
    """The place id of the body mention overlapping these offsets, if it resolved."""
    ext: Extraction | None = doc._.extraction
    if ext is None:
        return None
    for m in ext.mentions:
        if m.field is None and m.place and m.start < end_char and start_char < m.end:
            return m.place
    return None


def side_fields(ext: Extraction) -> list[tuple[str, str]]:
    """(field name, text) of the article's title, summary bullets and captions."""
    a = ext.article
    out = [("title", a.title)] if a.title else []
    out += [(f"summary:{n}", t) for n, t in enumerate(a.summary) if t]
    out += [(f"captions:{n}", t) for n, t in enumerate(a.captions) if t]
    return out


def actor_countries(ext: Extraction) -> dict[str, float]:
    """The countries of the article's actors, weighted by their body mentions: a story about
    a state's army or ministers is usually set in that state."""
    country = {a.id: a.country for a in ext.actors if a.country and len(a.country) == 3}
    out: dict[str, float] = {}
    for m in ext.mentions:
        iso3 = country.get(m.actor or "")
        if iso3 and m.field is None:
            out[iso3] = out.get(iso3, 0.0) + 1.0
    return out


class PlacesComponent:
    """The spaCy component; see the module docstring."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name

    def _entity_pipes(self) -> list:
        """The pipes up to the NER: what the side fields need to get their entities."""
        pipes = []
        for pipe_name, pipe in self.nlp.pipeline:
            pipes.append(pipe)
            if pipe_name == "ner":
                return pipes
        return []

    def _side_spans(self, extractions: list[Extraction]) -> list[list[FoundSpan]]:
        """Toponyms of the side fields of each extraction. All their Docs go through each
        pipe together: most are a few words long, so a model pipe's cost is mostly its
        per-call setup (215 side texts: 7.5 s one by one, 2.0 s in batches)."""
        fields = [side_fields(ext) for ext in extractions]
        docs = [self.nlp.make_doc(text) for article in fields for _, text in article]
        for pipe in self._entity_pipes() if docs else []:
            docs = list(pipe.pipe(docs)) if hasattr(pipe, "pipe") else [pipe(doc) for doc in docs]
        side = iter(docs)
        return [
            [span for field, _ in article for span in toponym_spans(next(side), field=field)]
            for article in fields
        ]

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """spaCy calls this for ``nlp.pipe``: the side fields of a batch are parsed together."""
        for batch in minibatch(docs, batch_size):
            with_extraction = [doc for doc in batch if doc._.extraction is not None]
            for doc, side in zip(
                with_extraction,
                self._side_spans([d._.extraction for d in with_extraction]),
                strict=True,
            ):
                with reading(doc):
                    self._resolve(doc, side)
            yield from batch

    def _resolve(self, doc: Doc, side: list[FoundSpan]) -> None:
        ext: Extraction = doc._.extraction
        spans = toponym_spans(doc, ext.article.dateline) + side
        gaz = load_gazetteer()
        named = [s for s in spans if not s.country_of]
        resolutions: dict[int, Resolution | None] = dict(
            zip(
                map(id, named),
                resolve_all([s.toponym for s in named], gaz, actor_countries(ext)),
                strict=True,
            )
        )
        for s in spans:
            r = resolutions.get(id(s))
            if s.country_of:
                entry = gaz.country(s.country_of)
                r = _fixed(entry, "places.demonym") if entry else None
            elif s.curated_id and (r is None or r.entry.id != s.curated_id):
                entry = gaz.get(s.curated_id)
                r = _fixed(entry, "places.curated") if entry else r
            if r is not None:
                self._record(ext, s, r)

    def _record(self, ext: Extraction, s: FoundSpan, r: Resolution) -> None:
        place = to_place(r)
        mention = next(
            (m for m in ext.mentions if (m.start, m.end, m.field) == (s.start, s.end, s.field)),
            None,
        )
        if mention is None:
            mention = Mention(
                start=s.start,
                end=s.end,
                text=s.text,
                label=s.label,
                field=s.field,
                explanation=Explanation(
                    rule="places.toponym", score=rule_table.score("places", "places.toponym")
                ),
            )
            ext.mentions.append(mention)
        mention.place = place.id
        if all(p.id != place.id for p in ext.places):
            ext.places.append(place)


@Language.factory(
    "sitroom_places",
    assigns=[EXTRACTION],
    requires=[EXTRACTION, "doc.ents", "token.ent_type"],
    default_config=component_config.default_config("places"),
)
def make_places(
    nlp: Language, name: str, thresholds: dict[str, Any], rule_table: str
) -> PlacesComponent:
    component_config.apply("places", thresholds, rule_table)
    return PlacesComponent(nlp, name)
