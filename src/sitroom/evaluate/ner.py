"""Named-entity recognition, end to end with sitroom's pipeline (rulers included).

Two gold sets, both read by path under ``../shared/gold/ner``:
- CoNLL-2003 ``eng.testa`` (Reuters 1996; PER, ORG, LOC, MISC; one article per document);
- CrossNER politics ``dev.txt`` (Wikipedia politics; its labels mapped to the CoNLL four:
  politician/person -> PER, politicalparty/organisation -> ORG, country/location -> LOC,
  election/event/misc -> MISC; one article per sentence).

sitroom's mentions (spaCy labels) map to the same four: PERSON -> PER, ORG -> ORG,
GPE/LOC/FAC -> LOC, NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE -> MISC. Scores are exact
span matches (start, end and type), per type and micro-averaged; ``*_spacy_*`` figures are
the bare en_core_web_sm on the same text, so the rulers' effect is visible.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy

from sitroom.extract.pipeline import MODEL_PACKAGE, extract_articles
from sitroom.model import Article

NAME = "ner"
CONLL = Path("gold") / "ner" / "eng.testa"
CROSSNER = Path("gold") / "ner" / "crossner_politics" / "dev.txt"
TYPES = ("PER", "ORG", "LOC", "MISC")

SPACY_TO_CONLL = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}
CROSSNER_TO_CONLL = {
    "politician": "PER",
    "person": "PER",
    "politicalparty": "ORG",
    "organisation": "ORG",
    "country": "LOC",
    "location": "LOC",
    "election": "MISC",
    "event": "MISC",
    "misc": "MISC",
}

Entity = tuple[int, int, str]


@dataclass
class GoldDoc:
    text: str
    entities: set[Entity]


def _spans(tokens: list[tuple[str, str]], mapping: dict[str, str] | None) -> GoldDoc:
    """Join tokens with spaces (one sentence a line) and turn BIO/IOB1 tags into char spans.

    An entity starts at a B- tag or at an I- tag whose type differs from the previous
    token's (CoNLL-2003 uses IOB1, where B- only separates adjacent same-type entities)."""
    text_parts: list[str] = []
    entities: set[Entity] = set()
    pos = 0
    current: Entity | None = None
    prev_type: str | None = None
    for word, tag in tokens:
        if word == "\n":
            if current:
                entities.add(current)
            current, prev_type = None, None
            text_parts.append("\n")
            pos += 1
            continue
        if text_parts and text_parts[-1] != "\n":
            text_parts.append(" ")
            pos += 1
        start, end = pos, pos + len(word)
        text_parts.append(word)
        pos = end
        kind = tag[2:] if tag[:2] in ("B-", "I-") else None
        if kind is not None and mapping is not None:
            kind = mapping.get(kind)
        if kind is None:
            if current:
                entities.add(current)
            current, prev_type = None, None
            continue
        if tag.startswith("B-") or kind != prev_type or current is None:
            if current:
                entities.add(current)
            current = (start, end, kind)
        else:
            current = (current[0], end, current[2])
        prev_type = kind
    if current:
        entities.add(current)
    return GoldDoc("".join(text_parts), entities)


def read_conll(path: Path, limit: int | None) -> Iterator[GoldDoc]:
    """CoNLL-2003 documents (split at -DOCSTART-)."""
    tokens: list[tuple[str, str]] = []
    n = 0
    for line in path.read_text(encoding="utf-8").splitlines() + ["-DOCSTART- -X- O O"]:
        parts = line.split()
        if parts and parts[0] == "-DOCSTART-":
            if any(w != "\n" for w, _ in tokens):
                yield _spans(tokens, None)
                n += 1
                if limit is not None and n >= limit:
                    return
            tokens = []
        elif not parts:
            if tokens and tokens[-1][0] != "\n":
                tokens.append(("\n", "O"))
        else:
            tokens.append((parts[0], parts[-1]))


def read_crossner(path: Path, limit: int | None) -> Iterator[GoldDoc]:
    """CrossNER sentences, one document each."""
    tokens: list[tuple[str, str]] = []
    n = 0
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        parts = line.split("\t")
        if len(parts) == 2:
            tokens.append((parts[0], parts[1]))
        elif tokens:
            yield _spans(tokens, CROSSNER_TO_CONLL)
            n += 1
            tokens = []
            if limit is not None and n >= limit:
                return


def _score(gold: list[set[Entity]], pred: list[set[Entity]], prefix: str) -> dict[str, float | int]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for truth, found in zip(gold, pred, strict=True):
        for e in found:
            (tp if e in truth else fp)[e[2]] += 1
        for e in truth - found:
            fn[e[2]] += 1
    out: dict[str, float | int] = {}

    def prf(t: int, f_p: int, f_n: int) -> tuple[float, float, float]:
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    for kind in TYPES:
        p, r, f = prf(tp[kind], fp[kind], fn[kind])
        out[f"{prefix}_{kind}_p"], out[f"{prefix}_{kind}_r"], out[f"{prefix}_{kind}_f1"] = (
            round(p, 3),
            round(r, 3),
            round(f, 3),
        )
    p, r, f = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    out[f"{prefix}_micro_p"], out[f"{prefix}_micro_r"], out[f"{prefix}_micro_f1"] = (
        round(p, 3),
        round(r, 3),
        round(f, 3),
    )
    out[f"{prefix}_gold_entities"] = sum(len(g) for g in gold)
    return out


def _sitroom_entities(docs: list[GoldDoc]) -> list[set[Entity]]:
    articles = (Article(id=f"ner-{i}", source=f"ner#{i}", text=d.text) for i, d in enumerate(docs))
    out = []
    for ext in extract_articles(articles):
        out.append(
            {
                (m.start, m.end, SPACY_TO_CONLL[m.label])
                for m in ext.mentions
                if m.field is None and m.label in SPACY_TO_CONLL
            }
        )
    return out


def _spacy_entities(docs: list[GoldDoc]) -> list[set[Entity]]:
    nlp = spacy.load(MODEL_PACKAGE, disable=["lemmatizer"])
    return [
        {
            (e.start_char, e.end_char, SPACY_TO_CONLL[e.label_])
            for e in doc.ents
            if e.label_ in SPACY_TO_CONLL
        }
        for doc in nlp.pipe((d.text for d in docs), batch_size=16)
    ]


def run(shared: Path, limit: int | None = None) -> dict[str, float | int | str]:
    figures: dict[str, float | int | str] = {}
    for prefix, reader, path in (
        ("conll", read_conll, CONLL),
        ("crossner", read_crossner, CROSSNER),
    ):
        docs = list(reader(shared / path, limit))
        gold = [d.entities for d in docs]
        figures[f"{prefix}_docs"] = len(docs)
        figures.update(_score(gold, _sitroom_entities(docs), prefix))
        spacy_scores = _score(gold, _spacy_entities(docs), f"{prefix}_spacy")
        figures[f"{prefix}_spacy_micro_f1"] = spacy_scores[f"{prefix}_spacy_micro_f1"]
    return figures
