"""Property fuzzing of every reader and of segmentation, dates, times and numbers.

Inputs are built from the pieces real documents are made of (headlines, date lines,
bylines, bullets, credits, numbers, markup, entities, encodings) mixed with arbitrary
text and bytes, then damaged, so the generators reach the parsers' odd corners instead of
only their "not a document" exit. ``SITROOM_FUZZ_EXAMPLES`` sets the examples per test."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import tempfile
from pathlib import Path

import pytest
from fuzz_settings import FUZZ
from hypothesis import given
from hypothesis import strategies as st

from sitroom.articles.dateline import find_dateline
from sitroom.articles.dates import date_stamp, parse_date, to_iso_date
from sitroom.articles.dump import split_dump
from sitroom.articles.segment import ArticleError, to_articles
from sitroom.extract.claims.numbers import find_quantities
from sitroom.extract.times.grammar import normalise_expression, scan, to_time_expr
from sitroom.model import Article, RawDocument, ReadProblem
from sitroom.sources import read_inputs
from sitroom.sources.hints import iso_date

pytestmark = pytest.mark.fuzz

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
WORDS = [
    "Officials",
    "met",
    "in",
    "BAGHDAD:",
    "Mosul",
    "on",
    "Monday",
    "said",
    "the",
    "ministry",
    "ceasefire",
    "—",
    "(AFP)",
    "Photo:",
    "By",
    "Rana",
    "Haddad",
    "Updated",
    "13",
    "March",
    "2024",
    "at",
    "least",
    "40",
    "1,200",
    "$3 million",
    "per cent",
    "between",
    "and",
    "two",
    "dozens",
    "ago",
    "last",
    "week",
    "10:30 a.m.",
    "Share",
    "Follow",
    "99999",
    "days",
    "years",
    "from now",
    "Feb 30",
    "31/02/2024",
    "|",
    "•",
    "-",
    "«",
    "بغداد:",
    "قال",
    "mars",
    "l'armée",
    "\u00a0",
    "\t",
    "...",
    ".",
]
LINES = [
    "",
    "Talks on water sharing resume in Baghdad",
    "Share this story",
    "Published 4 June 2024",
    "Updated 13 March 2023 10:04 AM",
    "By Rana Haddad, Reuters",
    "• Two ministers attended",
    "-----",
    "* * *",
    "Trucks queue at the crossing. (Reuters file photo)",
    "Photo: AFP",
    "Short Url",
    "Follow",
    "BAGHDAD: Delegations from Iraq and Turkey met on Tuesday to resume talks, officials said.",
    "Home | World | Region",
    "Related stories",
    "\f",
    "2024-05-01",
    "Read more: talks stall",
]

text_piece = st.one_of(st.sampled_from(WORDS), st.text(max_size=12))
prose = st.lists(text_piece, max_size=40).map(" ".join)
dump_line = st.one_of(st.sampled_from(LINES), prose)
dump_text = st.lists(dump_line, max_size=40).map("\n".join)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


@st.composite
def html_page(draw) -> bytes:
    parts = draw(
        st.lists(
            st.one_of(
                prose.map(lambda t: f"<p>{_escape(t)}</p>"),
                st.sampled_from(
                    [
                        "<div>",
                        "</div>",
                        "<figure><figcaption>Troops at the gate (AP Photo)</figcaption></figure>",
                        "<br>",
                        "<script>x=1</script>",
                        "<!-- c -->",
                        "&nbsp;",
                        "&#0;",
                        "&#xD800;",
                        '<meta charset="koi8-r">',
                        "<article>",
                        "</article>",
                        '<time datetime="2024-13-45">x</time>',
                        "<h1>Headline of the day</h1>",
                        "&#55296;",
                    ]
                ),
            ),
            max_size=30,
        )
    )
    title = draw(prose)
    page = f"<html><head><title>{_escape(title)}</title></head><body>{''.join(parts)}</body></html>"
    return page.encode(draw(st.sampled_from(["utf-8", "cp1252", "utf-16"])), errors="replace")


@st.composite
def jsonl_file(draw) -> bytes:
    value = st.one_of(st.none(), prose, st.integers(), st.lists(prose, max_size=3), st.booleans())
    records = draw(
        st.lists(
            st.one_of(
                st.fixed_dictionaries(
                    {"id": st.text(max_size=5), "text": prose},
                    optional={
                        k: value
                        for k in (
                            "title",
                            "published",
                            "url",
                            "outlet",
                            "summary",
                            "captions",
                            "language",
                        )
                    },
                ),
                value,
            ),
            max_size=8,
        )
    )
    lines = [json.dumps(r) for r in records]
    if lines and draw(st.booleans()):  # half a UTF-16 pair escaped, as broken exporters write
        lines[0] = lines[0].replace("e", "e\\ud800", 1)
    return "\n".join(lines).encode()


FEED_DATES = ["Mon, 01 Jan 2024 10:00:00 GMT", "yesterday", "0000-00-00", "99999-1-1", ""]
FEED_REFERENCES = ["", "&#xD800;", "&#55296;", "&amp;#xD800;", "&#0;"]


@st.composite
def feed_file(draw) -> bytes:
    items = "".join(
        f"<item><title>{_escape(draw(prose))}</title>"
        f"<pubDate>{_escape(draw(st.sampled_from(FEED_DATES)))}</pubDate>"
        f"<description>{_escape(draw(prose))}{draw(st.sampled_from(FEED_REFERENCES))}"
        "</description></item>"
        for _ in range(draw(st.integers(0, 4)))
    )
    doctype = draw(
        st.sampled_from(
            [
                "",
                '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/hostname">]>',
                '<!DOCTYPE rss [<!ENTITY x "y">]>',
            ]
        )
    )
    if draw(st.booleans()):
        return (
            f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>F</title>'
            f"{items}</channel></rss>"
        ).encode()
    return (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>'
        f"{items.replace('item>', 'entry>')}</feed>"
    ).encode()


@st.composite
def warc_file(draw) -> bytes:
    out = b""
    for n in range(draw(st.integers(0, 3))):
        body = draw(html_page())
        headers = draw(
            st.sampled_from(
                [
                    b"Content-Type: text/html\r\n",
                    b"Content-Type: text/html; charset=latin-1\r\n",
                    b"Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                    b"Content-Type: image/png\r\n",
                    b"Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                ]
            )
        )
        status = draw(st.sampled_from([b"200 OK", b"404 Not Found", b"301 Moved"]))
        http = b"HTTP/1.1 " + status + b"\r\n" + headers + b"\r\n" + body
        length = draw(st.sampled_from([len(http), len(http) + 7, max(0, len(http) - 9)]))
        out += (
            (
                "WARC/1.1\r\n"
                f"WARC-Type: {draw(st.sampled_from(['response', 'resource', 'request']))}\r\n"
                f"WARC-Target-URI: http://x.example/{n}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
                "Content-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {length}\r\n\r\n"
            ).encode()
            + http
            + b"\r\n\r\n"
        )
    return out


DOCUMENTS = {
    ".txt": dump_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    ".html": html_page(),
    ".jsonl": jsonl_file(),
    ".rss": feed_file(),
    ".warc": warc_file(),
}


@st.composite
def damaged(draw, suffix: str) -> tuple[str, bytes]:
    data = draw(DOCUMENTS[suffix])
    if data and draw(st.booleans()):
        for _ in range(draw(st.integers(1, 3))):
            if data:
                at = draw(st.integers(0, len(data) - 1))
                data = data[:at] + draw(st.binary(min_size=0, max_size=3)) + data[at + 1 :]
    if data and draw(st.integers(0, 4)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    name = suffix
    if draw(st.integers(0, 3)) == 0:
        data, name = gzip.compress(data), suffix + ".gz"
    return name, data


def _check_article(article: Article) -> None:
    assert isinstance(article.text, str) and article.text.strip()
    assert isinstance(article.id, str) and article.id
    for name in ("title", "author", "url", "outlet", "site", "dateline", "language"):
        assert getattr(article, name) is None or isinstance(getattr(article, name), str), name
    assert all(isinstance(x, str) for x in article.summary + article.captions)
    for name in ("published", "updated"):
        value = getattr(article, name)
        assert value is None or ISO_DAY.match(value), (name, value)


@pytest.mark.parametrize("suffix", sorted(DOCUMENTS))
def test_reader_and_segmentation_never_raise(suffix):
    @FUZZ
    @given(damaged(suffix))
    def check(case):
        name, data = case
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"input{name}"
            path.write_bytes(data)
            items = list(read_inputs([str(path)]))
            for item in items:
                assert isinstance(item, (RawDocument, ReadProblem))
                assert item.source.startswith(str(path))
                if isinstance(item, ReadProblem):
                    assert item.reason.strip() and "\n" not in item.reason
                    continue
                try:
                    articles = to_articles(item)
                except ArticleError as exc:
                    assert str(exc).strip()
                    continue
                for article in articles:
                    _check_article(article)

    check()


@FUZZ
@given(dump_text)
def test_segmentation_titles_come_from_the_input(text):
    """Titles are input lines, or hard-wrapped lines joined (hyphen-wrapped words rejoined)."""

    def squeeze(value: str) -> str:
        return "".join(value.replace("\u00a0", " ").replace("\u200b", "").replace("-", "").split())

    whole = squeeze(text)
    for article in split_dump(text):
        assert article.text.strip()
        assert article.title is None or squeeze(article.title) in whole
        assert all(s.strip() for s in article.summary)


@FUZZ
@given(st.one_of(prose, st.text(max_size=80)))
def test_dateline_span_is_in_the_text(text):
    found = find_dateline(text)
    if found:
        assert text[found.start : found.end] == found.place and len(found.place) >= 3


dates = st.one_of(
    st.text(max_size=70),
    st.lists(
        st.sampled_from(WORDS + ["2023", "31", "02", "-", "/", "T", "Z", "+03:00"]), max_size=8
    ).map(" ".join),
)


@FUZZ
@given(dates)
def test_dates_are_valid_iso_days_or_none(text):
    for value in (parse_date(text), to_iso_date(text), iso_date(text)):
        assert value is None or (ISO_DAY.match(value) and dt.date.fromisoformat(value))
    stamp = date_stamp(text)
    assert stamp is None or (
        stamp.role in ("published", "updated") and dt.date.fromisoformat(stamp.value)
    )


anchors = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2024, 2, 29)]),
)


@FUZZ
@given(prose, anchors, st.sampled_from([None, "past", "present", "future"]))
def test_times_spans_and_values(text, anchor, tense):
    found = scan(text)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    for item in found:
        assert 0 <= item.start < item.end <= len(text)
        expr = to_time_expr(text, item, anchor, tense)
        assert expr is None or expr.text == text[expr.start : expr.end]
    alone = normalise_expression(text, anchor, tense)
    assert alone is None or alone.text == text[alone.start : alone.end]


@FUZZ
@given(prose)
def test_quantities_spans_and_bounds(text):
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text) and q.text == text[q.start : q.end]
        if q.low is not None and q.high is not None:
            assert q.low <= q.high


def test_times_beyond_the_calendar_are_dropped_not_raised():
    """Found by the property above: "99999999 days ago" overflowed and failed the article."""
    anchor = dt.date(2024, 1, 1)
    assert normalise_expression("99999999 days ago", anchor) is None
    assert normalise_expression("99999 years ago", anchor) is None
    assert normalise_expression("next week", dt.date(9999, 12, 31)) is None
    assert normalise_expression("two days ago", anchor).value == "2023-12-30"


def test_feed_date_before_year_one_is_no_date():
    """Found by the reader property: feedparser reads "0000-00-00" as year -1."""
    import time

    assert iso_date(time.struct_time((-1, 11, 30, 0, 0, 0, 1, 334, 0))) is None
    assert iso_date(time.struct_time((2024, 3, 1, 0, 0, 0, 4, 61, 0))) == "2024-03-01"


def test_lone_surrogates_become_replacement_characters(tmp_path):
    """Found by the reader property: a JSON "\\ud800" crashed the whole ingest."""
    path = tmp_path / "r.jsonl"
    path.write_text(
        '{"id": "1", "title": "T \\udc00", "text": "Officials met \\ud800 on Monday."}\n'
    )
    [doc] = read_inputs([str(path)])
    [article] = to_articles(doc)
    assert article.text == "Officials met \ufffd on Monday." and article.title == "T \ufffd"


def test_feed_parser_failure_is_a_problem_not_a_crash(tmp_path):
    """Found by the reader property: feedparser raises on a surrogate character reference."""
    path = tmp_path / "f.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F &#xD800;</title><item>'
        "<title>T</title><description>Officials met on Monday &#55296; in Basra.</description>"
        "</item></channel></rss>"
    )
    items = list(read_inputs([str(path)]))
    assert all(isinstance(x, (RawDocument, ReadProblem)) for x in items) and items
