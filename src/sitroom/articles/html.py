"""HTML page -> ``Article``: main text and metadata with trafilatura.

trafilatura is used because it is the best-scoring maintained open-source main-text
extractor on public benchmarks (including the one its repository ships and
``sitroom eval --only html`` re-runs), and it reads title, date (via htmldate), author
and site name in the same pass. Metadata the container already stated (a feed item's
title, a WARC record's URL, a JSONL outlet) wins over what the page says, because the
container is what the user pointed sitroom at.

Images are left out of the extraction, which also drops their captions from the body;
the ``<figcaption>`` texts of the page's article are kept apart in ``captions`` so later
stages can still read them.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.settings import Document

from sitroom.articles.errors import ArticleError
from sitroom.model import Article, RawDocument, content_key
from sitroom.sources.html import XML_DECLARATION

# htmldate: prefer the original publication date over a later "updated" stamp, and look
# beyond the usual meta tags (URL, visible date lines) when a page lacks them.
_DATE_PARAMS = {"extensive_search": True, "original_date": True}
_FULL_PAGE = re.compile(r"<(html|body)[\s>]", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_CAPTION_MIN_WORDS = 3
# On a page with no article trafilatura's fallbacks return what is left (a menu's
# "Home"); even a one-sentence feed summary is longer than this.
_MIN_WORDS = 5
_TITLE_SEPARATORS = (" | ", " - ", " \u2014 ", " \u2013 ", " \u00b7 ", " :: ", " \u00bb ")


def article_from_html(raw: RawDocument) -> Article:
    """Extract the article a page (or a feed item's HTML fragment) holds.

    Raises ``ArticleError`` when trafilatura finds no main text.
    """
    hints = raw.hints
    page = raw.body if _FULL_PAGE.search(raw.body[:4096]) else _as_page(raw.body)
    try:
        doc = trafilatura.bare_extraction(
            page,
            url=hints.get("url"),
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_tables=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError) as exc:  # lxml refusing the markup
        raise ArticleError(f"unreadable HTML: {exc}") from None
    main_text = (doc.text or "").strip() if isinstance(doc, Document) else ""
    if not isinstance(doc, Document) or not main_text:
        raise ArticleError("no main text found in the HTML")
    title = _clean(hints.get("title")) or _strip_site_name(
        _clean(doc.title), doc.sitename, doc.hostname
    )
    text = _drop_leading_title(main_text, title)
    if len(text.split()) < _MIN_WORDS:
        raise ArticleError(
            f"no main text found in the HTML (fewer than {_MIN_WORDS} words besides the title)"
        )
    url = hints.get("url") or doc.url
    return Article(
        id=content_key(title, text),
        source=raw.source,
        text=text,
        title=title,
        published=hints.get("published") or doc.date,
        updated=hints.get("updated"),
        captions=captions(page),
        url=url,
        outlet=hints.get("outlet") or doc.sitename,
        site=doc.hostname or (urlsplit(url).hostname if url else None),
        author=hints.get("author") or doc.author,
        language=doc.language,
    )


def _as_page(fragment: str) -> str:
    """A feed item's HTML fragment wrapped as a page: trafilatura looks for a document
    body and finds nothing in a bare fragment."""
    return f"<html><body><article>{fragment}</article></body></html>"


def _clean(value: str | None) -> str | None:
    value = _SPACE.sub(" ", value or "").strip()
    return value or None


def _strip_site_name(title: str | None, *site_names: str | None) -> str | None:
    """``"Headline | The Outlet"`` -> ``"Headline"`` when the tail names the site: the
    ``<title>`` tag carries the site name, the headline does not."""
    if not title:
        return title
    names = {_key(n) for n in site_names if n}
    names |= {
        n.rsplit(".", 2)[-2] for n in names if "." in n.strip(".")
    }  # "lastampa.it" -> "lastampa"
    for sep in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        if found and head.strip() and {_key(tail), _key(tail).replace(" ", "")} & names:
            return head.strip()
    return title


def _key(value: str) -> str:
    value = value.casefold().strip()
    return value[4:] if value.startswith("www.") else value


def _drop_leading_title(text: str, title: str | None) -> str:
    """Pages repeat their headline as the first line of the article; it belongs in
    ``title`` only, as in dumps."""
    first, _, rest = text.partition("\n")
    if title and _clean(first) and _clean(first).lower() == title.lower():  # type: ignore[union-attr]
        return rest.strip()
    return text


def captions(page: str) -> list[str]:
    """Figure captions of the article (of the whole page when it marks no article),
    in order, without repeats."""
    try:
        tree = lxml.html.document_fromstring(XML_DECLARATION.sub("", page, count=1))
    except (lxml.etree.ParserError, ValueError):  # nothing parseable: no captions either
        return []
    scope = tree.xpath("//article") or [tree]
    found: list[str] = []
    for node in scope:
        for cap in node.xpath(".//figcaption"):
            text = _clean(cap.text_content())
            if text and len(text.split()) >= _CAPTION_MIN_WORDS and text not in found:
                found.append(text)
    return found
