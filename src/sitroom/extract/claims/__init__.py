"""Attributed numeric claims: the ``sitroom_claims`` component, number parsing, subjects
and attribution."""
