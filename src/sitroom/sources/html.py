"""HTML pages: one ``RawDocument(media_type="text/html")`` per file.

The page is decoded here (byte-order mark, then the charset the page declares, then
detection) so every later stage sees text; main-text extraction happens in
``sitroom.articles.html``. lxml checks the markup parses at all, because a file that is
not HTML should be reported by the reader that opened it, with its name, rather than
surface later as "no main text". The canonical URL, when the page states one, becomes
the ``url`` hint.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import lxml.etree
import lxml.html

from sitroom.model import RawDocument, ReadProblem
from sitroom.sources.opening import DEFAULT_LIMITS, InputError, Limits, decode_text, read_whole

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# lxml refuses already-decoded text that still carries an XML encoding declaration (XHTML).
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def declared_charset(head: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its top."""
    match = _META_CHARSET.search(head[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def decode_html(data: bytes, http_charset: str | None = None) -> str:
    """Decode a page: a transport-declared charset (HTTP header) wins over the page's own
    ``<meta>``, as browsers do."""
    return decode_text(data, declared=http_charset or declared_charset(data))


def check_markup(text: str) -> str | None:
    """Parse ``text`` as HTML; return its canonical URL if stated. Raises ``InputError``
    when lxml finds no document in it."""
    try:
        tree = lxml.html.document_fromstring(XML_DECLARATION.sub("", text, count=1))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(f"malformed HTML: {exc}") from None
    if not tree.xpath("//body//text()[normalize-space()] | //head/title/text()[normalize-space()]"):
        raise InputError("malformed HTML: no text in the page")
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = [
            v.strip() for v in tree.xpath(xpath) if v.strip().startswith(("http://", "https://"))
        ]
        if found:
            return found[0]
    return None


def read_html(
    path: Path, source: str, limits: Limits = DEFAULT_LIMITS
) -> Iterator[RawDocument | ReadProblem]:
    try:
        data, truncation = read_whole(path, limits, check_lines=False)
    except InputError as exc:
        yield ReadProblem(source, exc.reason)
        return
    try:
        text = decode_html(data)
        url = check_markup(text)
    except InputError as exc:
        yield ReadProblem(source, truncation or exc.reason)
        return
    yield RawDocument(
        source=source, body=text, media_type="text/html", hints={"url": url} if url else {}
    )
    if truncation:
        yield ReadProblem(source, truncation)
