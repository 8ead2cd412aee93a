"""Many small, distinct news-style records written for the crash test (seeded, so every
run ingests the same articles in the same order)."""

from __future__ import annotations

import json
import random
from pathlib import Path

PLACES = [
    "Baghdad",
    "Mosul",
    "Erbil",
    "Basra",
    "Kirkuk",
    "Damascus",
    "Aleppo",
    "Homs",
    "Raqqa",
    "Deir ez-Zor",
    "Najaf",
    "Karbala",
    "Sulaimaniya",
    "Latakia",
    "Idlib",
    "Hasakah",
    "Ramadi",
    "Fallujah",
    "Tikrit",
    "Duhok",
]
SPEAKERS = [
    "the interior ministry",
    "a provincial governor",
    "the health ministry",
    "local officials",
    "a police spokesman",
    "the UN refugee agency",
    "the defence ministry",
    "a hospital director",
]
EVENTS = [
    "trucks carrying aid reached",
    "families returned to",
    "engineers repaired the water plant in",
    "security forces reopened the road to",
    "doctors treated patients in",
    "workers cleared rubble in",
    "schools reopened in",
    "farmers received seed in",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def records(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        place, other = rng.sample(PLACES, 2)
        count = rng.randrange(12, 4000)
        text = (
            f"{place.upper()}: {rng.choice(SPEAKERS).capitalize()} said on {rng.choice(DAYS)} "
            f"that {count} {rng.choice(EVENTS)} {other}, report number {i}. "
            f"The statement added that {rng.randrange(2, 90)} more were expected "
            f"within {rng.randrange(2, 9)} days."
        )
        out.append(
            {
                "id": f"r{i}",
                "text": text,
                "title": f"Update {i} from {place}",
                "published": f"2024-0{1 + i % 9}-1{i % 10}",
            }
        )
    return out


def write(folder: Path, n: int = 200, per_file: int = 20) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    items = records(n)
    paths = []
    for start in range(0, n, per_file):
        path = folder / f"batch-{start // per_file:03d}.jsonl"
        path.write_text(
            "".join(json.dumps(r) + "\n" for r in items[start : start + per_file]), encoding="utf-8"
        )
        paths.append(path)
    return paths
