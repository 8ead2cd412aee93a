"""Temporal expressions (TIMEX3): the ``sitroom_times`` component, its grammar and its lexicon."""
