"""Example-corpus articles the export tests talk about (see examples/README.md)."""

from __future__ import annotations

AFP_COPIES = (
    "examples/dumps/tigris-times-2024-2025.txt#1",
    "examples/feeds/gulf-courier-rss.xml#item:1",
    "examples/warc/mesopotamia-monitor-2024.warc.gz#record:1",
)
NEAR_DUPLICATE = (
    "examples/dumps/levant-ledger-2025.txt#1",
    "examples/html/rafidain-review-abu-khadija.html",
)


def source_suffix(source: str) -> str:
    """Stored sources keep the path as given on the command line; compare from examples/ on."""
    return source[source.index("examples/") :]
