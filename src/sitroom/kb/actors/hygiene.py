"""Which names may stand as an actor's alias: the rule the KB build applies and a test
checks over the whole shipped base.

An alias is matched case-insensitively against running text, so it must name its actor
and nothing else:
- no alias under 3 letters, unless it is an acronym written in capitals ("UN", "EU");
- no common English word ("Labour", "Free"), unless it is an acronym in capitals, which
  the ruler matches only as written ("IS", "US"), or a state's name (WordNet's verbs
  include "japan");
- no person's name on a group: Phoenix lists a group's leaders and members among its
  aliases (a coding shortcut), which would turn "Zarqawi said" into the group speaking.

Common words are spaCy's stop words plus the verbs, adjectives and adverbs of the WordNet
index shipped in the English model's lemmatizer tables (WordNet's nouns are left out: they
include countries and groups such as "Iraq" and "Hamas").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from sitroom.kb.actors.names import norm_alias

PERSON_KINDS = frozenset({"person"})
GROUP_KINDS = frozenset({"armed_group", "organisation", "party", "igo"})
# Words that make a name an organisation's, whatever personal names it also holds
# ("Abu Nidal Organization", "Martyr Abu Ali Mustafa Brigades").
ORG_WORDS = frozenset(
    """army front brigade brigades battalion battalions movement group groups party state
    organization organisation council jihad network union league forces force committee
    resistance liberation islamic national people peoples popular revolutionary militia
    militias alliance coalition congress federation association assembly authority
    government command division corps unit units cell cells company faction wing
    mujahideen mujahidin fighters tigers republic emirate caliphate ansar jamaat jabhat
    harakat hizb tanzim kataib saraya liwa fatah ahrar jaish jund faylaq ahl hayat tahrir
    tawhid sharia din""".split()
)
# Leading words that mark a personal name (honorifics and the Arabic kunya).
PERSON_MARKERS = frozenset(
    "abu umm sheikh sheik shaykh sayyed sayyid seyyed mullah mawlana imam mr mrs dr".split()
)
# "haitham al badri", "moner mohammad abu salha": a given name, then names joined by a
# particle (al-, bin, ibn, abu), as Arabic personal names are written.
_ARABIC_NAME = re.compile(r"^\w+( \w+)? (al|el|bin|ibn|abu|abd) \w+( \w+)?$")
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9.&-]*$")


def is_acronym(alias: str) -> bool:
    """Written in capitals (dots and digits allowed): "UN", "U.S.", "M23"."""
    return bool(_ACRONYM.match(alias.strip())) and any(c.isalpha() for c in alias)


@lru_cache(maxsize=2)
def common_words(model_package: str) -> frozenset[str]:
    """Stop words and WordNet verbs/adjectives/adverbs from the installed English model
    (the pipeline's, named by the caller: this layer does not know the pipeline)."""
    import spacy
    from spacy.lang.en.stop_words import STOP_WORDS

    nlp = spacy.load(model_package, exclude=["tok2vec", "tagger", "parser", "ner"])
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index")
    words = set(STOP_WORDS)
    for pos in ("verb", "adj", "adv"):
        words.update(w for w in index[pos] if "_" not in w)
    return frozenset(words)


def alias_problem(
    alias: str,
    kind: str,
    common: frozenset[str],
    person_names: frozenset[str] | set[str] = frozenset(),
    canonical: str = "",
) -> str | None:
    """Why ``alias`` may not name an actor of ``kind`` (None when it may).

    ``common`` is ``common_words(...)``; ``person_names`` are the normalised names and
    surnames of the base's people, used to spot a member listed as a group's alias;
    ``canonical`` is the actor's own name, whose words an alias may always share."""
    key = norm_alias(alias)
    acronym = is_acronym(alias)
    if len(key.replace(" ", "")) < 3 and not acronym:
        return "shorter than 3 letters and not an acronym in capitals"
    if " " not in key and key in common and not acronym and kind != "state":
        return "a common English word"
    if kind in GROUP_KINDS and not acronym and looks_like_person(key, person_names, canonical):
        return "a person's name on a group"
    return None


def looks_like_person(
    key: str, person_names: frozenset[str] | set[str], canonical: str = ""
) -> bool:
    """A normalised name that reads as a person's: a known person's name or surname, a
    name led by an honorific or kunya, or a given name followed by more names
    (``person_names`` holds given names as ``"<name> "``), with no organisation word and
    no word of the group's own name."""
    words = key.split()
    if not words or ORG_WORDS & set(words):
        return False
    own = {w for w in norm_alias(canonical).split() if len(w) > 3}
    if own & set(words):
        return False
    return (
        key in person_names
        or words[0] in PERSON_MARKERS
        or (len(words) > 1 and f"{words[0]} " in person_names)
        or bool(_ARABIC_NAME.match(key))
    )
