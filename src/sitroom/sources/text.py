"""Plain-text page dumps: one ``RawDocument(media_type="text/plain")`` per file.

A dump may hold many scraped articles with site boilerplate; splitting it is the job of
``sitroom.articles.segment``, so this reader only guarantees bounded, correctly decoded
text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sitroom.model import RawDocument, ReadProblem
from sitroom.sources.opening import DEFAULT_LIMITS, InputError, Limits, decode_text, read_whole


def read_text(
    path: Path, source: str, limits: Limits = DEFAULT_LIMITS
) -> Iterator[RawDocument | ReadProblem]:
    try:
        data, truncation = read_whole(path, limits, check_lines=True)
    except InputError as exc:
        yield ReadProblem(source, exc.reason)
        return
    try:
        text = decode_text(data)
    except InputError as exc:
        yield ReadProblem(source, truncation or exc.reason)
        return
    yield RawDocument(source=source, body=text, media_type="text/plain")
    if truncation:
        yield ReadProblem(source, truncation)
