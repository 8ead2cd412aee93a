"""Counting sources right: which independent source each article rests on.

Twenty sites running one AFP story are one source, not twenty. Each article gets a
``source_key`` naming the originator it rests on, and a ``source_rule`` saying why:

1. it re-publishes an earlier article (``copy_of``): the near-duplicate link the writer
   makes with MinHash (``duplicate_of``, rule ``near-duplicate``), or a body whose
   estimated shingle similarity with an earlier article that reports one of the same
   event clusters reaches ``link.copy_threshold`` (rule ``similar-text``) -> that
   article's key;
2. it carries a wire-service credit line (``data/wire_credits.csv``: "(AFP)" datelines,
   "— AFP" sign-offs, agency bylines) -> ``wire:<agency>``;
3. otherwise the outlet it came from: ``site:``, ``outlet:`` or, for a page dump whose
   stories are all one outlet's, ``file:<path>``.

A cluster's or claim's ``independent_sources`` is the number of distinct keys among its
articles. Keys are assigned in storage order, so a copy always finds its original's key
already set.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from sitroom import settings
from sitroom.link import neardup


@dataclass(frozen=True)
class WireRule:
    rule_id: str
    agency: str
    where: str  # lead, tail, author, outlet
    pattern: re.Pattern[str]


@dataclass
class SourcedArticle:
    """What deciding an article's source needs of it."""

    id: str
    seq: int
    source: str
    outlet: str | None
    site: str | None
    author: str | None
    text: str
    duplicate_of: str | None
    minhash: list[int] | None


@dataclass(frozen=True)
class Earlier:
    """An earlier article reporting one of an article's event clusters."""

    id: str
    seq: int
    minhash: list[int]


@dataclass(frozen=True)
class Finding:
    """What an article's text says about its source: a wire credit, an article it copies."""

    article: SourcedArticle
    wire: tuple[str, str] | None
    """``(agency, rule_id)`` of its wire credit."""
    copy_of: str | None
    copy_rule: str | None


@lru_cache(maxsize=1)
def wire_rules() -> tuple[WireRule, ...]:
    """The credit-line patterns of ``data/wire_credits.csv``, in file order."""
    text = (
        resources.files("sitroom.link")
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
        "lead": body[: settings.integer("link.wire_lead_chars")].lstrip(),
        "tail": body[-settings.integer("link.wire_tail_chars") :].rstrip(),
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


def copied_from(article: SourcedArticle, earlier: list[Earlier]) -> tuple[str | None, str | None]:
    """The earlier article this one re-publishes, with the rule that says so: its
    near-duplicate root, else the most similar of the ``earlier`` articles reporting one of
    its event clusters (the first stored wins a tie)."""
    if article.duplicate_of:
        return article.duplicate_of, "near-duplicate"
    if article.minhash is None:
        return None, None
    mine = np.asarray(article.minhash, dtype=np.uint64)
    best, best_score = None, settings.number("link.copy_threshold")
    for other in sorted(earlier, key=lambda r: r.seq):
        score = neardup.similarity(mine, np.asarray(other.minhash, dtype=np.uint64))
        if score >= best_score and (best is None or score > best_score):
            best, best_score = other.id, score
    return (best, f"similar-text:{best_score:.2f}") if best else (None, None)


def examine(article: SourcedArticle, earlier: list[Earlier]) -> Finding:
    """The wire credit and the copied article of ``article``."""
    wire = wire_credit(article.text, article.author, article.outlet, article.site)
    return Finding(article, wire, *copied_from(article, earlier))


def source_keys(
    findings: list[Finding], stored: Mapping[str, str | None]
) -> list[dict[str, str | None]]:
    """For each finding, in order: the article's ``wire``, ``copy_of``, ``source_key`` and
    ``source_rule``. A copy takes its original's key (one found earlier in ``findings``,
    else from ``stored``); an article whose original has no key yet falls back to its wire
    credit or outlet."""
    keys: dict[str, str] = {}
    updates: list[dict[str, str | None]] = []
    for found in findings:
        article, wire, copy_of = found.article, found.wire, found.copy_of
        if copy_of is not None and (key := keys.get(copy_of) or stored.get(copy_of)):
            rule = found.copy_rule
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
    return updates
