"""Counting sources right: which independent source each stored article rests on.

Twenty sites running one AFP story are one source, not twenty. Each article gets a
``source_key`` naming the originator it rests on, and a ``source_rule`` saying why:

1. it re-publishes an earlier article (``copy_of``): the near-duplicate link the writer
   makes with MinHash (``duplicate_of``, rule ``near-duplicate``), or a body whose
   estimated shingle similarity with an earlier article that reports one of the same
   event clusters reaches ``COPY_THRESHOLD`` (rule ``similar-text``) -> that article's key;
2. it carries a wire-service credit line (``data/wire_credits.csv``: "(AFP)" datelines,
   "— AFP" sign-offs, agency bylines) -> ``wire:<agency>``;
3. otherwise the outlet it came from: ``site:``, ``outlet:`` or, for a page dump whose
   stories are all one outlet's, ``file:<path>``.

A cluster's or claim's ``independent_sources`` is the number of distinct keys among its
articles. Keys are assigned in storage order inside the batch transaction, so a copy
always finds its original's key already set.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import duckdb
import numpy as np
import pyarrow as pa

from sitroom.store import neardup
from sitroom.store.batch_rows import EVERY_ROW, FirstRows

COPY_THRESHOLD = 0.4
"""Estimated Jaccard similarity of word 3-shingles above which two articles reporting the
same event are one text re-published. Lower than the near-duplicate threshold (0.7)
because it is only tested between articles already sharing an event cluster: on the
example corpus an edited re-publication scores 0.58 and unrelated stories at most 0.07."""

LEAD_CHARS = 300
TAIL_CHARS = 300


@dataclass(frozen=True)
class WireRule:
    rule_id: str
    agency: str
    where: str  # lead, tail, author, outlet
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def wire_rules() -> tuple[WireRule, ...]:
    """The credit-line patterns of ``data/wire_credits.csv``, in file order."""
    text = (
        resources.files("sitroom.store")
        .joinpath("data", "wire_credits.csv")
        .read_text(encoding="utf-8")
    )
    return tuple(
        WireRule(r["rule_id"], r["agency"], r["where"], re.compile(r["pattern"], re.MULTILINE))
        for r in csv.DictReader(text.splitlines())
    )


def wire_credit(
    text: str, author: str | None = None, outlet: str | None = None, site: str | None = None
) -> tuple[str, str] | None:
    """``(agency, rule_id)`` of the first wire credit found, else ``None``. Credits are only
    looked for where agencies put them (dateline, closing line, byline, the outlet itself),
    so a body that merely quotes "Reuters reported" is not a wire copy."""
    body = text or ""
    places = {
        "lead": body[:LEAD_CHARS].lstrip(),
        "tail": body[-TAIL_CHARS:].rstrip(),
        "author": (author or "").strip(),
        "outlet": "\n".join(v.strip() for v in (outlet, site) if v),
    }
    for rule in wire_rules():
        if places[rule.where] and rule.pattern.search(places[rule.where]):
            return rule.agency, rule.rule_id
    return None


def outlet_key(source: str, outlet: str | None, site: str | None) -> tuple[str, str]:
    """The key of an article that copies nobody: its site, else outlet name, else the input
    file it was read from (a page dump is one outlet's pages)."""
    if site:
        return f"site:{site.strip().lower().removeprefix('www.')}", "outlet.site"
    if outlet:
        return f"outlet:{' '.join(outlet.lower().split())}", "outlet.name"
    return f"file:{source.split('#', 1)[0]}", "outlet.file"


@dataclass
class _Article:
    id: str
    seq: int
    source: str
    outlet: str | None
    site: str | None
    author: str | None
    text: str
    duplicate_of: str | None
    minhash: list[int] | None


def assign(con: duckdb.DuckDBPyConnection, first: FirstRows = EVERY_ROW) -> int:
    """Fill ``wire``, ``copy_of``, ``source_key`` and ``source_rule`` for every article that
    has none yet (this batch's, from ``first.articles`` on, or all of a store migrated from
    before clusters); return how many. Run after ``clusters.assign`` so similar-text copies
    can be found through shared clusters."""
    pending = [
        _Article(*r)
        for r in con.execute(
            "SELECT id, seq, source, outlet, site, author, text, duplicate_of, minhash FROM articles "
            f"WHERE rowid >= {int(first.articles)} AND source_key IS NULL ORDER BY seq"
        ).fetchall()
    ]
    if not pending:
        return 0
    earlier = _earlier_in_shared_clusters(con, first)
    found = [
        (
            article,
            wire_credit(article.text, article.author, article.outlet, article.site),
            *_copied_from(article, earlier.get(article.id, [])),
        )
        for article in pending
    ]
    stored = _stored_keys(con, {copy_of for _, _, copy_of, _ in found if copy_of is not None})
    keys: dict[str, str] = {}
    updates = []
    for article, wire, copy_of, copy_rule in found:
        if copy_of is not None and (key := keys.get(copy_of) or stored.get(copy_of)):
            rule = copy_rule
        elif wire is not None:
            key, rule = f"wire:{wire[0]}", wire[1]
        else:
            key, rule = outlet_key(article.source, article.outlet, article.site)
        keys[article.id] = key
        updates.append(
            {
                "id": article.id,
                "wire": wire[0] if wire else None,
                "copy_of": copy_of,
                "source_key": key,
                "source_rule": rule,
            }
        )
    con.register("_sitroom_sources", pa.Table.from_pylist(updates))
    try:
        con.execute(
            "UPDATE articles SET wire = s.wire, copy_of = s.copy_of, source_key = s.source_key, "
            "source_rule = s.source_rule FROM _sitroom_sources s "
            f"WHERE articles.rowid >= {int(first.articles)} AND articles.id = s.id"
        )
    finally:
        con.unregister("_sitroom_sources")
    return len(updates)


def _stored_keys(con: duckdb.DuckDBPyConnection, article_ids: set[str]) -> dict[str, str | None]:
    """The stored source keys of these articles (the originals copies rest on), in one query."""
    if not article_ids:
        return {}
    return dict(
        con.execute(
            "SELECT id, source_key FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [sorted(article_ids)],
        ).fetchall()
    )


def _earlier_in_shared_clusters(
    con: duckdb.DuckDBPyConnection, first: FirstRows
) -> dict[str, list[tuple[str, int, list[int]]]]:
    """For each signed article without a source key, the earlier signed articles reporting
    one of its event clusters, as ``(id, seq, minhash)``: one query for the whole batch."""
    found: dict[str, list[tuple[str, int, list[int]]]] = {}
    for mine, other_id, other_seq, other_hash in con.execute(
        "SELECT DISTINCT mine.article_id, a.id, a.seq, a.minhash FROM events mine "
        "JOIN articles m ON m.id = mine.article_id "
        "JOIN events other ON other.cluster_id = mine.cluster_id AND other.article_id <> mine.article_id "
        "JOIN articles a ON a.id = other.article_id "
        f"WHERE mine.rowid >= {int(first.events)} AND m.rowid >= {int(first.articles)} "
        "AND m.source_key IS NULL AND m.minhash IS NOT NULL "
        "AND a.seq < m.seq AND a.minhash IS NOT NULL"
    ).fetchall():
        found.setdefault(mine, []).append((other_id, other_seq, other_hash))
    return found


def _copied_from(
    article: _Article, earlier: list[tuple[str, int, list[int]]]
) -> tuple[str | None, str | None]:
    """The earlier article this one re-publishes: its near-duplicate root, else the most
    similar of the ``earlier`` articles reporting one of its event clusters."""
    if article.duplicate_of:
        return article.duplicate_of, "near-duplicate"
    if article.minhash is None:
        return None, None
    mine = np.asarray(article.minhash, dtype=np.uint64)
    best, best_score = None, COPY_THRESHOLD
    for other_id, _seq, other_hash in sorted(earlier, key=lambda r: r[1]):
        score = neardup.similarity(mine, np.asarray(other_hash, dtype=np.uint64))
        if score >= best_score and (best is None or score > best_score):
            best, best_score = other_id, score
    return (best, f"similar-text:{best_score:.2f}") if best else (None, None)
