"""Attribution on PolNeAR dev (``../shared/gold/attribution/polnear/dev``: brat standoff).

Each gold attribution links a Content span to its Cue and (usually) its Source. For every
content span, ``frame_for`` (the finder behind ``attribution_for``) is asked who reports it;
its source and cue spans are compared with the gold ones by overlap. Precision counts the
spans sitroom gave (a source given for a content whose gold has none is wrong), recall the
gold spans. Discontinuous contents ("X, he said, Y") are asked by their longest fragment.
Only the parse matters here, so the base spaCy pipeline runs without sitroom's components.
Texts read by several annotators are scored once, on the first annotator's file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sitroom.extract.claims.attribution import frame_for
from sitroom.extract.pipeline import build_nlp
from sitroom.model import Article, Extraction

NAME = "attribution"
GOLD = Path("gold") / "attribution" / "polnear" / "dev"


@dataclass
class GoldAttribution:
    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None


def _fragments(offsets: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))]


def read_ann(path: Path) -> list[GoldAttribution]:
    """The attributions of one brat ``.ann`` file."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = _fragments(offsets)
        elif line.startswith("E") and len(fields) >= 2:
            events.append(dict(arg.split(":", 1) for arg in fields[1].split() if ":" in arg))
    out = []
    for event in events:
        content = spans.get(event.get("Content", ""))
        if not content:
            continue
        longest = max(content, key=lambda f: f[1] - f[0])
        cue, source = spans.get(event.get("Cue", "")), spans.get(event.get("Source", ""))
        out.append(GoldAttribution(longest, _bounds(cue), _bounds(source)))
    return out


def _bounds(fragments: list[tuple[int, int]] | None) -> tuple[int, int] | None:
    return (min(a for a, _ in fragments), max(b for _, b in fragments)) if fragments else None


def gold_documents(
    shared: Path, limit: int | None = None
) -> Iterator[tuple[str, list[GoldAttribution]]]:
    folder = shared / GOLD
    if not folder.is_dir():
        raise FileNotFoundError(2, "gold folder not found", str(folder))
    seen: set[str] = set()
    for ann in sorted((folder / "attributions").glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        text_path = folder / "text" / f"{stem}.txt"
        if stem in seen or not text_path.exists():
            continue
        seen.add(stem)
        yield text_path.read_text(encoding="utf-8"), read_ann(ann)
        if limit is not None and len(seen) >= limit:
            return


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 3) if p + r else 0.0


def run(shared: Path, limit: int | None = None) -> dict[str, float | int | str]:
    nlp = build_nlp(components=[])
    counts = dict.fromkeys(
        ("gold_source", "gold_cue", "pred_source", "pred_cue", "tp_source", "tp_cue", "contents"), 0
    )
    documents = 0
    for text, gold in gold_documents(shared, limit):
        documents += 1
        doc = nlp.make_doc(text)
        doc._.extraction = Extraction(
            article=Article(id=str(documents), source="polnear", text=text)
        )
        doc = nlp(doc)
        for item in gold:
            counts["contents"] += 1
            frame = frame_for(doc, *item.content)
            source = (
                (frame.source.start_char, frame.source.end_char)
                if frame and frame.source is not None
                else None
            )
            cue = (frame.cue.start_char, frame.cue.end_char) if frame else None
            counts["gold_source"] += item.source is not None
            counts["gold_cue"] += item.cue is not None
            counts["pred_source"] += source is not None
            counts["pred_cue"] += cue is not None
            counts["tp_source"] += _overlap(source, item.source)
            counts["tp_cue"] += _overlap(cue, item.cue)
    figures: dict[str, float | int | str] = {"documents": documents, "contents": counts["contents"]}
    for part in ("source", "cue"):
        p = counts[f"tp_{part}"] / counts[f"pred_{part}"] if counts[f"pred_{part}"] else 0.0
        r = counts[f"tp_{part}"] / counts[f"gold_{part}"] if counts[f"gold_{part}"] else 0.0
        figures.update(
            {
                f"{part}_precision": round(p, 3),
                f"{part}_recall": round(r, 3),
                f"{part}_f1": _f1(p, r),
            }
        )
    return figures
