"""Derives ``cameo_map.csv`` (PLOVER type + mode -> CAMEO code) from the PLOVER project's
CAMEO -> PLOVER conversion table, inverted.

The runtime mapping must ship inside the package (no ../shared at run time), so this
script is run once by hand and its output committed:

    .venv/bin/python scripts/derive_cameo_table.py \
        ../shared/gold/events/cameo2plover-2021.txt

For each (type, mode) the most general CAMEO code wins (fewest digits, then lowest),
because an exported event should claim no more detail than PLOVER gives.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

OUT = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "sitroom"
    / "extract"
    / "events"
    / "data"
    / "cameo_map.csv"
)
SOURCE_NOTE = "openeventdata/PLOVER @5e0c24f cameo2plover-2021.txt (CC BY-SA 4.0), inverted"
_LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,#]*))?")


def invert(lines: list[str]) -> dict[tuple[str, str], str]:
    """(PLOVER type, mode) -> the most general CAMEO code mapped to it."""
    best: dict[tuple[str, str], str] = {}
    for line in lines:
        m = _LINE.match(line.strip())
        if not m:
            continue
        code, ptype, mode = m.group(1), m.group(2), (m.group(3) or "").strip().lower()
        for key in {(ptype, mode), (ptype, "")} if not mode else {(ptype, mode)}:
            old = best.get(key)
            if old is None or (len(code), code) < (len(old), old):
                best[key] = code
    return best


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: derive_cameo_table CAMEO2PLOVER.txt", file=sys.stderr)
        return 2
    path = Path(argv[0])
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        print(f"{path}: cannot read ({exc.strerror})", file=sys.stderr)
        return 1
    table = invert(lines)
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["type", "mode", "cameo", "source"])
        for (ptype, mode), code in sorted(table.items()):
            w.writerow([ptype, mode, code, SOURCE_NOTE])
    print(f"wrote {len(table)} rows to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
