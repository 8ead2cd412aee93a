"""Linking: which articles are one text (near-duplicates), which events are one happening
(event clusters) and which independent source each article rests on. Pure logic over
values the store reads and writes; the SQL stays in ``sitroom.store``."""
