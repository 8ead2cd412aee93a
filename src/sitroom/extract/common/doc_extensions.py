"""The typed values sitroom's components leave on a Doc (``doc._.*``) for the ones after them.

Components never call each other by module or function name: the one that knows something
puts a small typed object on the Doc and a later one reads it. spaCy then sees the
dependency (each factory names these attributes in ``assigns``/``requires``, so
``nlp.analyze_pipes()`` checks the order), and a pipeline without the provider fails with
a clear error instead of quietly filling fewer fields.

- ``doc._.extraction``: the ``Extraction`` every component fills its part of;
- ``doc._.actor_lookup``: an ``ActorLookup`` set by ``sitroom_actors``;
- ``doc._.attribution_lookup``: an ``AttributionLookup`` set by ``sitroom_claims``.
"""

from __future__ import annotations

from typing import Protocol, cast

from spacy.tokens import Doc, Span

from sitroom.model import Actor, Attribution

EXTRACTION = "doc._.extraction"
ACTOR_LOOKUP = "doc._.actor_lookup"
ATTRIBUTION_LOOKUP = "doc._.attribution_lookup"


class ActorLookup(Protocol):
    """What the actors component knows of one article's actors, for later components."""

    def resolve_text(self, text: str, date: str | None) -> Actor | None:
        """The actor a phrase names on ``date`` ("Iraqi forces", "the Kremlin"), if any."""
        ...

    def actor_for_span(self, start_char: int, end_char: int) -> str | None:
        """The actor id of a span of the body (a mention, a pronoun, a resolvable phrase)."""
        ...

    def code_for(self, actor_id: str, date: str | None) -> tuple[str | None, str | None]:
        """(country, sector) of an actor on ``date``."""
        ...


class AttributionLookup(Protocol):
    """Who reports what in one article, as the claims component read it."""

    def attribution_for(self, span: Span | tuple[int, int]) -> Attribution | None:
        """Who is reported as saying the content of ``span``; None in the outlet's voice."""
        ...


class MissingProviderError(LookupError):
    """A component needs a Doc value that no earlier component of the pipeline set."""


for _name in (EXTRACTION, ACTOR_LOOKUP, ATTRIBUTION_LOOKUP):
    if not Doc.has_extension(_name.removeprefix("doc._.")):
        Doc.set_extension(_name.removeprefix("doc._."), default=None)


def _required(doc: Doc, attr: str, provider: str) -> object:
    found = getattr(doc._, attr.removeprefix("doc._."))
    if found is None:
        raise MissingProviderError(
            f"{attr} is not set: add the {provider!r} component before this one in the pipeline"
        )
    return found


def actor_lookup(doc: Doc) -> ActorLookup:
    """``doc._.actor_lookup``; a ``MissingProviderError`` when ``sitroom_actors`` did not run."""
    return cast(ActorLookup, _required(doc, ACTOR_LOOKUP, "sitroom_actors"))


def attribution_lookup(doc: Doc) -> AttributionLookup:
    """``doc._.attribution_lookup``; a ``MissingProviderError`` without ``sitroom_claims``."""
    return cast(AttributionLookup, _required(doc, ATTRIBUTION_LOOKUP, "sitroom_claims"))
