"""Storing each article's independent source (``sitroom.link.independence`` decides it):
reading a batch's articles and the earlier articles sharing their event clusters, and
writing ``wire``, ``copy_of``, ``source_key`` and ``source_rule`` back. Runs inside the
batch transaction, after ``clusters.assign``, so similar-text copies are found through
shared clusters and a copy always finds its original's key already set."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from sitroom.link import independence
from sitroom.link.independence import Earlier, SourcedArticle
from sitroom.store.batch_rows import EVERY_ROW, FirstRows


def assign(con: duckdb.DuckDBPyConnection, first: FirstRows = EVERY_ROW) -> int:
    """Fill ``wire``, ``copy_of``, ``source_key`` and ``source_rule`` for every article that
    has none yet (this batch's, from ``first.articles`` on, or all of a store migrated from
    before clusters); return how many. Run after ``clusters.assign`` so similar-text copies
    can be found through shared clusters."""
    pending = [
        SourcedArticle(*r)
        for r in con.execute(
            "SELECT id, seq, source, outlet, site, author, text, duplicate_of, minhash FROM "
            f"articles WHERE rowid >= {int(first.articles)} AND source_key IS NULL ORDER BY seq"
        ).fetchall()
    ]
    if not pending:
        return 0
    earlier = _earlier_in_shared_clusters(con, first)
    findings = [independence.examine(a, earlier.get(a.id, [])) for a in pending]
    stored = _stored_keys(con, {f.copy_of for f in findings if f.copy_of is not None})
    updates = independence.source_keys(findings, stored)
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
) -> dict[str, list[Earlier]]:
    """For each signed article without a source key, the earlier signed articles reporting
    one of its event clusters: one query for the whole batch."""
    found: dict[str, list[Earlier]] = {}
    for mine, other_id, other_seq, other_hash in con.execute(
        "SELECT DISTINCT mine.article_id, a.id, a.seq, a.minhash FROM events mine "
        "JOIN articles m ON m.id = mine.article_id "
        "JOIN events other ON other.cluster_id = mine.cluster_id AND other.article_id <> "
        "mine.article_id JOIN articles a ON a.id = other.article_id WHERE mine.rowid >= "
        f"{int(first.events)} AND m.rowid >= {int(first.articles)} AND m.source_key IS NULL AND "
        "m.minhash IS NOT NULL AND a.seq < m.seq AND a.minhash IS NOT NULL"
    ).fetchall():
        found.setdefault(mine, []).append(Earlier(other_id, other_seq, other_hash))
    return found
