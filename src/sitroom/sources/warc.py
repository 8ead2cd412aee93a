"""WARC and WARC.gz crawls: one ``RawDocument(media_type="text/html")`` per HTML
response or resource record, with the crawl's ``url`` and ``crawled`` date as hints.

FastWARC is used because it is the fastest maintained WARC parser for Python (a
compiled reader built for web-scale corpora such as Common Crawl), streams records one
at a time and parses the HTTP envelope. sitroom hands it its own guarded stream (gzip by
magic bytes, decompressed-size cap, truncation noted) instead of a path, so FastWARC
never opens URLs and a cut ``.warc.gz`` still yields every complete record before the
cut. Non-HTML records (images, scripts, requests, metadata) and non-2xx responses are
part of any crawl and skipped silently; a record that is cut short or larger than
``Limits.record_bytes`` is reported and skipped.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from fastwarc.stream_io import BrotliReader, ChunkedReader, GzipReader
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from sitroom.model import RawDocument, ReadProblem
from sitroom.sources.html import decode_html
from sitroom.sources.opening import DEFAULT_LIMITS, GuardedStream, InputError, Limits, size_text

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(
    path: Path, source: str, limits: Limits = DEFAULT_LIMITS
) -> Iterator[RawDocument | ReadProblem]:
    try:
        guard = GuardedStream(path, limits)
    except InputError as exc:
        yield ReadProblem(source, exc.reason)
        return
    n = 0
    with guard:
        try:
            records = ArchiveIterator(
                guard, parse_http=True, fsspec_args=False, stream_detect=False
            )
            for n, record in enumerate(records, start=1):
                item = _record_item(record, f"{source}#record:{n}", limits)
                if isinstance(item, ReadProblem) and guard.truncated:
                    break  # the record cut by the gzip truncation, reported once below
                if item:
                    yield item
        except InputError as exc:
            yield ReadProblem(source, exc.reason)
            return
        except OSError as exc:
            yield ReadProblem(source, f"malformed WARC after {n} record(s): {exc}")
            return
    if guard.truncated:
        yield ReadProblem(source, guard.truncation_reason())
    elif n == 0:
        yield ReadProblem(source, "empty (no WARC records)")


def _record_item(
    record: WarcRecord, where: str, limits: Limits
) -> RawDocument | ReadProblem | None:
    """The page a record carries, a problem, or ``None`` for records that hold no page."""
    if record.record_type == WarcRecordType.response:
        if not record.is_http or record.http_headers is None:
            return None
        status = record.http_headers.status_code
        if status is None or not 200 <= status < 300:
            return None
        content_type = record.http_content_type or ""
    elif record.record_type == WarcRecordType.resource:
        content_type = record.headers.get("Content-Type", "") or ""
    else:
        return None
    if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return None
    expected = record.content_length
    if expected > limits.record_bytes:
        return ReadProblem(
            where,
            f"record of {size_text(expected)} is larger than the "
            f"{size_text(limits.record_bytes)} record limit; skipped",
        )
    payload = record.reader.read()
    if len(payload) < expected:
        return ReadProblem(
            where, f"record is truncated ({len(payload)} of {expected} bytes); skipped"
        )
    try:
        if record.record_type == WarcRecordType.response:
            payload = http_decoded(payload, record.http_headers, limits.record_bytes)
        body = decode_html(payload, record.http_charset if record.is_http else None)
    except InputError as exc:
        return ReadProblem(where, exc.reason)
    hints = {
        "url": record.headers.get("WARC-Target-URI"),
        "crawled": record.headers.get("WARC-Date"),
    }
    return RawDocument(
        source=where, body=body, media_type="text/html", hints={k: v for k, v in hints.items() if v}
    )


def http_decoded(payload: bytes, headers: object, limit: int) -> bytes:
    """Undo the chunked transfer and gzip/deflate/brotli content encodings a crawler
    stored as the server sent them. Done here rather than by FastWARC's ``auto_decode``
    so the raw length can first be checked against ``Content-Length`` (truncation),
    and the decoded size is capped like any other input."""
    if "chunked" in (headers.get("Transfer-Encoding") or "").lower():  # type: ignore[attr-defined]
        payload = _drain(ChunkedReader(io.BytesIO(payload), fsspec_args=False), limit, "chunked")
    coding = (headers.get("Content-Encoding") or "identity").strip().lower()  # type: ignore[attr-defined]
    if coding in ("gzip", "x-gzip"):
        return _drain(GzipReader(io.BytesIO(payload), fsspec_args=False), limit, coding)
    if coding == "deflate":
        return _drain(GzipReader(io.BytesIO(payload), zlib=True, fsspec_args=False), limit, coding)
    if coding == "br":
        return _drain(BrotliReader(io.BytesIO(payload), fsspec_args=False), limit, coding)
    if coding not in ("identity", ""):
        raise InputError(f"unsupported HTTP content encoding {coding!r}")
    return payload


def _drain(reader: object, limit: int, coding: str) -> bytes:
    parts: list[bytes] = []
    total = 0
    try:
        while chunk := reader.read(64 * 1024):  # type: ignore[attr-defined]
            total += len(chunk)
            if total > limit:
                raise InputError(
                    f"{coding} payload expands beyond the {size_text(limit)} record limit; skipped"
                )
            parts.append(chunk)
    except OSError as exc:
        raise InputError(f"corrupt {coding} HTTP payload: {exc}") from None
    return b"".join(parts)
