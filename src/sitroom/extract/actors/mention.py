"""A mention's text to its coded actor: the one path ``sitroom actors resolve``, the
actor evaluation and the pipeline's organisation mentions share.

``resolve_text`` finds the actor (KB alias, bare demonym, capital, demonym + title,
surname and initial, near spelling); ``code_of`` codes it for the date the way the
pipeline codes an article's actors (a dated KB role, else a role stated in the text,
else the KB default). The pipeline's person mentions try a person of the same name
first and then this path, so both code "Boko Haram" as the group.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitroom.extract.actors.component import code_of
from sitroom.extract.actors.resolve import resolve_text
from sitroom.model import Actor


@dataclass(frozen=True)
class CodedMention:
    """The actor a mention names and its (country, sector) on the date asked."""

    actor: Actor
    country: str | None
    sector: str | None


def code_mention(text: str, date: str | None = None) -> CodedMention | None:
    """The coded actor ``text`` names on ``date`` (ISO; None = today's roles), or None."""
    actor = resolve_text(text, date)
    if actor is None:
        return None
    country, sector = code_of(actor, date)
    return CodedMention(actor, country, sector)
