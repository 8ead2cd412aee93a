"""Segmentation on the example dumps: three site styles besides the reference dump."""

from __future__ import annotations

import gzip

import pytest

from sitroom.articles.lines import meta
from sitroom.articles.segment import to_articles
from sitroom.model import RawDocument
from testpaths import EXAMPLES

DUMPS = EXAMPLES / "dumps"


def read_dump(name: str):
    path = DUMPS / name
    data = path.read_bytes()
    text = (gzip.decompress(data) if name.endswith(".gz") else data).decode("utf-8")
    return to_articles(RawDocument(str(path), text, "text/plain"))


@pytest.fixture(scope="module")
def ledger():
    return read_dump("levant-ledger-2025.txt")


@pytest.fixture(scope="module")
def tigris():
    return read_dump("tigris-times-2024-2025.txt")


@pytest.fixture(scope="module")
def bulletin():
    return read_dump("euphrates-bulletin-2023.txt.gz")


def test_published_share_comments_style(ledger):
    assert [a.published for a in ledger] == ["2025-03-14", "2025-03-11", "2025-06-23", "2025-07-22"]
    assert ledger[0].title == "Iraq says top Daesh commander killed in Anbar strike"
    assert [a.author for a in ledger] == [
        "Rana Haddad",
        "Karim Nassar",
        "Rana Haddad",
        "Karim Nassar",
    ]
    assert [len(a.summary) for a in ledger] == [2, 0, 2, 0]
    assert [len(a.captions) for a in ledger] == [1, 1, 1, 0]
    assert all(c.endswith(("Command", "office", "Defence")) for a in ledger for c in a.captions)
    for article in ledger:
        assert article.dateline in {"BAGHDAD", "DAMASCUS"}
        assert article.text.startswith(article.dateline + ":")
        for junk in (
            "Share",
            "Comments",
            "Tags:",
            "Advertisement",
            "Read more",
            "Home |",
            "©",
            "Photo:",
        ):
            assert junk not in article.text


def test_last_modified_read_more_style(tigris):
    assert len(tigris) == 4
    assert tigris[0].title == "US-led coalition to end Iraq mission by September 2025"
    assert [a.published for a in tigris] == ["2024-09-27", "2025-11-12", "2025-09-27", "2025-07-11"]
    assert all(a.updated == a.published for a in tigris), (
        "Last modified only: it is also the published date"
    )
    assert [a.author for a in tigris] == [None, "Layla Hassan", "Layla Hassan", None]
    assert [len(a.summary) for a in tigris] == [2, 2, 0, 0]
    assert [len(a.captions) for a in tigris] == [1, 0, 1, 0]
    assert [a.dateline for a in tigris] == ["BAGHDAD", "BAGHDAD", "ERBIL", "SULAYMANIYAH"]
    for article in tigris:
        for junk in (
            "Read more",
            "Advertisement",
            "IRAQ\n",
            "KURDISTAN",
            "Most read",
            "Subscribe",
            "Last modified",
        ):
            assert junk not in article.text
    assert not tigris[-1].text.endswith(("explained", "Development Road", "2025"))


def test_hard_wrapped_gzip_bulletin(bulletin):
    assert [a.title for a in bulletin] == [
        "Curfew in Kirkuk after clashes over party headquarters leave four dead",
        "Protesters storm Swedish embassy in Baghdad over planned Quran burning",
        "Iraqis vote for provincial councils for the first time in a decade",
    ]
    assert [a.published for a in bulletin] == ["2023-09-03", "2023-07-20", "2023-12-19"]
    for article in bulletin:
        paragraphs = article.text.split("\n")
        assert 3 <= len(paragraphs) <= 4, "wrapped lines are joined back into paragraphs"
        assert all(p.endswith(".") for p in paragraphs)
        assert "* * *" not in article.text and "Unsubscribe" not in article.text
    assert "al-Sadr" in bulletin[1].text and "al- Sadr" not in bulletin[1].text


def test_sources_number_the_articles_of_a_dump(ledger):
    assert [a.source.rsplit("#", 1)[1] for a in ledger] == ["1", "2", "3", "4"]
    assert len({a.id for a in ledger}) == 4


@pytest.mark.parametrize(
    "name",
    ["levant-ledger-2025.txt", "tigris-times-2024-2025.txt", "euphrates-bulletin-2023.txt.gz"],
)
def test_no_meta_line_left_in_any_example_body(name):
    for article in read_dump(name):
        assert all(meta(line) is None for line in article.text.split("\n"))
