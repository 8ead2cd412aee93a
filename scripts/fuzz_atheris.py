#!/usr/bin/env python
"""Coverage-guided fuzzing (atheris, libFuzzer) of the readers, segmentation, dates,
times and numbers: the complement of the hypothesis properties in tests/fuzz, which
generate structure; libFuzzer mutates towards new branches of the instrumented code.

The first input byte picks the target, the rest is the input. Any exception other than
the ones a stage documents (``ArticleError``) is a crash libFuzzer reports with the input
that caused it. ``make fuzz`` runs it after the hypothesis suite when atheris is
installed (``pip install atheris``; it is optional and not needed by CI).

    python scripts/fuzz_atheris.py -atheris_runs=200000 -max_len=4096 \
        [-timeout=10 -rss_limit_mb=2048]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["sitroom"]):
    from sitroom.articles.dateline import find_dateline
    from sitroom.articles.dates import date_stamp
    from sitroom.articles.dump import split_dump
    from sitroom.articles.segment import ArticleError, to_articles
    from sitroom.extract.claims.numbers import find_quantities
    from sitroom.extract.times.grammar import normalise_expression, scan
    from sitroom.model import RawDocument
    from sitroom.sources import read_inputs

SUFFIXES = [".txt", ".html", ".jsonl", ".rss", ".warc", ".txt.gz", ".warc.gz"]
FOLDER = Path(tempfile.mkdtemp(prefix="sitroom-atheris-"))


def read_file(suffix: str, data: bytes) -> None:
    path = FOLDER / f"input{suffix}"
    path.write_bytes(data)
    for item in read_inputs([str(path)]):
        if isinstance(item, RawDocument):
            try:
                to_articles(item)
            except ArticleError:
                pass
    os.unlink(path)


def text_functions(text: str) -> None:
    split_dump(text)
    find_dateline(text)
    date_stamp(text[:80])
    scan(text)
    normalise_expression(text[:200], None)
    find_quantities(text)


def one_input(data: bytes) -> None:
    if not data:
        return
    choice, rest = data[0], data[1:]
    if choice < 128:
        read_file(SUFFIXES[choice % len(SUFFIXES)], rest)
    else:
        text_functions(atheris.FuzzedDataProvider(rest).ConsumeUnicodeNoSurrogates(len(rest)))


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
