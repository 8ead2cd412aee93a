"""TIMEX3 evaluation on TimeBank + AQUAINT (TBAQ-cleaned, TempEval-3's training data).

Figures, TempEval-3 style:
- end-to-end span P/R/F1, strict (same offsets) and relaxed (any overlap);
- end-to-end value P/R/F1: a system expression counts when it overlaps a gold one and their
  TIMEX3 values agree (the target of issue 3 refers to this value F1);
- type accuracy on the relaxed matches;
- value accuracy on the gold spans: each gold span normalised alone, anchored on the
  document's creation time with the tense of its governing verb (normalisation alone).
Secondary: WikiWars value accuracy on gold spans, with the narrative anchor (the last full
date before the span) since those texts are histories rather than news.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language

from sitroom.extract.pipeline import build_nlp
from sitroom.extract.times.grammar import normalise_expression, parse_anchor
from sitroom.extract.times.tense import tense_at
from sitroom.model import Article, Extraction

NAME = "timex"
TBAQ = Path("gold") / "time" / "tbaq-cleaned"
WIKIWARS = Path("gold") / "time" / "wikiwars" / "whole-tml"
TAG = re.compile(r"<(/?)(\w+)([^>]*?)(/?)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')
MATCHING = (
    "strict: same offsets; relaxed: any overlap, one system expression per gold; value: "
    "relaxed match with the same TIMEX3 value (TempEval-3 style; the target's figure); "
    "value_accuracy_gold_spans: each gold span normalised alone"
)


@dataclass
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass
class GoldDoc:
    name: str
    text: str
    dct: dt.date | None
    timexes: list[GoldTimex] = field(default_factory=list)


def read_timeml(path: Path) -> GoldDoc:
    """Plain text of ``<TEXT>`` with the TIMEX3 spans as offsets into it, and the DCT."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    parts: list[str] = []
    length = 0
    opened: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    last = 0
    for tag in TAG.finditer(body):
        chunk = html.unescape(body[last : tag.start()])
        parts.append(chunk)
        length += len(chunk)
        last = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1) == "":
            opened = (length, dict(ATTR.findall(tag.group(3))))
        elif opened is not None:
            start, attrs = opened
            timexes.append(GoldTimex(start, length, attrs.get("type", ""), attrs.get("value", "")))
            opened = None
    parts.append(html.unescape(body[last:]))
    dct = parse_anchor(dct_match.group(1)) if dct_match else None
    return GoldDoc(path.stem, "".join(parts), dct, timexes)


def canonical(value: str | None) -> str:
    """Spelling variants TimeBank mixes for one value: "1998-W8"/"1998-W08", "196X"/"196"."""
    value = (value or "").strip().upper()
    value = re.sub(r"-W0(\d)\b", r"-W\1", value)
    return re.sub(r"^(\d{3})X$", r"\1", value)


@lru_cache(maxsize=1)
def _nlp() -> Language:
    return build_nlp(["sitroom_times"])


def _docs(gold: list[GoldDoc], nlp: Language) -> Iterator:
    def make() -> Iterator:
        for doc in gold:
            spacy_doc = nlp.make_doc(doc.text)
            published = doc.dct.isoformat() if doc.dct else None
            spacy_doc._.extraction = Extraction(
                article=Article(id=doc.name, source=doc.name, text=doc.text, published=published)
            )
            yield spacy_doc

    return nlp.pipe(make(), batch_size=8)


def _prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold_docs: list[GoldDoc]) -> dict[str, float | int | str]:
    counts = dict.fromkeys(
        ("gold", "system", "strict", "relaxed", "value", "type", "gold_value"), 0
    )
    for gold, doc in zip(gold_docs, _docs(gold_docs, _nlp()), strict=True):
        system = doc._.extraction.times
        counts["gold"] += len(gold.timexes)
        counts["system"] += len(system)
        used: set[int] = set()
        for g in gold.timexes:
            match = next(
                (
                    i
                    for i, s in enumerate(system)
                    if i not in used and s.start < g.end and g.start < s.end
                ),
                None,
            )
            if match is not None:
                used.add(match)
                s = system[match]
                counts["relaxed"] += 1
                counts["strict"] += (s.start, s.end) == (g.start, g.end)
                counts["value"] += canonical(s.timex) == canonical(g.value)
                counts["type"] += s.type == g.type
            alone = normalise_expression(
                gold.text[g.start : g.end], gold.dct, tense_at(doc, g.start, g.end)
            )
            counts["gold_value"] += alone is not None and canonical(alone.timex) == canonical(
                g.value
            )
    figures: dict[str, float | int | str] = {
        "matching": MATCHING,
        "documents": len(gold_docs),
        "gold_timexes": counts["gold"],
        "system_timexes": counts["system"],
    }
    for name in ("strict", "relaxed", "value"):
        p, r, f = _prf(counts[name], counts["system"], counts["gold"])
        figures.update(
            {f"{name}_p": round(p, 3), f"{name}_r": round(r, 3), f"{name}_f1": round(f, 3)}
        )
    figures["type_accuracy"] = (
        round(counts["type"] / counts["relaxed"], 3) if counts["relaxed"] else 0.0
    )
    figures["value_accuracy_gold_spans"] = (
        round(counts["gold_value"] / counts["gold"], 3) if counts["gold"] else 0.0
    )
    return figures


def wikiwars_accuracy(gold_docs: list[GoldDoc]) -> float:
    """Value accuracy on WikiWars gold spans, anchored on the previous gold span that is a
    full date (histories narrate forwards from the last date given)."""
    correct = total = 0
    nlp = _nlp()
    for gold in gold_docs:
        doc = nlp(gold.text)
        anchor = gold.dct
        for g in gold.timexes:
            alone = normalise_expression(
                gold.text[g.start : g.end], anchor, tense_at(doc, g.start, g.end)
            )
            total += 1
            correct += alone is not None and canonical(alone.timex) == canonical(g.value)
            if alone is not None and alone.value and alone.precision == "day":
                anchor = parse_anchor(alone.value) or anchor
    return round(correct / total, 3) if total else 0.0


def run(shared: Path, limit: int | None = None) -> dict[str, float | int | str]:
    paths = sorted((shared / TBAQ).rglob("*.tml"))
    if not paths:
        raise FileNotFoundError(2, "no TimeML files", str(shared / TBAQ))
    figures = score([read_timeml(p) for p in paths[:limit]])
    wiki = sorted((shared / WIKIWARS).glob("*.tml"))
    if wiki:
        figures["wikiwars_value_accuracy_gold_spans"] = wikiwars_accuracy(
            [read_timeml(p) for p in wiki[: limit or None]]
        )
    return figures
