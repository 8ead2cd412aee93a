"""PLOVER event coding: the ``sitroom_events`` spaCy component and its parts.

lexicon (trigger rules, data in lexicon.csv) -> detect (typing, with the classifier where
rules are unsure) -> clause / arguments / coding / size / modality -> component (Event
records) -> mapping (quad, CAMEO, ACLED). Importing the package registers the factory.
"""

from sitroom.extract.events.component import EventsComponent, build_events, make_events

__all__ = ["EventsComponent", "build_events", "make_events"]
