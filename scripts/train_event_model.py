#!/usr/bin/env python3
"""Trains sitroom's learned event layer and writes its weights into the package.

``events-linear-v1``: PLOVER type of a sentence, a TF-IDF + logistic regression model
(recipe in ``sitroom.evaluate.event_training``, fixed seed, so a rerun writes a model
with the same predictions) trained on the lead sentences of the NGEC synthetic stories.
The PLOVER dev set (plover_gsr_dev.json) is never read here: ``sitroom eval`` scores on it.

Usage:  .venv/bin/python scripts/train_event_model.py [--shared ../shared] [--out DIR]
Prints the 5-fold accuracy on the NGEC leads (held-out folds only).
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

import joblib

from sitroom.evaluate.event_training import TYPE_FEATURES, kfold_accuracy, linear_model, ngec_rows
from sitroom.extract.events.classifier import MODEL_DIR, TYPE_MODEL

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument(
        "--out",
        type=Path,
        default=MODEL_DIR,
        help="folder for the weights (default: the package's)",
    )
    args = parser.parse_args(argv)
    try:
        texts, labels = ngec_rows(args.shared)
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        print(f"{args.shared}: cannot read training data ({exc})", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    model = linear_model(TYPE_FEATURES).fit(texts, labels)
    joblib.dump(model, args.out / f"{TYPE_MODEL}.joblib", compress=3)
    print(
        f"{TYPE_MODEL}: {len(texts)} NGEC leads, {len(set(labels))} types, "
        f"5-fold accuracy {kfold_accuracy(texts, labels, TYPE_FEATURES):.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
