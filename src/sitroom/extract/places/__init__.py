"""Toponyms resolved to GeoNames: the ``sitroom_places`` component, its ruler, cues and resolver."""
