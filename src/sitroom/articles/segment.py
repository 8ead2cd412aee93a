"""Raw documents -> clean articles: the articles stage's entry point.

``to_articles`` dispatches on how the reader said the body must be read: a page dump is
segmented here (``dump.py``), an HTML page goes to the HTML extractor, a record (JSONL line,
feed entry with clean text) is taken as it is. Whatever the route, the same finishing
applies: dateline, language, the fallback publication date, a content-hash id, and a
provenance entry for every field a rule decided.
"""

from __future__ import annotations

from dataclasses import replace

from sitroom.articles.dateline import find_dateline
from sitroom.articles.dates import to_iso_date
from sitroom.articles.dump import DumpArticle, drop_leading_meta, split_dump
from sitroom.articles.errors import ArticleError
from sitroom.articles.furniture import drop_furniture, furniture_provenance
from sitroom.articles.language import detect_language
from sitroom.model import Article, Explanation, RawDocument, content_key

__all__ = ["ArticleError", "to_articles"]

_CONTAINER_FIELDS = ("url", "outlet", "site")
"""Hints that describe where a document was found, true of every article it holds."""
_ARTICLE_FIELDS = ("title", "author", "summary", "captions", "dateline", "language")
"""Hints a container knows about one article (a feed item's title, a record's author)."""


def to_articles(raw: RawDocument, default_published: str | None = None) -> list[Article]:
    """The articles in ``raw``; raises ArticleError when it holds none."""
    if raw.media_type == "text/plain":
        articles = _from_dump(raw)
    elif raw.media_type == "text/html":
        articles = [_from_html(raw)]
    elif raw.media_type == "record":
        articles = [_from_record(raw)]
    else:
        raise ArticleError(f"unknown media type {raw.media_type!r}")
    return [_finish(a, default_published) for a in articles]


def _from_html(raw: RawDocument) -> Article:
    # Imported here so this module loads before (and without) the HTML extractor.
    from sitroom.articles.html import article_from_html

    article = article_from_html(raw)
    text = drop_leading_meta(article.text)
    if text != article.text:
        # The page's date or byline line came out as the first paragraph: not story text.
        article.provenance["text"] = Explanation("segment.html.leading-meta", 0.9)
    kept, dropped = drop_furniture(text.split("\n"))
    text = "\n".join(kept).strip()
    if text == article.text:
        return article
    if not text:
        raise ArticleError("no main text found in the HTML (only dates, bylines and links)")
    article.provenance.update(furniture_provenance(dropped))
    return replace(article, text=text, id=content_key(article.title, text))


def _from_dump(raw: RawDocument) -> list[Article]:
    found = split_dump(raw.body)
    if not found:
        raise ArticleError("no article text found (only headlines, menus or boilerplate)")
    single = len(found) == 1
    articles = []
    for n, part in enumerate(found, start=1):
        source = raw.source if single else f"{raw.source}#{n}"
        article = _article(source, part)
        articles.append(_apply_hints(article, raw.hints, per_article=single))
    return articles


def _article(source: str, part: DumpArticle) -> Article:
    return Article(
        id="",
        source=source,
        text=part.text,
        title=part.title,
        published=part.published,
        updated=part.updated,
        author=part.author,
        summary=part.summary,
        captions=part.captions,
        provenance=dict(part.provenance),
    )


def _from_record(raw: RawDocument) -> Article:
    """A record's body already is the article text: kept verbatim so offsets computed by
    whoever wrote the record still index it."""
    if not raw.body.strip():
        raise ArticleError("record has no text")
    return _apply_hints(
        Article(id="", source=raw.source, text=raw.body), raw.hints, per_article=True
    )


def _apply_hints(article: Article, hints: dict, per_article: bool) -> Article:
    """Container metadata wins over what segmentation guessed (it is what the publisher
    declared); per-article hints only apply when the document holds one article."""
    names = _CONTAINER_FIELDS + (_ARTICLE_FIELDS if per_article else ())
    for name in names:
        value = hints.get(name)
        if value not in (None, "", []):
            setattr(article, name, value)
            article.provenance[name] = Explanation("segment.hint", 1.0)
    if per_article:
        for name in ("published", "updated"):
            value = to_iso_date(hints.get(name))
            if value:
                setattr(article, name, value)
                article.provenance[name] = Explanation("segment.hint", 1.0)
    return article


def _finish(article: Article, default_published: str | None) -> Article:
    """Fill what every route needs: dateline, language, fallback date, id."""
    provenance = dict(article.provenance)
    changes: dict = {}
    if article.dateline is None:
        found = find_dateline(article.text)
        if found:
            changes["dateline"] = found.place
            provenance["dateline"] = Explanation(found.rule, 0.9)
    if article.language is None:
        language = detect_language(article.text)
        if language:
            changes["language"] = language
            provenance["language"] = Explanation(
                "segment.language.langdetect", 0.9, model="langdetect"
            )
    if article.published is None and default_published:
        changes["published"] = default_published
        provenance["published"] = Explanation("segment.date.default", 0.5)
    if not article.id:
        changes["id"] = content_key(article.title, article.text)
    return replace(article, provenance=provenance, **changes)
