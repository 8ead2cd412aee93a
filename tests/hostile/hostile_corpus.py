"""Builds the hostile inputs at test time (nothing large is committed): each entry is a
file under a folder, with what it attacks. Bombs are built streaming from repeated gzip
members, so a "10 GB" bomb costs a few MB of disk and well under a second to write."""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

GiB = 1024**3
MiB = 1024**2

STORY = (
    "Iraqi and Kurdish officials met in Erbil on Sunday to discuss the budget for the coming year, "
    "the regional government said in a statement. Both sides agreed to meet again next month."
)


@dataclass(frozen=True)
class Hostile:
    name: str
    attack: str
    build: Callable[[Path], None]


def _gzip_repeated(
    path: Path, unit: bytes, total: int, member: int = 64 * MiB, nested: bool = False
) -> None:
    """``total`` bytes of ``unit`` repeated, as gzip members of ``member`` bytes each
    (gzip readers chain members, so the decompressed size is ``total``)."""
    block = unit * (member // len(unit))
    one = gzip.compress(block, compresslevel=9)
    with path.open("wb") as out:
        data = b"".join(one for _ in range(total // len(block)))
        out.write(gzip.compress(data) if nested else data)


def _big_line(path: Path, prefix: bytes, unit: bytes, size: int, suffix: bytes = b"") -> None:
    chunk = unit * (MiB // len(unit))
    with path.open("wb") as out:
        out.write(prefix)
        for _ in range(size // MiB):
            out.write(chunk)
        out.write(suffix)


def _write(data: bytes | str) -> Callable[[Path], None]:
    blob = data.encode("utf-8") if isinstance(data, str) else data
    return lambda path: path.write_bytes(blob)


def _warc(uri: str, html: bytes, declared_length: str | None = None, cut: int = 0) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    length = declared_length if declared_length is not None else str(len(http))
    head = (
        f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
        "WARC-Date: 2024-03-01T10:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode()
    record = head + http + b"\r\n\r\n"
    return record[: len(record) - cut] if cut else record


def _page(title: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head>"
        f"<body><article><p>{STORY}</p></article></body></html>"
    ).encode()


_RSS_ITEM = "<item><title>Item &xxe;</title><description>{body} &xxe;</description></item>"


def _feed(doctype: str, root: str = "rss") -> str:
    item = _RSS_ITEM.format(body=STORY)
    if root == "rss":
        return (
            f'<?xml version="1.0"?>\n{doctype}\n'
            f'<rss version="2.0"><channel><title>Wire</title>{item}</channel></rss>'
        )
    entry = (
        "<entry><title>Entry &xxe;</title><id>urn:x:1</id><updated>2024-03-01T10:00:00Z</updated>"
        f"<summary>{STORY} &xxe;</summary></entry>"
    )
    return f'<?xml version="1.0"?>\n{doctype}\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>{entry}</feed>'


_LAUGHS = (
    '<!DOCTYPE rss [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + '<!ENTITY xxe "&lol9;">]>'
)


def _mixed_encodings() -> bytes:
    utf8 = "Le ministre a déclaré à Bagdad que les négociations reprendront.\n".encode()
    cp1252 = "Officials said the “talks” would resume — the café stayed shut.\n".encode("cp1252")
    return (STORY + "\n\n").encode() + utf8 * 20 + cp1252 * 20


def corpus() -> list[Hostile]:
    rng = random.Random(20240301)
    noise = bytes(rng.randrange(128, 256) for _ in range(20000))
    return [
        Hostile(
            "bomb-zeros.txt.gz",
            "gzip bomb: 10 GiB of zeros",
            lambda p: _gzip_repeated(p, b"\0", 10 * GiB),
        ),
        Hostile(
            "bomb-blank-lines.jsonl.gz",
            "gzip bomb: 10 GiB of blank JSONL lines (reaches the decompressed cap)",
            lambda p: _gzip_repeated(p, b" " * 1023 + b"\n", 10 * GiB),
        ),
        Hostile(
            "bomb-nested.txt.gz",
            "nested gzip: a gzip of a 10 GiB gzip bomb",
            lambda p: _gzip_repeated(p, b"\0", 10 * GiB, nested=True),
        ),
        Hostile(
            "nested-gzip.html.gz",
            "nested gzip of an ordinary page",
            _write(gzip.compress(gzip.compress(_page("Nested")))),
        ),
        Hostile(
            "deep-nesting.html",
            "100k nested <div> elements",
            _write(
                b"<html><body>"
                + b"<div>" * 100_000
                + STORY.encode()
                + b"</div>" * 100_000
                + b"</body></html>"
            ),
        ),
        Hostile(
            "deep-unclosed.html",
            "100k unclosed nested <div><span> elements",
            _write(b"<html><body>" + b"<div><span>" * 100_000 + STORY.encode()),
        ),
        Hostile(
            "line-100mb.txt",
            "one 100 MB line of prose",
            lambda p: _big_line(p, b"", b"word ", 100 * MiB),
        ),
        Hostile(
            "line-100mb.jsonl",
            "one 100 MB JSONL record",
            lambda p: _big_line(
                p,
                b'{"id": "big", "text": "',
                b"word ",
                100 * MiB,
                b'"}\n'
                + json.dumps({"id": "after", "text": STORY.replace("Sunday", "Monday")}).encode()
                + b"\n",
            ),
        ),
        Hostile(
            "line-100mb.html",
            "one 100 MB line of markup",
            lambda p: _big_line(p, b"<html><body><p>", b"word ", 100 * MiB, b"</p></body></html>"),
        ),
        Hostile("invalid-utf8.txt", "bytes no text encoding decodes", _write(noise)),
        Hostile(
            "mixed-encodings.txt",
            "UTF-8 and windows-1252 paragraphs in one file",
            _write(_mixed_encodings()),
        ),
        Hostile(
            "utf16-no-bom.txt",
            "UTF-16 without a byte-order mark",
            _write((STORY * 3).encode("utf-16-le")),
        ),
        Hostile(
            "nul-bytes.txt", "NUL bytes inside prose", _write((STORY + "\0\0\0 " + STORY).encode())
        ),
        Hostile(
            "nul-bytes.html",
            "NUL bytes inside a page",
            _write(_page("Nul").replace(b"<p>", b"<p>\0\0")),
        ),
        Hostile(
            "nul-escaped.jsonl",
            "JSON-escaped NUL characters in a record",
            _write(json.dumps({"id": "n", "text": STORY.replace(" the ", " the\u0000 ")}) + "\n"),
        ),
        Hostile(
            "png-named.html",
            "binary image named .html",
            _write(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 16),
        ),
        Hostile(
            "warc-length-huge.warc",
            "WARC Content-Length of 10 GB over a small record",
            _write(_warc("https://a.example/huge", _page("Huge"), declared_length=str(10 * GiB))),
        ),
        Hostile(
            "warc-length-long.warc",
            "WARC Content-Length longer than the file",
            _write(_warc("https://a.example/long", _page("Long"), declared_length="50000")),
        ),
        Hostile(
            "warc-length-short.warc",
            "WARC Content-Length shorter than the record",
            _write(
                _warc("https://a.example/short", _page("Short"), declared_length="40")
                + _warc("https://a.example/next", _page("Next"))
            ),
        ),
        Hostile(
            "warc-length-negative.warc",
            "WARC Content-Length that is negative",
            _write(_warc("https://a.example/neg", _page("Neg"), declared_length="-5")),
        ),
        Hostile(
            "warc-length-text.warc",
            "WARC Content-Length that is not a number",
            _write(_warc("https://a.example/nan", _page("Nan"), declared_length="lots")),
        ),
        Hostile(
            "warc-cut.warc.gz",
            "WARC.gz cut in the middle of a record",
            _write(gzip.compress(_warc("https://a.example/cut", _page("Cut")))[:-60]),
        ),
        Hostile(
            "xxe-file.rss",
            "RSS with an external entity reading /etc/passwd",
            _write(_feed('<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')),
        ),
        Hostile(
            "xxe-file.atom",
            "Atom with an external entity reading /etc/passwd",
            _write(
                _feed('<!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', root="feed")
            ),
        ),
        Hostile(
            "xxe-parameter.rss",
            "RSS with an external parameter entity (DTD from the network)",
            _write(
                _feed(
                    '<!DOCTYPE rss [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/evil.dtd"> %ext; '
                    '<!ENTITY xxe "x">]>'
                )
            ),
        ),
        Hostile(
            "billion-laughs.rss", "RSS with exponential entity expansion", _write(_feed(_LAUGHS))
        ),
        Hostile(
            "not-objects.jsonl",
            "JSONL lines that are arrays, strings, numbers and null",
            _write('[1, 2, 3]\n"just a string"\n42\nnull\n{"id": "x", "title": "no text"}\n'),
        ),
        Hostile(
            "wrong-field-types.jsonl",
            "JSONL records with a list for a title and a string for captions",
            _write(
                json.dumps({"id": "t", "text": STORY, "title": ["a", "b"]})
                + "\n"
                + json.dumps({"id": "c", "text": STORY, "captions": "one caption"})
                + "\n"
            ),
        ),
        Hostile(
            "lone-surrogate.jsonl",
            "JSON escaping half a UTF-16 pair (\\ud800) in text and title",
            _write(
                json.dumps(
                    {
                        "id": "s",
                        "title": "Talks \ud800",
                        "text": STORY.replace("Sunday", "Friday \udc00"),
                    }
                )
                + "\n"
            ),
        ),
        Hostile(
            "surrogate-charref.rss",
            "feed with a surrogate character reference (&#xD800;)",
            _write(_feed("").replace("&xxe;", "&#xD800;")),
        ),
        Hostile(
            "truncated.txt.gz",
            "gzip stream cut short",
            _write(gzip.compress(((STORY + "\n") * 2000).encode())[:300]),
        ),
        Hostile("empty.rss", "empty feed", _write(b"")),
    ]


GOOD_BEFORE = {
    "id": "before",
    "text": STORY.replace("Erbil", "Baghdad"),
    "title": "Budget talks in Baghdad",
    "published": "2024-03-01",
}
GOOD_DURING = {
    "id": "during",
    "text": STORY.replace("Erbil", "Mosul"),
    "title": "Budget talks in Mosul",
    "published": "2024-03-02",
}


def build(folder: Path) -> dict[Path, Hostile]:
    folder.mkdir(parents=True, exist_ok=True)
    built = {}
    for item in corpus():
        path = folder / item.name
        item.build(path)
        built[path] = item
    return built
