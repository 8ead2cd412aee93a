"""JSONL / NDJSON records ``{"id", "text", "title"?, "published"?, "url"?, "outlet"?}``.

Read as a stream, one line at a time, so a file of any length costs one record's worth
of memory; a line longer than ``Limits.record_bytes`` is skipped with a reason without
being held in memory. Each bad line is one ``ReadProblem`` naming ``path#line:N``; the
other lines are still read. The standard-library ``json`` module is enough: records are
small and already split by lines.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from sitroom.model import RawDocument, ReadProblem
from sitroom.sources.hints import iso_date
from sitroom.sources.opening import (
    DEFAULT_LIMITS,
    GuardedStream,
    InputError,
    Limits,
    detect_encoding,
    open_input,
    read_head,
    size_text,
)

_JSON_TYPES = {
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
    type(None): "null",
}
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_FIELDS = (
    "title",
    "published",
    "updated",
    "url",
    "outlet",
    "site",
    "author",
    "dateline",
    "language",
)
_LIST_FIELDS = ("summary", "captions")
"""Fields the articles stage copies onto the article: a wrong JSON type there (a number
for a title, a string for captions) would be stored garbled, so the record is refused."""


def read_jsonl(
    path: Path, source: str, limits: Limits = DEFAULT_LIMITS
) -> Iterator[RawDocument | ReadProblem]:
    try:
        encoding = detect_encoding(read_head(path, limits=limits))
        stream = open_input(path, limits)
    except InputError as exc:
        yield ReadProblem(source, exc.reason)
        return
    guard: GuardedStream = stream.raw  # type: ignore[assignment]
    yielded = False
    with stream:
        try:
            for n, line in _numbered_lines(stream, encoding, limits.record_bytes):
                if isinstance(line, str) and not line.endswith("\n") and guard.truncated:
                    break  # the line the gzip truncation cut, reported once below
                if item := _line_item(line, f"{source}#line:{n}"):
                    yielded = True
                    yield item
        except InputError as exc:
            yield ReadProblem(source, exc.reason)
            return
    if guard.truncated:
        yield ReadProblem(source, guard.truncation_reason())
    elif not yielded:
        yield ReadProblem(source, "empty (no records)")


def _line_item(line: str | InputError, where: str) -> RawDocument | ReadProblem | None:
    """A line's record, its problem, or ``None`` for a blank line."""
    if isinstance(line, InputError):
        return ReadProblem(where, line.reason)
    if not line.strip():
        return None
    try:
        return record_document(line, where)
    except InputError as exc:
        return ReadProblem(where, exc.reason)


def _numbered_lines(
    stream: io.BufferedReader, encoding: str, limit: int
) -> Iterator[tuple[int, str | InputError]]:
    """``(line number, text or the reason it cannot be read)`` for every line.

    UTF-16/32 files (announced by a BOM) are read through a text wrapper; other files
    line by line as bytes, so one line in a different encoding (a hand-edited file) is
    detected on its own instead of spoiling the rest.
    """
    wide = encoding.startswith(("utf-16", "utf-32"))
    reader: IO = io.TextIOWrapper(stream, encoding=encoding, newline="") if wide else stream
    newline = "\n" if wide else b"\n"
    n = 0
    while raw := reader.readline(limit + 1):
        n += 1
        if len(raw) > limit and not raw.endswith(newline):
            while (rest := reader.readline(64 * 1024)) and not rest.endswith(newline):
                pass  # skip the rest of the overlong line without holding it
            yield (
                n,
                InputError(
                    f"line longer than the {size_text(limit)} limit for one record; skipped"
                ),
            )
        elif isinstance(raw, str):
            yield n, raw
        else:
            yield n, _decode_line(raw, encoding)


def _decode_line(raw: bytes, encoding: str) -> str | InputError:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        pass
    try:
        # "replace" only matters for a character cut at the very end, which detection forgives
        return raw.decode(detect_encoding(raw), errors="replace")
    except InputError as exc:
        return exc


def record_document(line: str, source: str) -> RawDocument:
    """One JSONL line as a ``record`` document: ``text`` is the body, every other field
    a hint (``published`` normalised to an ISO date when it names one)."""
    try:
        record = _without_lone_surrogates(json.loads(line))
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise InputError(f"a JSON {_json_type(record)}, not a record object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError('record has no "text" field holding a non-empty string')
    for name in _TEXT_FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise InputError(f'field "{name}" is a JSON {_json_type(record[name])}, not a string')
    for name in _LIST_FIELDS:
        value = record.get(name)
        if value is not None and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            raise InputError(f'field "{name}" must be an array of strings')
    hints = {k: v for k, v in record.items() if k != "text" and v is not None}
    if "published" in hints:
        hints["published"] = iso_date(hints["published"]) or hints["published"]
    return RawDocument(source=source, body=text, media_type="record", hints=hints)


def _json_type(value: object) -> str:
    return "object" if isinstance(value, dict) else _JSON_TYPES.get(type(value), "value")


def _without_lone_surrogates(value: object) -> object:
    """JSON may escape half a UTF-16 pair ("\\ud800"), which no text encoding can store:
    it becomes U+FFFD, as undecodable bytes do elsewhere."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_lone_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v) for k, v in value.items()}
    return value
