"""Inputs (files, directories, globs) -> ``RawDocument`` or ``ReadProblem``, in order.

Formats are recognised by extension and by content, after transparent gunzipping: a
WARC header, a feed root element or an HTML root element is decisive whatever the file
is called, a known extension decides next, and only then weaker content hints (HTML tags,
a JSON object on the first line). Anything else is a plain-text page dump. One bad input yields one
``ReadProblem`` and the stream carries on with the next.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from sitroom.model import RawDocument, ReadProblem
from sitroom.sources.feed import read_feed
from sitroom.sources.html import XML_DECLARATION, read_html
from sitroom.sources.jsonl import read_jsonl
from sitroom.sources.opening import DEFAULT_LIMITS, InputError, Limits, bom_encoding, read_head
from sitroom.sources.text import read_text
from sitroom.sources.warc import read_warc

Reader = Callable[[Path, str, Limits], Iterator[RawDocument | ReadProblem]]

READERS: dict[str, Reader] = {
    "warc": read_warc,
    "feed": read_feed,
    "html": read_html,
    "jsonl": read_jsonl,
    "text": read_text,
}

EXTENSIONS = {
    ".warc": "warc",
    ".arc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".txt": "text",
    ".text": "text",
}
_COMPRESSED = {".gz", ".gzip"}
_FEED_ROOT = re.compile(r"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
# Atomic: the leading comments are taken once; letting a comment's ``.*?`` also span
# several comments made "<!----><!---->…" try every grouping (exponential backtracking).
_HTML_ROOT = re.compile(
    r"^(?>(?:<!--.*?-->\s*)*)<(!doctype html|html)[\s>]", re.IGNORECASE | re.DOTALL
)
_HTML_TAG = re.compile(r"<(!doctype html|html|head|body)[\s>]", re.IGNORECASE)


def read_inputs(
    inputs: Iterable[str], limits: Limits = DEFAULT_LIMITS
) -> Iterator[RawDocument | ReadProblem]:
    """Read every input in order: a file, a directory (recursive, sorted, hidden files
    skipped) or a glob. Never raises for bad input: problems are yielded."""
    for item in inputs:
        for path in expand(item):
            if isinstance(path, ReadProblem):
                yield path
            else:
                yield from read_path(path, limits)


def expand(item: str) -> Iterator[Path | ReadProblem]:
    """The files an input names, or one problem when it names none."""
    if glob.has_magic(item) and not Path(item).exists():
        matches = sorted(glob.glob(item, recursive=True))
        if not matches:
            yield ReadProblem(item, "no files match this pattern")
        for match in matches:
            yield from _files_under(Path(match))
        return
    path = Path(item)
    if not path.exists() and not path.is_symlink():
        yield ReadProblem(item, "no such file or directory")
        return
    empty = True
    for found in _files_under(path):
        empty = False
        yield found
    if empty:
        yield ReadProblem(
            item, "no input files in this directory (hidden files and other file types are skipped)"
        )


def _files_under(path: Path) -> Iterator[Path | ReadProblem]:
    """``path`` itself, or the input files below a directory in path order.

    In a directory, hidden files and folders (``.git``, editor backups) are left out, and
    so are files whose extension names another kind of file (a ``README.md``, images,
    code): a corpus folder's notes are not news. A file named explicitly is always read.
    """
    if not path.is_dir():
        yield path
        return
    found: list[Path] = []
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(path, onerror=unreadable.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(root) / name for name in files if not name.startswith(".") and _is_input_name(name)
        )
    yield from sorted(found, key=lambda p: p.relative_to(path).parts)
    for exc in unreadable:
        yield ReadProblem(
            str(exc.filename or path), f"cannot list directory: {exc.strerror or exc}"
        )


def _is_input_name(name: str) -> bool:
    """True for names with an input extension (``.gz`` aside) or none at all."""
    suffixes = [s.lower() for s in Path(name).suffixes if s.lower() not in _COMPRESSED]
    return not suffixes or suffixes[-1] in EXTENSIONS


def read_path(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[RawDocument | ReadProblem]:
    """Read one file with the reader its format calls for."""
    source = str(path)
    try:
        head = read_head(path, limits=limits)
    except InputError as exc:
        yield ReadProblem(source, exc.reason)
        return
    yield from READERS[detect_format(path, head)](path, source, limits)


def detect_format(path: Path, head: bytes) -> str:
    """The reader for a file, from its (gunzipped) first bytes and its name."""
    suffixes = [s.lower() for s in path.suffixes if s.lower() not in _COMPRESSED]
    by_name = EXTENSIONS.get(suffixes[-1]) if suffixes else None
    text = _peek_text(head)
    if text.startswith("WARC/"):
        return "warc"
    if _FEED_ROOT.search(text[:2048]) and not _HTML_TAG.search(text[:2048]):
        return "feed"
    if _HTML_ROOT.match(XML_DECLARATION.sub("", text, count=1).lstrip()):
        return "html"
    if by_name:
        return by_name
    if _HTML_TAG.search(text[:4096]):
        return "html"
    if text.startswith("{"):
        return "jsonl"
    return "text"


def _peek_text(head: bytes) -> str:
    """The head as text good enough for sniffing markup (ASCII-compatible or BOM-marked)."""
    encoding = bom_encoding(head) or "latin-1"
    return head.decode(encoding, errors="replace").lstrip("\ufeff \t\r\n")
