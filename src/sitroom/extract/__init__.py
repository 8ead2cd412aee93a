"""The understanding stage: article -> Extraction (mentions, actors, places, times, events,
claims)."""

from sitroom.extract.pipeline import extract_articles

__all__ = ["extract_articles"]
