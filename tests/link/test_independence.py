"""Independent sources decided without a database: wire credits, outlet keys, copies
(texts written for these tests)."""

from __future__ import annotations

import pytest

from sitroom.link import neardup
from sitroom.link.independence import (
    Earlier,
    SourcedArticle,
    examine,
    outlet_key,
    source_keys,
    wire_credit,
)

STORY = (
    "Warplanes struck a fuel depot on the edge of Rivertown on Sunday, destroying three tanks "
    "and two trucks, residents said. A local official said the raid lasted about ten minutes "
    "and that fire crews worked through the night to stop the blaze from spreading."
)


def _article(id: str, seq: int, text: str, site: str, **more) -> SourcedArticle:
    sig = neardup.signature(text)
    fields = dict(
        id=id,
        seq=seq,
        source=f"{id}.html",
        outlet=None,
        site=site,
        author=None,
        text=text,
        duplicate_of=None,
        minhash=sig.hashvalues.tolist() if sig else None,
    )
    return SourcedArticle(**{**fields, **more})


@pytest.mark.parametrize(
    ("text", "author", "agency"),
    [
        ("BAGHDAD (AFP) — Warplanes struck a depot.", None, "AFP"),
        (
            "Warplanes struck a depot.\nResidents said the fire burned for hours.\n— AFP",
            None,
            "AFP",
        ),
        ("LONDON (Reuters) - Warplanes struck a depot.", None, "Reuters"),
        ("WASHINGTON (AP) — Warplanes struck a depot.", None, "AP"),
        ("Warplanes struck a depot.", "The Associated Press", "AP"),
        ("Warplanes struck a depot.", "By Reuters Staff", "Reuters"),
        ("Warplanes struck a depot, Reuters reported, citing two officials.", None, None),
        (
            "Warplanes struck a depot. " * 20
            + "The Asian Football Confederation (AFP) postponed a match.",
            None,
            None,
        ),
        ("Warplanes struck a depot, the Associated Press said.", "Jane Doe", None),
    ],
)
def test_wire_credit_lines_are_found_only_where_agencies_put_them(text, author, agency):
    found = wire_credit(text, author)
    assert (found[0] if found else None) == agency


def test_a_wire_credited_copy_is_not_an_independent_source():
    original = _article("a", 1, "BAGHDAD (AFP) — " + STORY, "one.example")
    copy = _article("b", 2, "BAGHDAD (AFP) — " + STORY, "two.example")
    own = _article(
        "c",
        3,
        "Our reporter in Rivertown saw the smoke from the depot at dawn. " * 3,
        "three.example",
    )
    findings = [examine(a, []) for a in (original, copy, own)]
    keys = [u["source_key"] for u in source_keys(findings, {})]
    assert keys == ["wire:AFP", "wire:AFP", "site:three.example"]
    assert len(set(keys)) == 2


def test_a_copy_of_an_earlier_article_in_its_cluster_takes_that_articles_source():
    original = _article("a", 1, STORY, "one.example")
    copy = _article("b", 2, STORY + " Officials opened an inquiry.", "two.example")
    earlier = [Earlier(original.id, original.seq, original.minhash)]
    found = examine(copy, earlier)
    assert found.copy_of == "a" and found.copy_rule.startswith("similar-text:")
    updates = source_keys([found], {"a": "site:one.example"})
    assert updates[0]["source_key"] == "site:one.example"


def test_a_near_duplicate_rests_on_its_root_and_an_article_without_site_on_its_outlet():
    dup = _article("b", 2, STORY, "two.example", duplicate_of="a")
    assert examine(dup, []).copy_of == "a"
    assert outlet_key("dump.html#3", "The Daily  Example", None) == (
        "outlet:the daily example",
        "outlet.name",
    )
    assert outlet_key("dump.html#3", None, None) == ("file:dump.html", "outlet.file")
