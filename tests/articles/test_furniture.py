"""Furniture inside a story: link lists, teasers and calls to action are dropped, with
provenance; content lists and paragraphs stay. Every page and dump here is made up."""

from __future__ import annotations

from sitroom.articles.furniture import drop_furniture
from sitroom.articles.segment import to_articles
from sitroom.model import RawDocument

STORY = [
    "Fishermen in the bay returned to port on Friday after a storm damaged three boats.",
    "The harbour master said repairs would take two weeks and cost about $40,000.",
]


def test_link_list_under_a_heading_is_dropped():
    body = [
        *STORY,
        "RELATED STORIES",
        "Ferry Service Resumes After Two Weeks of Repairs",
        "Storm Warning Issued for the Northern Coast",
        "Local officials said the port would reopen on Monday after inspections.",
    ]
    kept, dropped = drop_furniture(body)
    assert kept == [*STORY, body[-1]]
    assert [rule for _, rule in dropped] == [
        "segment.furniture.list-heading",
        "segment.furniture.link-list",
        "segment.furniture.link-list",
    ]


def test_teasers_and_calls_to_action_are_dropped():
    body = [
        STORY[0],
        "Related: Harbour Workers Strike Over Unpaid Wages",
        "MORE: Police arrest two men after clash at the fish market",
        "Sign up for the Harbour Post newsletter",
        "Storm damages boats in the bay and leaves fishermen idle. Read more",
        STORY[1],
    ]
    kept, dropped = drop_furniture(body)
    assert kept == STORY
    assert len(dropped) == 4


def test_title_case_headlines_closing_the_story_are_dropped():
    body = [
        *STORY,
        "Ferry Service Resumes After Two Weeks of Repairs - March 3, 2024",
        "Storm Warning Issued for the Northern Coast - March 2, 2024",
    ]
    kept, dropped = drop_furniture(body)
    assert kept == STORY
    assert {rule for _, rule in dropped} == {"segment.furniture.trailing-headlines"}


def test_content_lists_and_a_single_closing_line_stay():
    findings = [
        "- three boats were damaged beyond repair",
        "- the port lost two days of trade",
    ]
    assert drop_furniture([*STORY, *findings])[0] == [*STORY, *findings]
    assert drop_furniture([*STORY, "Reporting by Jane Roe"])[0] == [*STORY, "Reporting by Jane Roe"]


def test_html_article_records_what_was_dropped():
    page = (
        "<html><head><title>Storm damages boats in the bay</title></head><body><article>"
        "<h1>Storm damages boats in the bay</h1>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + "<p>Related: Harbour Workers Strike Over Unpaid Wages</p>"
        "<p>The council will meet on Tuesday to discuss compensation for the owners.</p>"
        "</article></body></html>"
    )
    (article,) = to_articles(RawDocument(source="page.html", body=page, media_type="text/html"))
    assert "Related:" not in article.text
    assert "compensation" in article.text
    assert article.provenance["dropped:0"].rule == "segment.boilerplate.read-more"


def test_dump_article_records_what_was_dropped():
    dump = "\n".join(
        [
            "Storm damages boats in the bay",
            "",
            "Published: 4 March 2024",
            "",
            *STORY,
            "Read more: Harbour Workers Strike Over Unpaid Wages",
            "The council will meet on Tuesday to discuss compensation for the owners.",
        ]
    )
    (article,) = to_articles(RawDocument(source="dump.txt", body=dump, media_type="text/plain"))
    assert "Harbour Workers" not in article.text
    assert "compensation" in article.text
