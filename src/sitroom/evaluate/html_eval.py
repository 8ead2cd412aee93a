"""HTML main-text and metadata extraction on trafilatura's English benchmark.

Gold: ``gold/html/trafilatura_en/evaldata.json`` maps each page URL to its file under
``pages/``, snippets that must be in the extracted body (``with``) and must not be
(``without``: navigation, ads, comments), and for most pages the title, date and author.
The page goes through the same path as any input (``sources.html`` decoding, then
``articles.html.article_from_html``), with the page URL as a hint as a crawl would give.
A page where nothing is extracted counts every ``with`` snippet as missed and every
``without`` snippet as absent, as trafilatura's own benchmark does.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sitroom.articles.errors import ArticleError
from sitroom.articles.html import article_from_html
from sitroom.model import RawDocument
from sitroom.sources.html import decode_html

NAME = "html"
GOLD = Path("gold") / "html" / "trafilatura_en"
_SPACE = re.compile(r"\s+")


def _norm(value: str | None) -> str:
    return _SPACE.sub(" ", value or "").strip().casefold()


def _author_match(found: str | None, gold: str | list[str]) -> bool:
    """Authors match when the gold names (a list or a ``;``-separated string) are the
    ones found, in any order and separator."""
    joined = "; ".join(gold) if isinstance(gold, list) else gold
    names = {_norm(x).replace(".", "") for x in re.split(r";|,| and ", joined) if x.strip()}
    got = {_norm(x).replace(".", "") for x in re.split(r";|,| and ", found or "") if x.strip()}
    return bool(names) and names == got


def run(shared: Path, limit: int | None = None) -> dict[str, float | int | str]:
    folder = shared / GOLD
    gold: dict[str, dict] = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    items = list(gold.items())[:limit] if limit else list(gold.items())
    counts = dict.fromkeys(
        (
            "with_found",
            "with_total",
            "without_absent",
            "without_total",
            "title_ok",
            "title_n",
            "date_ok",
            "date_n",
            "author_ok",
            "author_n",
            "failed",
        ),
        0,
    )
    for url, item in items:
        raw = RawDocument(
            source=item["file"],
            body=decode_html((folder / "pages" / item["file"]).read_bytes()),
            media_type="text/html",
            hints={"url": url},
        )
        try:
            article = article_from_html(raw)
            text = article.text
        except ArticleError:
            article, text = None, ""
            counts["failed"] += 1
        counts["with_total"] += len(item["with"])
        counts["with_found"] += sum(s in text for s in item["with"])
        counts["without_total"] += len(item["without"])
        counts["without_absent"] += sum(s not in text for s in item["without"])
        for key, ok in (
            ("title", lambda g, a=article: a is not None and _norm(a.title) == _norm(g)),
            ("date", lambda g, a=article: a is not None and a.published == g),
            ("author", lambda g, a=article: a is not None and _author_match(a.author, g)),
        ):
            if item.get(key):
                counts[f"{key}_n"] += 1
                counts[f"{key}_ok"] += ok(item[key])
    found, absent = (
        counts["with_found"] / max(1, counts["with_total"]),
        counts["without_absent"] / max(1, counts["without_total"]),
    )
    return {
        "pages": len(items),
        "no_text": counts["failed"],
        "with_found": round(found, 3),
        "without_absent": round(absent, 3),
        "snippet_f1": round(2 * found * absent / max(1e-9, found + absent), 3),
        "title_acc": round(counts["title_ok"] / max(1, counts["title_n"]), 3),
        "date_acc": round(counts["date_ok"] / max(1, counts["date_n"]), 3),
        "author_acc": round(counts["author_ok"] / max(1, counts["author_n"]), 3),
        "title_n": counts["title_n"],
        "date_n": counts["date_n"],
        "author_n": counts["author_n"],
    }
