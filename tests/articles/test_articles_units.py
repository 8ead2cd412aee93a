"""Units of segmentation: dates, datelines, bullets, captions, records, language, errors."""

from __future__ import annotations

import pytest

from sitroom.articles.dateline import find_dateline
from sitroom.articles.dates import date_stamp, to_iso_date
from sitroom.articles.dump import drop_leading_meta
from sitroom.articles.language import detect_language
from sitroom.articles.lines import byline, caption_rule, is_bullet, meta, strip_bullet
from sitroom.articles.segment import ArticleError, to_articles
from sitroom.model import RawDocument, content_key

# A made-up site in a fourth style: repeated headline, "Posted on" stamp, AP-style credit.
HARBOUR_DUMP = """\
HARBOUR POST  |  World  |  Region

Aid convoy reaches besieged town after weeks of talks

A truck carrying flour waits at a checkpoint outside the town on Monday. (AP Photo/Staff)
Posted on March 4, 2024 10:04 AM
Share on Facebook | Tweet | Email

Aid convoy reaches besieged town after weeks of talks

• Convoy of 12 trucks carried flour and medicine
• Local council says more deliveries are needed

HOMS, Syria (Reuters) - A convoy of 12 aid trucks reached the town on Monday after weeks of \
talks between local leaders and the authorities, a relief official said.
The official said the trucks carried flour, medicine and fuel for about 8,000 residents.
Advertisement
Talks on a second delivery will begin next week, according to the local council.
March 4, 2024
(Reporting by a staff correspondent; editing by the desk)
"""


@pytest.fixture(scope="module")
def harbour():
    return to_articles(RawDocument("harbour.txt", HARBOUR_DUMP, "text/plain"))


def test_repeated_headline_style(harbour):
    (article,) = harbour
    assert article.source == "harbour.txt", "a single-article dump keeps its source as is"
    assert article.title == "Aid convoy reaches besieged town after weeks of talks"
    assert article.published == "2024-03-04" and article.updated is None
    assert article.summary == [
        "Convoy of 12 trucks carried flour and medicine",
        "Local council says more deliveries are needed",
    ]
    assert article.captions == [
        "A truck carrying flour waits at a checkpoint outside the town on Monday. (AP Photo/Staff)"
    ]
    assert article.dateline == "HOMS"
    assert article.text.startswith("HOMS, Syria (Reuters) - A convoy")
    assert article.text.endswith("(Reporting by a staff correspondent; editing by the desk)")
    assert "March 4, 2024\n" not in article.text and "Advertisement" not in article.text
    assert len(article.text.split("\n")) == 4
    assert article.id == content_key(article.title, article.text)


@pytest.mark.parametrize(
    ("line", "role", "value"),
    [
        ("Updated 13 March 2023", "updated", "2023-03-13"),
        ("Published: 12 March 2024", "published", "2024-03-12"),
        ("Posted on March 13, 2023 10:04 AM", "published", "2023-03-13"),
        ("Last modified on Tue 28 Jan 2026 14.05 GMT", "updated", "2026-01-28"),
        ("2023-03-13T10:04:00Z", "published", "2023-03-13"),
        ("Mis à jour le 3 mars 2025", "updated", "2025-03-03"),
    ],
)
def test_date_lines(line, role, value):
    stamp = date_stamp(line)
    assert (stamp.role, stamp.value) == (role, value)


@pytest.mark.parametrize(
    "line",
    [
        "Updated",
        "13 March",
        "Iraq and Syria in 2024: a year of change",
        "Date: 2024-02-30",
        "The vote took place on March 13, 2023.",
    ],
)
def test_not_date_lines(line):
    assert date_stamp(line) is None


def test_container_dates():
    assert to_iso_date("2024-05-01T23:00:00+03:00") == "2024-05-01"
    assert to_iso_date("Tue, 05 Mar 2024 10:00:00 GMT") == "2024-03-05"
    assert to_iso_date("soon") is None and to_iso_date(None) is None


@pytest.mark.parametrize(
    ("text", "place", "agency"),
    [
        ("BAGHDAD: The group still has fighters.", "BAGHDAD", None),
        ("MOSCOW (Reuters) - Russia said on Monday", "MOSCOW", "Reuters"),
        ("BEIRUT, Lebanon — Israeli jets struck", "BEIRUT", None),
        ("DEIR EZ-ZOR, Syria, March 5 (AFP) — Fighting", "DEIR EZ-ZOR", "AFP"),
        ("Baghdad (AFP) - Iraq said", "Baghdad", "AFP"),
        ("دير الزور: قال مسؤول", "دير الزور", None),
    ],
)
def test_datelines(text, place, agency):
    found = find_dateline(text)
    assert (found.place, found.agency) == (place, agency)
    assert text[found.start : found.end] == place


@pytest.mark.parametrize(
    "text",
    [
        "UPDATE: the toll rose.",
        "US - officials said",
        "The UN said: more aid is needed.",
        "Iraq's parliament met on Monday.",
    ],
)
def test_no_dateline(text):
    assert find_dateline(text) is None


def test_bullets():
    assert all(is_bullet(x) for x in ["• One", "  - Two", "* Three", "▪ Four"])
    assert not any(is_bullet(x) for x in ["-5 degrees", "*Note", "Al-Hol camp", "2 - 1"])
    assert strip_bullet("  •  UN report said") == "UN report said"


def test_captions():
    assert caption_rule("A fighter in Mosul in 2014. (Reuters file photo)", header=False)
    assert caption_rule("Smoke over the city. Photo: AFP", header=False)
    assert caption_rule("Image: Storage tanks near Erbil", header=False)
    assert caption_rule("Troops at the border on Sunday. (AFP)", header=True)
    assert caption_rule("Troops at the border on Sunday. (AFP)", header=False) is None, (
        "in the body it is a wire credit"
    )
    assert caption_rule("The ministry said 25 people were killed.", header=True) is None


def test_meta_lines():
    found = meta("By Jane Doe | Published: 12 March 2024 | Share | Comments (4)")
    assert found.author == "Jane Doe" and [d.value for d in found.dates] == ["2024-03-12"]
    assert meta("Short Url") is not None and meta("Follow") is not None
    assert meta("The army said it would Share intelligence.") is None
    assert byline("By the end of 2024, the group had lost its land") is None


def test_record_keeps_text_and_takes_hints():
    body = (
        "  BAGHDAD: Iraq's cabinet approved the budget on Sunday.\n\nIt now goes to parliament.  "
    )
    hints = {
        "id": "r1",
        "title": "Cabinet approves budget",
        "published": "2024-03-03T09:00:00Z",
        "url": "u",
        "outlet": "O",
    }
    (article,) = to_articles(RawDocument("x.jsonl#line:1", body, "record", hints))
    assert article.text == body, "record text is kept verbatim so outside offsets still index it"
    assert (article.title, article.published, article.url, article.outlet) == (
        "Cabinet approves budget",
        "2024-03-03",
        "u",
        "O",
    )
    assert article.dateline is None, "the dateline must open the text"
    assert article.provenance["title"].rule == "segment.hint"


def test_default_published_only_when_missing():
    (article,) = to_articles(
        RawDocument("r", "DAMASCUS: Talks resumed on Tuesday.", "record"),
        default_published="2025-01-07",
    )
    assert (
        article.published == "2025-01-07"
        and article.provenance["published"].rule == "segment.date.default"
    )
    (dated,) = to_articles(
        RawDocument("r", "Talks resumed.", "record", {"published": "2024-02-02"}),
        default_published="2025-01-07",
    )
    assert dated.published == "2024-02-02"


def test_language_detection():
    english = (
        "The electoral commission said turnout reached 56 percent, "
        "well above the previous election."
    )
    french = (
        "La commission électorale a indiqué que la participation avait atteint 56 %, "
        "bien au-dessus du précédent scrutin."
    )
    arabic = (
        "قالت المفوضية العليا المستقلة للانتخابات إن نسبة المشاركة بلغت 56 في المئة، "
        "وهي أعلى من الانتخابات السابقة."
    )
    assert [detect_language(x) for x in (english, french, arabic)] == ["en", "fr", "ar"]
    assert detect_language("Iraq votes") is None, "too short to tell"
    assert detect_language("12345 67890 --- ... 2024") is None


def test_drop_leading_meta():
    assert (
        drop_leading_meta("12 March 2024\nBy Jane Doe\nBAGHDAD: Text.\nMore.")
        == "BAGHDAD: Text.\nMore."
    )
    assert drop_leading_meta("BAGHDAD: Text.\n12 March 2024") == "BAGHDAD: Text.\n12 March 2024"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (RawDocument("e.txt", "Short Url\nFollow\nShare\n", "text/plain"), "no article text"),
        (RawDocument("e.txt", "", "text/plain"), "no article text"),
        (RawDocument("e.jsonl#line:2", "   \n", "record"), "no text"),
        (RawDocument("e.bin", "x", "application/pdf"), "unknown media type"),  # type: ignore[arg-type]
    ],
)
def test_errors_are_one_line_article_errors(raw, reason):
    with pytest.raises(ArticleError, match=reason) as info:
        to_articles(raw)
    assert isinstance(info.value, ValueError) and "\n" not in str(info.value)
