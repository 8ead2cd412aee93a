"""Properties of segmentation over generated dumps in several invented site styles."""

from __future__ import annotations

import datetime as dt
import gzip

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sitroom.articles.dates import date_stamp
from sitroom.articles.lines import norm
from sitroom.articles.segment import to_articles
from sitroom.model import RawDocument
from testpaths import EXAMPLES, SEED_CORPUS

WORDS = (
    "army council talks border convoy minister province town fighters ceasefire officials aid "
    "parliament election camp strike report militia government envoy court oil pipeline region"
).split()
DATE_FORMATS = ["%d %B %Y", "%B %d, %Y %I:%M %p", "%Y-%m-%dT%H:%M:%SZ", "%a %d %b %Y %H.%M GMT"]

words = st.lists(st.sampled_from(WORDS), min_size=4, max_size=9)
titles = words.map(lambda w: " ".join(w).capitalize())
sentences = st.lists(st.sampled_from(WORDS), min_size=8, max_size=16).map(
    lambda w: " ".join(w).capitalize() + "."
)
paragraphs = st.lists(sentences, min_size=3, max_size=4).map(" ".join)
"""A body paragraph as page dumps carry it: one line, several sentences. Three sentences of
eight words or more run past ``dump.WRAP_WIDTH``, so the dump is not read as hard-wrapped
text (where a run of short full lines is one paragraph by design)."""
dates = st.dates(dt.date(2020, 1, 1), dt.date(2026, 6, 30))


@st.composite
def stories(draw):
    day = draw(dates)
    when = dt.datetime(day.year, day.month, day.day, 10, 4).strftime(
        draw(st.sampled_from(DATE_FORMATS))
    )
    return {
        "title": draw(titles),
        "date": day.isoformat(),
        "when": when,
        "style": draw(st.sampled_from(["repeat", "meta", "kicker"])),
        "bullets": draw(st.lists(sentences.map(lambda s: s.rstrip(".")), max_size=2)),
        "caption": draw(st.one_of(st.none(), sentences.map(lambda s: f"{s} (File photo)"))),
        "body": draw(st.lists(paragraphs, min_size=2, max_size=4)),
    }


def render(story: dict) -> str:
    bullets = [f"• {b}" for b in story["bullets"]]
    caption = [story["caption"]] if story["caption"] else []
    body = [f"HOMS: {story['body'][0]}", *story["body"][1:]]
    if story["style"] == "repeat":
        head = [
            story["title"],
            "",
            *caption,
            "Short Url",
            f"Updated {story['when']}",
            "Follow",
            "",
            story["title"],
            "",
        ]
    elif story["style"] == "meta":
        head = [
            story["title"],
            f"By Sam Writer | Published: {story['when']} | Share | Comments (3)",
            "",
            *caption,
            "",
        ]
    else:
        head = ["REGION", story["title"], f"Last modified on {story['when']}", "", *caption, ""]
    return "\n".join([*head, *bullets, "", *body[:1], "Advertisement", *body[1:], "", ""])


def body_is_clean(article) -> bool:
    lines = article.text.split("\n")
    own_title = article.title and any(norm(x) == norm(article.title) for x in lines)
    return not own_title and not any(date_stamp(x) for x in lines)


@settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.lists(stories(), min_size=1, max_size=4, unique_by=lambda s: norm(s["title"]))
)  # one page never runs two stories under one headline: a repeat is the same story
@example(
    [
        {  # short sentence-final paragraphs in a dump that looks hard-wrapped stay apart
            "title": "Army army army army army army army parliament government",
            "date": "2020-01-01",
            "when": "01 January 2020",
            "style": "repeat",
            "bullets": [],
            "caption": None,
            "body": [
                "Army army army army army army minister government.",
                "Army army army army army army army army army.",
                "Army army army army army army army army.",
            ],
        }
    ]
)
def test_generated_dumps_segment_into_their_stories(batch):
    dump = (
        "Site name\nHome | News | Region\n\n" + "".join(render(s) for s in batch) + "© Site 2026\n"
    )
    articles = to_articles(RawDocument("gen.txt", dump, "text/plain"))
    assert [a.title for a in articles] == [s["title"] for s in batch]
    for article, story in zip(articles, batch, strict=True):
        assert article.published == story["date"]
        assert article.summary == story["bullets"]
        assert article.captions == ([story["caption"]] if story["caption"] else [])
        assert article.text.split("\n") == [f"HOMS: {story['body'][0]}", *story["body"][1:]]
        assert article.dateline == "HOMS"
        assert body_is_clean(article)


def test_no_body_holds_its_title_or_a_date_line_in_real_dumps():
    paths = [p for p in (EXAMPLES / "dumps").iterdir()] + (
        [SEED_CORPUS] if SEED_CORPUS.exists() else []
    )
    checked = 0
    for path in paths:
        data = path.read_bytes()
        text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")
        for article in to_articles(RawDocument(str(path), text, "text/plain")):
            assert body_is_clean(article), article.source
            checked += 1
    assert checked >= 11
