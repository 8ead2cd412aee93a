"""Store errors carry a one-line reason naming the database file, for the CLI to print."""

from __future__ import annotations


class StoreError(Exception):
    """The store could not be opened, migrated or written; ``str()`` is one line."""


class StoreBusy(StoreError):
    """Another process held the database file for longer than we were willing to wait."""
