"""``article_from_html``: main text and metadata from pages and feed fragments."""

from __future__ import annotations

import pytest

from sitroom.articles.errors import ArticleError
from sitroom.articles.html import article_from_html
from sitroom.model import RawDocument, content_key


def page(body: str, hints: dict | None = None) -> RawDocument:
    return RawDocument(source="test.html", body=body, media_type="text/html", hints=hints or {})


def test_page_metadata_and_main_text(page_html):
    article = article_from_html(page(page_html))
    assert article.title == "Border crossing reopens"
    assert article.published == "2024-05-02"
    assert article.author == "Rana Haddad"
    assert article.outlet == "Desert Ledger"
    assert article.url == "https://ledger.example/2024/05/border-crossing"
    assert article.site == "ledger.example"
    assert article.text.startswith("AL-QAIM: Iraqi authorities reopened")
    assert "Anbar province" in article.text
    for boilerplate in ("Home", "Subscribe to our newsletter", "Copyright 2024"):
        assert boilerplate not in article.text
    assert article.id == content_key(article.title, article.text)
    assert article.source == "test.html"


def test_captions_are_kept_apart_from_the_body(page_html):
    article = article_from_html(page(page_html))
    assert article.captions == ["Trucks queue at the crossing on Thursday morning. (Ledger photo)"]
    assert "Trucks queue" not in article.text


def test_container_hints_override_the_page(page_html):
    hints = {
        "title": "Al-Qaim crossing open again",
        "published": "2024-05-01",
        "url": "https://feed.example/x",
        "outlet": "Feed Wire",
        "author": "Wire Desk",
    }
    article = article_from_html(page(page_html, hints))
    assert (article.title, article.published, article.url, article.outlet, article.author) == tuple(
        hints.values()
    )


def test_feed_fragment_without_page_structure():
    fragment = (
        "<p>Kurdish and federal officials agreed on Sunday to resume oil exports through the "
        "northern pipeline, a government spokesman said.</p>"
    )
    article = article_from_html(
        RawDocument("feed.rss#item:1", fragment, "text/html", {"title": "Oil exports to resume"})
    )
    assert article.title == "Oil exports to resume"
    assert article.text.startswith("Kurdish and federal officials agreed")


def test_site_name_is_dropped_from_the_title_tag():
    html = (
        "<html><head><title>Convoy reaches Raqqa - North Gazette</title>"
        "<meta property='og:site_name' content='North Gazette'></head>"
        "<body><div><p>A United Nations convoy of twelve trucks reached Raqqa on Friday "
        "with medical supplies and fuel for the hospital, "
        "aid workers said, after waiting two days at a checkpoint outside the city.</p>"
        "</div></body></html>"
    )
    assert article_from_html(page(html)).title == "Convoy reaches Raqqa"


@pytest.mark.parametrize(
    "body",
    [
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><head><title>Only a title</title></head><body></body></html>",
    ],
)
def test_page_without_main_text_raises(body):
    with pytest.raises(ArticleError):
        article_from_html(page(body))
