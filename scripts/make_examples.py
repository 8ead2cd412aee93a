#!/usr/bin/env python3
"""Build the two binary example inputs: a gzip-compressed page dump and a WARC.gz crawl.

Binary files cannot be reviewed in a diff, so their text lives here and the files are
rebuilt from it: ``.venv/bin/python scripts/make_examples.py``. Output is byte-for-byte
reproducible (fixed gzip mtime, fixed WARC record ids and dates), so re-running it leaves
git clean. The WARC is written with FastWARC, the library sitroom reads it with; each
record is its own gzip member, as crawlers write WARC.gz.

All article texts are written by the sitroom team about public events.
"""

from __future__ import annotations

import gzip
import html
import io
import textwrap
import uuid
from pathlib import Path

from fastwarc.warc import WarcRecord, WarcRecordType

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
WRAP = 72
"""The bulletin dump is hard-wrapped like a plain-text newsletter."""

BULLETIN = [
    {
        "title": "Curfew in Kirkuk after clashes over party headquarters leave four dead",
        "posted": "Posted on September 3, 2023 9:12 PM",
        "byline": "By Omar Salih",
        "paragraphs": [
            "KIRKUK, Iraq — Iraqi authorities imposed a curfew on the northern city of Kirkuk "
            "on Saturday after clashes between Kurdish protesters and Arab and Turkmen "
            "demonstrators left four people dead, according to local health officials.",
            "The violence broke out over plans to hand a building back to the Kurdistan "
            "Democratic Party, which used it as its local headquarters until 2017. Arab and "
            "Turkmen residents had blocked the main road between Kirkuk and Erbil for several "
            "days in protest.",
            "Prime Minister Mohammed Shia al-Sudani ordered an investigation into the deaths, "
            "and on Sunday Iraq's Federal Supreme Court suspended the handover of the building.",
            "Kirkuk, an oil-rich province claimed by both Baghdad and the Kurdistan region, has "
            "been under federal control since Iraqi forces took it from Kurdish peshmerga in "
            "October 2017, weeks after a Kurdish independence referendum.",
        ],
    },
    {
        "title": "Protesters storm Swedish embassy in Baghdad over planned Quran burning",
        "posted": "Posted on July 20, 2023 11:40 AM",
        "byline": "By Omar Salih",
        "paragraphs": [
            "BAGHDAD — Protesters broke into the Swedish embassy in Baghdad before dawn on "
            "Thursday and set part of the compound on fire, ahead of a demonstration in "
            "Stockholm at which a man had said he would burn a copy of the Quran.",
            "Sweden's foreign ministry said all of its staff in Baghdad were safe. Hours "
            "later the Iraqi government ordered the Swedish ambassador to leave the country "
            "and recalled its own charge d'affaires from Stockholm.",
            "Many of the protesters were supporters of the Shiite cleric Moqtada al-Sadr, who "
            "had called for demonstrations against the planned burning.",
            "Iraq's foreign ministry condemned the attack on the embassy and said an "
            "investigation had been opened.",
        ],
    },
    {
        "title": "Iraqis vote for provincial councils for the first time in a decade",
        "posted": "Posted on December 19, 2023 8:05 AM",
        "byline": "By Huda Kareem",
        "paragraphs": [
            "BAGHDAD — Iraqis voted on Monday in the first provincial council elections since "
            "2013, and the electoral commission put turnout at 41 percent of registered voters.",
            "About 16 million people were eligible to choose councils in 15 of the country's "
            "18 provinces; the three provinces of the Kurdistan region hold separate elections. "
            "The councils elect provincial governors and oversee large budgets.",
            "The movement of the cleric Moqtada al-Sadr boycotted the vote. Parties of the "
            "Coordination Framework, the alliance of Shiite groups that backs Prime Minister "
            "Mohammed Shia al-Sudani, were expected to do well in Baghdad and the south.",
        ],
    },
]

BULLETIN_HEAD = "THE EUPHRATES BULLETIN\nweekly plain-text edition\n"
BULLETIN_FOOT = "You are receiving this bulletin because you subscribed.\nUnsubscribe | Archive\n"

WIRE_PARAGRAPHS = [
    "BAGHDAD (AFP) — The US-led coalition fighting the Islamic State group will wind down its "
    "military mission in federal Iraq by the end of September 2025 and continue operating from "
    "the autonomous Kurdistan region until September 2026, Washington and Baghdad announced "
    "on Friday.",
    "In a joint statement, the two governments said the change would move their relations towards "
    "a bilateral security partnership. Iraqi officials have argued for months that the country's "
    "own forces are now able to contain the remnants of the jihadist group.",
    "About 2,500 American troops are deployed in Iraq and roughly 900 in neighbouring Syria "
    "as part of the coalition, which was formed in 2014 after IS seized large parts of both "
    "countries.",
    "The presence of the troops has been a source of tension in Iraq, where armed factions allied "
    "with Iran launched dozens of rocket and drone attacks on bases hosting coalition forces after "
    "the war in Gaza began in October 2023.",
    "Iraqi officials said the end of the mission would be followed by bilateral security ties with "
    "the United States and other members of the coalition.",
    "— AFP",
]

CRAWL = [
    {
        "url": "https://mesopotamia-monitor.example/2024/09/27/coalition-iraq-mission-end",
        "date": "2024-09-27T18:02:11Z",
        "site": "Mesopotamia Monitor",
        "title": "Coalition mission in Iraq to end by September 2025, allies say",
        "published": "2024-09-27",
        "author": "AFP",
        "caption": (
            "Coalition and Iraqi officers at a briefing in Baghdad in 2023. (AFP file photo)"
        ),
        "paragraphs": WIRE_PARAGRAPHS,
    },
    {
        "url": "https://mesopotamia-monitor.example/2024/01/04/nujaba-commander-killed-baghdad",
        "date": "2024-01-04T16:45:00Z",
        "site": "Mesopotamia Monitor",
        "title": "Drone strike in Baghdad kills commander of Iran-aligned faction",
        "published": "2024-01-04",
        "author": "Sara Jabbar",
        "caption": (
            "Security forces outside the damaged headquarters in eastern Baghdad. "
            "(Photo: Sara Jabbar)"
        ),
        "paragraphs": [
            "BAGHDAD: A drone strike on the headquarters of an Iran-aligned armed group in eastern "
            "Baghdad on Thursday killed Mushtaq Taleb Al-Saeedi, a commander of Harakat Al-Nujaba "
            "known as Abu Taqwa, together with one of his aides, the group and Iraqi security "
            "officials said.",
            "The Pentagon said US forces had carried out the strike in self-defence, accusing the "
            "commander of taking part in planning and carrying out attacks on American personnel.",
            "The Popular Mobilization Forces, an umbrella of mostly Shiite armed groups that is "
            "formally part of Iraq's security forces, said the dead commander was its deputy head "
            "of operations in Baghdad. The Iraqi government condemned the strike as an attack on "
            "a state security body.",
            "Armed factions close to Iran have claimed more than 100 attacks on US forces in Iraq "
            "and Syria since mid-October.",
        ],
    },
    {
        "url": "https://mesopotamia-monitor.example/2024/02/08/kataib-hezbollah-commander-killed",
        "date": "2024-02-08T07:30:00Z",
        "site": "Mesopotamia Monitor",
        "title": "US strike in Baghdad kills Kataib Hezbollah commander",
        "published": "2024-02-08",
        "author": "Sara Jabbar",
        "caption": None,
        "paragraphs": [
            "BAGHDAD: A US drone strike on a car in eastern Baghdad on Wednesday night killed a "
            "senior commander of Kataib Hezbollah, the US military said.",
            "US Central Command named the commander as Abu Baqir Al-Saadi and said he had been "
            "directly responsible for planning and taking part in attacks on US forces in the "
            "region. Two other people in the car were killed, Iraqi security sources said.",
            "The strike came days after the United States hit more than 85 targets in Iraq and "
            "Syria in response to the killing of three American soldiers in Jordan, which "
            "Washington blamed on Iran-backed groups.",
            "A spokesman for Iraq's armed forces called the strike an assassination that violated "
            "the country's sovereignty. Supporters of the Popular Mobilization Forces gathered at "
            "the scene in the Mashtal district.",
        ],
    },
]

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{published}">
<meta name="author" content="{author}">
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/iraq">Iraq</a> <a href="/syria">Syria</a> \
<a href="/subscribe">Subscribe</a></nav></header>
<main>
<article>
<h1>{title}</h1>
<p class="byline">By {author} | {published}</p>
{figure}{body}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Iraq's budget explained</a></li>\
<li><a href="/b">Who runs Sinjar?</a></li></ul></aside>
</main>
<footer><p>&copy; 2024 {site}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body>
</html>
"""


def bulletin_dump() -> bytes:
    """The bulletin as a hard-wrapped text dump, gzip-compressed with a fixed mtime."""
    blocks = [BULLETIN_HEAD]
    for item in BULLETIN:
        lines = [item["title"], item["posted"], item["byline"], ""]
        lines += [textwrap.fill(p, WRAP) + "\n" for p in item["paragraphs"]]
        blocks.append("\n".join(lines))
    blocks.append(BULLETIN_FOOT)
    text = "\n* * *\n\n".join(blocks)
    return gzip.compress(text.encode("utf-8"), mtime=0)


def page(item: dict) -> str:
    esc = {k: html.escape(v) for k, v in item.items() if isinstance(v, str)}
    figure = (
        f'<figure><img src="/img/{uuid.uuid5(uuid.NAMESPACE_URL, item["url"]).hex[:8]}.jpg" alt="">'
        f"<figcaption>{esc['caption']}</figcaption></figure>\n"
        if item["caption"]
        else ""
    )
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in item["paragraphs"])
    return PAGE.format(
        figure=figure, body=body, **{k: esc[k] for k in ("title", "site", "published", "author")}
    )


def warc_record(item: dict) -> bytes:
    """One gzip member holding a WARC response record with an HTTP response inside."""
    payload = page(item).encode("utf-8")
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + f"Content-Length: {len(payload)}\r\n\r\n".encode()
        + payload
    )
    record = WarcRecord()
    record.init_headers(
        WarcRecordType.response, f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, item['url'])}".encode()
    )
    record.headers["WARC-Target-URI"] = item["url"]
    record.headers["WARC-Date"] = item["date"]
    record.headers["Content-Type"] = "application/http; msgtype=response"
    record.set_bytes_content(http)
    out = io.BytesIO()
    record.write(out)
    return gzip.compress(out.getvalue(), mtime=0)


def main() -> None:
    (EXAMPLES / "dumps" / "euphrates-bulletin-2023.txt.gz").write_bytes(bulletin_dump())
    (EXAMPLES / "warc" / "mesopotamia-monitor-2024.warc.gz").write_bytes(
        b"".join(warc_record(x) for x in CRAWL)
    )


if __name__ == "__main__":
    main()
