"""The spaCy pipeline sitroom runs: ``en_core_web_sm`` plus sitroom's registered components."""

from sitroom.nlp.pipeline import get_nlp

__all__ = ["get_nlp"]
