"""Actors resolved to the knowledge base: the ``sitroom_actors`` component, its ruler, roles
and coreference."""
