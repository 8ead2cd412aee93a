"""Fixture builders for the sources tests: every input is generated in ``tmp_path``."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Border crossing reopens | Desert Ledger</title>
<link rel="canonical" href="https://ledger.example/2024/05/border-crossing">
<meta property="og:site_name" content="Desert Ledger">
<meta name="author" content="Rana Haddad">
<meta property="article:published_time" content="2024-05-02T09:30:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Border crossing reopens</h1>
<figure><img src="crossing.jpg"><figcaption>Trucks queue at the crossing on Thursday morning. \
(Ledger photo)</figcaption></figure>
<p>AL-QAIM: Iraqi authorities reopened the Al-Qaim border crossing with Syria on Thursday after \
a closure of three weeks, according to the interior ministry.</p>
<p>Officials said about two hundred trucks carrying food and building materials passed in the \
first hours, and that passenger traffic would resume next week.</p>
<p>The crossing was shut last month after clashes nearby. Local traders said the closure had \
doubled the price of some goods in the markets of Anbar province.</p>
</article>
<footer>Subscribe to our newsletter. Copyright 2024 Desert Ledger, all rights reserved.</footer>\
</body></html>
"""

DUMP = """Talks on water sharing resume in Baghdad
Share this story
Published 4 June 2024

BAGHDAD: Delegations from Iraq and Turkey met in Baghdad on Tuesday to resume talks on the \
flow of the Tigris and Euphrates, officials from both sides said.
The Iraqi water ministry said reservoirs were at their lowest level in decades.
Related stories
"""


def warc_record(
    uri: str,
    html: bytes,
    date: str = "2024-05-02T10:00:00Z",
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
) -> bytes:
    """One WARC/1.1 response record holding an HTTP response, written by hand (the
    format is a header block, a blank line and ``Content-Length`` bytes)."""
    http = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n".encode() + html
    head = (
        "WARC/1.1\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash((uri, date))):032x}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def warcinfo_record() -> bytes:
    body = b"software: hand-written test fixture\r\n"
    head = (
        f"WARC/1.1\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:{0:032x}>\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    return head + body + b"\r\n\r\n"


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """``write(name, data, gz=False)``: a file under ``tmp_path`` (gzip members per
    chunk when ``data`` is a list and ``gz`` is set, as WARC.gz files are written)."""

    def _write(name: str, data: str | bytes | list[bytes], gz: bool = False) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, list):
            blob = b"".join(gzip.compress(x) for x in data) if gz else b"".join(data)
        else:
            blob = data.encode("utf-8") if isinstance(data, str) else data
            blob = gzip.compress(blob) if gz else blob
        path.write_bytes(blob)
        return path

    return _write


@pytest.fixture
def page_html() -> str:
    return PAGE


@pytest.fixture
def dump_text() -> str:
    return DUMP


@pytest.fixture
def make_record() -> Callable[..., bytes]:
    return warc_record


@pytest.fixture
def warcinfo() -> bytes:
    return warcinfo_record()
