"""Articles carrying script payloads in every field a page shows, written for the XSS
test in three input formats. Each payload, if it ever ran, would set ``window.__xss``,
change ``document.title`` or open a dialog; the test checks none of that happens and that
the payload text itself did reach the page (shown as text)."""

from __future__ import annotations

import html
import json
from pathlib import Path

PAYLOADS = [
    "<script>window.__xss='script'</script>",
    "<img src=x onerror=\"window.__xss='img'\">",
    "<svg onload=\"window.__xss='svg'\"></svg>",
    "\"><img src=x onerror=alert('attr')>",
    "<iframe srcdoc=\"<script>parent.__xss='iframe'</script>\"></iframe>",
    "</title><script>document.title='pwned'</script>",
    "<a href=\"javascript:window.__xss='href'\">click</a>",
    "{{constructor.constructor('window.__xss=1')()}}",
]

BODY = (
    "BAGHDAD: Provincial officials said on Monday that 40 families returned to the district "
    "after the road reopened, and the governor promised repairs to the water network before the "
    "summer."
)


def records() -> list[dict]:
    out = []
    for n, payload in enumerate(PAYLOADS):
        out.append(
            {
                "id": f"xss-{n}",
                "title": f"Road reopens {n} {payload}",
                "text": f"{BODY} Marker {n}: {payload} The statement ended there.",
                "outlet": f"Wire {payload}",
                "author": f"Reporter {payload}",
                "url": "javascript:window.__xss='url'" if n == 6 else f"https://wire.example/{n}",
                "summary": [f"Summary {payload}"],
                "captions": [f"Caption {payload}"],
                "published": "2025-05-05",
            }
        )
    return out


def page() -> str:
    escaped = [html.escape(p) for p in PAYLOADS]
    paragraphs = "".join(
        f"<p>{BODY} Page marker {n}: {e} and the talks went on for another day.</p>"
        for n, e in enumerate(escaped)
    )
    return (
        f"<!DOCTYPE html><html><head><title>Crossing talks {escaped[0]}</title></head>"
        f"<body><article><h1>Crossing talks {escaped[1]}</h1><figure><figcaption>"
        f"Trucks at the gate {escaped[2]} (Wire photo)</figcaption></figure>"
        f"{paragraphs}</article></body></html>"
    )


def feed() -> str:
    items = "".join(
        f"<item><title>Feed item {n} {html.escape(p)}</title>"
        f"<link>https://wire.example/feed/{n}</link><description>"
        f"{html.escape(BODY + ' Feed marker ' + str(n) + ': ' + html.escape(p))}"
        "</description></item>"
        for n, p in enumerate(PAYLOADS[:4])
    )
    title = html.escape(PAYLOADS[0])
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire {title}</title>'
        f"{items}</channel></rss>"
    )


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "xss.jsonl", folder / "xss.html", folder / "xss.rss"]
    paths[0].write_text("".join(json.dumps(r) + "\n" for r in records()), encoding="utf-8")
    paths[1].write_text(page(), encoding="utf-8")
    paths[2].write_text(feed(), encoding="utf-8")
    return paths
