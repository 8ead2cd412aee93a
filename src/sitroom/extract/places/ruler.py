"""``sitroom_place_ruler``: an entity ruler, before "ner", for the curated places spaCy
gets wrong (it tags "Hmeimim" NORP, "Tartus" ORG, and splits "Tartus naval base").

Patterns come from the gazetteer's ``curated.csv`` (every name and alias of its
facilities, regions and provinces, matched case-insensitively; countries are left to the
NER, which knows them, so that "Bank of America" stays an organisation), labelled FAC for
facilities, LOC for regions and GPE for administrative areas, and carry the curated place
id as the entity id, so
``sitroom_places`` resolves them without a second guess.
"""

from __future__ import annotations

import csv
from pathlib import Path

from spacy.language import Language
from spacy.pipeline import EntityRuler

import sitroom.kb.gazetteer as gazetteer

CURATED = Path(gazetteer.__file__).with_name("curated.csv")
LABELS = {"S": "FAC", "L": "LOC", "A": "GPE"}
SKIPPED_CODES = {"PCLI", "PCLS", "CONT"}


def curated_patterns() -> list[dict]:
    """One phrase pattern per curated name or alias."""
    patterns = []
    with CURATED.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["feature_code"] in SKIPPED_CODES:
                continue
            label = LABELS.get(row["feature_class"], "LOC")
            for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
                patterns.append({"label": label, "pattern": name, "id": row["id"]})
    return patterns


@Language.factory(
    "sitroom_place_ruler",
    assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
    default_config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True},
)
def make_place_ruler(
    nlp: Language, name: str, phrase_matcher_attr: str, overwrite_ents: bool
) -> EntityRuler:
    """``phrase_matcher_attr`` LOWER matches names however a text capitalises them;
    ``overwrite_ents`` lets a curated place replace the NER's wrong label for it."""
    ruler = EntityRuler(
        nlp, name=name, phrase_matcher_attr=phrase_matcher_attr, overwrite_ents=overwrite_ents
    )
    ruler.add_patterns(curated_patterns())
    return ruler
