"""How many died, were hurt, arrested or took part: counts read from the parse, with the
word that says what was counted.

A count is a quantity (``claims.numbers.find_quantities``: digits, number words, "at least",
vague "dozens") tied by the dependency parse to a casualty word of ``casualty_words.csv``:

- ``object``: the counted noun is the object or passive subject of the verb ("killed six
  civilians", "25 people were killed"), the subject of a bare participle in a headline
  ("Nine Civilians Killed"), or is modified by the participle ("25 people killed in ...");
- ``subject``: the counted noun is the verb's subject ("12 people died");
- ``count``: the number counts the casualty noun itself ("six fatalities", "3 dead");
- ``toll``: the number is what a death toll rose to, stands at or is ("a death toll of 40").

The counted people may also be said to be dead ("ten reported dead", "shot two villagers
dead"), or be those a body or death noun is of ("the bodies of four villagers"). A bare
"one" or "another" standing for the victim, or "one" numbering a singular noun, counts one
("one dead", "kills one person"): claims refuse a bare "one", casualty counts need it.

Title Case and ALL CAPS headlines parse badly with the small model; given a ``reparse``
function, ``sentence_counts`` reads them from a sentence-cased copy of the same length and
maps each anchor back to the original token by character offset.

A casualty noun with no number ("incurring fatalities") says only that someone died: the
count is "at least one". Each count keeps its anchor word, so an event takes only the counts
whose anchor lies in its own clause, never a number from another event's.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from sitroom.extract.claims.numbers import Quantity, find_quantities
from sitroom.extract.common.doctext import text_of
from sitroom.extract.events.headlines import is_headline_case, sentence_cased

SINGLE_PERSON_ENTS = frozenset({"", "PERSON", "NORP"})
"""Entity labels a singular victim may carry (a plain noun, a named person, "a Syrian")."""
TYPES_OF = {
    "dead": frozenset({"ASSAULT"}),
    "injured": frozenset({"ASSAULT"}),
    "arrested": frozenset({"COERCE"}),
    "participants": frozenset({"PROTEST"}),
}
"""The event types a count of each field can belong to: a death told inside an accusation or
a threat is the content of what was said, not the size of the statement."""
TOLL_VERBS = frozenset({"rise", "climb", "reach", "stand", "increase", "jump", "hit", "be"})
TALLY_PREPS = frozenset({"in", "over", "during", "within", "across", "throughout"})
"""Prepositions of a period phrase that makes a count a tally ("in four days")."""
SINGLE_WORDS = frozenset({"one", "another"})
"""Words that count one person when they stand for the victim ("one dead", "another
injured") or number a singular noun ("one civilian"); claims refuse a bare "one"."""
NOBODY = frozenset({"nobody", "none", "noone"})
"""Words that name no victim, though the parser takes them for a singular noun."""
NOT_SINGLE = frozenset({"no", "the", "every", "any", "each", "that", "this"})
"""Determiners that make "one" no count ("no one was hurt") or a reference ("the one")."""


@dataclass(frozen=True)
class CasualtyWord:
    rule: str
    field: str
    role: str


@dataclass(frozen=True)
class Count:
    """One count: ``field`` (dead, injured, arrested, participants) between ``low`` and
    ``high`` (equal when exact; ``high`` None when only a floor is known), the token that
    says what was counted, and the rule that read it."""

    field: str
    low: int
    high: int | None
    anchor: int
    rule: str
    over_days: int | None = None
    """Set when the count is a tally over a period of several days ("killed in four days of
    attacks"): the sum of several incidents, not the size of one."""

    def as_size(self) -> dict[str, int]:
        """The ``size`` entries of SCHEMA.md: ``{"dead": 6}`` when exact, else the bounds
        as ``dead_min``/``dead_max`` (``dead_min`` 1 alone: "someone died"); a tally adds
        ``over_days``, the length of the period it sums."""
        if self.high == self.low:
            bounds = {self.field: self.low}
        else:
            bounds = {f"{self.field}_min": self.low}
            if self.high is not None:
                bounds[f"{self.field}_max"] = self.high
        if self.over_days is not None:
            bounds["over_days"] = self.over_days
        return bounds


@lru_cache(maxsize=1)
def casualty_words() -> dict[tuple[str, str], CasualtyWord]:
    """(lemma, coarse POS) -> what the word counts and how the count attaches."""
    path = Path(__file__).with_name("data") / "casualty_words.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return {
            (r["lemma"], r["pos"]): CasualtyWord(r["rule_id"], r["field"], r["role"])
            for r in csv.DictReader(fh)
        }


def _word(tok: Token) -> CasualtyWord | None:
    table = casualty_words()
    pos = "NOUN" if tok.pos_ in {"NOUN", "PROPN"} else tok.pos_
    lemma = tok.lemma_.lower()
    found = table.get((lemma, pos)) or table.get((tok.lower_, pos))
    if found is None and tok.tag_ in {"VBN", "VBD"} and pos in {"ADJ", "NOUN", "PROPN"}:
        # Title-case headlines tag "Killed" as a proper noun or adjective.
        found = table.get((lemma, "VERB")) or table.get((tok.lower_.removesuffix("ed"), "VERB"))
    if found is None and tok.is_title and tok.lower_.endswith("ed"):
        stem = tok.lower_[:-2]
        found = table.get((stem, "VERB")) or table.get((stem + "e", "VERB"))
    return found


@lru_cache(maxsize=1)
def _casualty_lemmas() -> frozenset[str]:
    return frozenset(lemma for lemma, _ in casualty_words())


def _may_be_casualty(tok: Token) -> bool:
    """Whether a word could be a casualty word whatever its tag: a headline's "Kills" is
    often tagged a proper noun inside a mistaken name."""
    low = tok.lower_
    forms = {low, tok.lemma_.lower(), low.removesuffix("s"), low.removesuffix("es")}
    forms |= {low.removesuffix("ed"), low.removesuffix("d"), low.removesuffix("ing")}
    return _word(tok) is not None or bool(forms & _casualty_lemmas())


def _bounds(q: Quantity) -> tuple[int, int | None] | None:
    if q.measure != "count" or q.unit is not None:
        return None
    low = q.low if q.low is not None else q.high
    if low is None or low != int(low) or low < 0:
        return None
    high = q.high if q.high is not None else (low if q.qualifier == "exact" else None)
    if q.qualifier in {"at_least", "more_than", "about"} and not q.vague:
        high = int(low)
    return int(low), int(high) if high is not None else None


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in {"dobj", "dative", "ccomp", "xcomp"} for c in verb.children)


def _reduced_passive(verb: Token) -> bool:
    """A participle with no auxiliary ("civilians killed in raid"). A past form of a verb
    that takes an object, with none of its own nor through a coordinated verb ("the bomb
    killed and wounded dozens"), is one too: the model tags a headline's participle as a
    past tense ("one civilian killed and another hurt")."""
    if any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return False
    if verb.tag_ == "VBN":
        return True
    return (
        verb.tag_ == "VBD"
        and not _has_object(verb)
        and not any(_has_object(v) for v in verb.conjuncts if v.pos_ in {"VERB", "AUX"})
    )


def _governing(counted: Token) -> tuple[Token, CasualtyWord] | None:
    """The casualty verb or noun the counted token hangs from."""
    head, dep = counted.head, counted.dep_
    if head.i == counted.i:
        return None
    word = _word(head)
    if word is not None:
        if word.role == "object" and (
            dep in {"dobj", "nsubjpass", "dative"} or (dep == "nsubj" and _reduced_passive(head))
        ):
            return head, word
        if word.role == "subject" and dep == "nsubj":
            return head, word
        if word.role == "count" and dep in {"nsubj", "npadvmod", "compound"}:
            return head, word
    if dep == "pobj" and head.lower_ == "of" and head.head.i != head.i:
        # "the bodies of four villagers": the number counts the people the noun is of
        body = head.head
        owner = _word(body)
        if owner is not None and owner.role == "count" and owner.field == "dead":
            return body, owner
    if dep in {"nsubj", "nsubjpass", "dobj"}:
        # "ten reported dead", "two were found dead", "shot three villagers dead"
        for child in head.children:
            state = _word(child) if child.dep_ in {"oprd", "acomp", "advcl"} else None
            if state is not None and state.role == "count" and child.pos_ == "ADJ":
                return child, state
        if dep != "dobj":
            # "50 soldiers reported killed", "twelve were feared killed": the participle
            # complement of a verb of saying or believing says what happened to them
            for child in head.children:
                done = _word(child) if child.dep_ in {"xcomp", "oprd"} else None
                if done is not None and done.role == "object" and child.tag_ == "VBN":
                    return child, done
    toll = casualty_words().get(("toll", "NOUN"))
    if toll is None:
        return None
    if dep == "pobj" and head.dep_ == "prep":
        governor = head.head
        if governor.lemma_.lower() == "toll":
            return governor, toll
        if governor.lemma_.lower() in TOLL_VERBS:
            noun = next((c for c in governor.subtree if c.lemma_.lower() == "toll"), None)
            if noun is not None:
                return noun, toll
    if dep in {"attr", "dobj"} and head.lemma_.lower() in TOLL_VERBS:
        noun = next((c for c in head.children if c.lemma_.lower() == "toll"), None)
        if noun is not None:
            return noun, toll
    return None


def _attached(counted: Token) -> tuple[Token, CasualtyWord] | None:
    """The casualty word a counted token (the number or the noun it counts) belongs to: the
    verb it is the object or subject of first ("twelve protesters died" counts the dead),
    then a participle modifying it, then the counted noun itself ("six fatalities")."""
    governing = _governing(counted)
    if governing is not None:
        return governing
    for child in counted.children:
        word = _word(child)
        if word is None:
            continue
        if child.dep_ in {"acl", "amod", "relcl"} and word.role == "object":
            return child, word
        if word.role == "count" and child.dep_ in {"amod", "oprd", "acomp"}:
            return child, word
    own = _word(counted)
    if own is not None and own.role == "count":
        return counted, own
    return None


def _killed(verb: Token) -> CasualtyWord | None:
    """A verb that says its object died: a kill verb, or "shot/stabbed ... dead"."""
    word = _word(verb)
    if word is not None and word.field == "dead" and word.role == "object":
        return word
    if any(
        c.lower_ == "dead" and c.dep_ in {"oprd", "acomp", "advmod", "amod"} for c in verb.children
    ):
        return casualty_words().get(("kill", "VERB"))
    return None


def _nobody(victim: Token) -> bool:
    """ "No one was killed", "nobody was hurt": a victim that says no one died."""
    return victim.lower_ in NOBODY or any(
        c.lower_ == "no" or c.dep_ == "neg" for c in victim.children
    )


def _single_victims(sent: Span, found: dict[tuple[int, str], Count]) -> None:
    """A kill verb whose victim is one person named in the singular ("a soldier was
    killed", "army sergeant shot dead") and no number: one dead."""
    for verb in sent:
        word = _killed(verb)
        if word is None or (verb.i, "dead") in found:
            continue
        objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        # "sergeant shot dead": a headline's "shot dead" with no object has its victim as subject
        passive = _reduced_passive(verb) or (
            not objects and any(c.lower_ == "dead" and c.dep_ == "oprd" for c in verb.children)
        )
        victims = objects or [c for c in verb.children if c.dep_ == "nsubj" and passive]
        if len(victims) != 1 or _nobody(victims[0]):
            continue
        victim = victims[0]
        if victim.tag_ in {"NN", "NNP"} and victim.ent_type_ in SINGLE_PERSON_ENTS:
            n = 1 + _conjoined(victim)
            found[(verb.i, "dead")] = Count("dead", n, n, verb.i, "size.single-victim")


def _conjoined(counted: Token) -> int:
    """People coordinated with the counted noun ("two soldiers and an interpreter",
    "a woman and two infants", "5 soldiers and 2 rebels"): one for each named in the
    singular, its own number for each that has one."""
    extra = 0
    for conj in counted.conjuncts:
        numbers = [c for c in conj.children if c.dep_ == "nummod"]
        if numbers:
            quantities = find_quantities(numbers[-1].text)
            value = quantities[0].low if quantities and quantities[0].low is not None else None
            if value is None or value != int(value):
                return 0
            extra += int(value)
        elif conj.tag_ in {"NN", "NNP"} and conj.ent_type_ in SINGLE_PERSON_ENTS:
            extra += 1
    return extra


def _number_token(sent: Span, q: Quantity) -> Token | None:
    base = sent.start_char
    span = sent.doc.char_span(base + q.start, base + q.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span[-1]


def _add(
    found: dict[tuple[int, str], Count], tok: Token, counted: Token, bounds: tuple[int, int | None]
) -> None:
    """Record the count of the number ``tok`` (counting ``counted``) at the casualty word it
    attaches to, the first count of each anchor and field winning."""
    hit = _attached(counted)
    if hit is None and counted.i != tok.i:
        hit = _attached(tok)
    if hit is None:
        return
    anchor, word = hit
    key = (anchor.i, word.field)
    if key in found:
        return
    low, high = bounds
    extra = _conjoined(counted) if counted.i != tok.i else 0
    found[key] = Count(
        word.field,
        low + extra,
        high + extra if high is not None else None,
        anchor.i,
        word.rule + ("+size.conjoined" if extra else ""),
    )


def _single_word(tok: Token) -> Token | None:
    """What a "one" or "another" counts as one person: the singular noun it numbers ("one
    civilian killed"), or itself when it stands for the victim ("one dead", "another
    injured"); None for "no one", "the one", "one another"."""
    if tok.lower_ not in SINGLE_WORDS:
        return None
    if any(c.lower_ in NOT_SINGLE or c.dep_ == "neg" for c in tok.children):
        return None
    if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "another":
        return None
    head = tok.head
    if tok.lower_ == "one" and tok.dep_ == "nummod" and head.i != tok.i:
        if head.tag_ in {"NN", "NNP"} and head.ent_type_ in SINGLE_PERSON_ENTS:
            return head
        return None
    if tok.pos_ in {"NUM", "PRON", "DET", "NOUN"}:
        return tok
    return None


def _of_object(tok: Token) -> Token | None:
    """The object of the "of" hanging from ``tok`` ("civilians" in "dozens of civilians")."""
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None


def _counted_noun(number: Token) -> Token:
    """The noun a number counts: its head when it numbers one ("six civilians"), or the head
    of the compound the parser put it in ("Four Ukraine soldiers": "Four" compound of
    "Ukraine", itself compound of "soldiers"); the number itself when it stands alone."""
    counted = number
    while counted.head.i != counted.i and (
        counted.dep_ in {"nummod", "quantmod"}
        or (counted.dep_ == "compound" and counted.head.pos_ in {"NOUN", "PROPN"})
    ):
        counted = counted.head
    return counted


@lru_cache(maxsize=1)
def tally_periods() -> dict[str, float]:
    """Period noun -> days it lasts (``tally_periods.csv``)."""
    path = Path(__file__).with_name("data") / "tally_periods.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["noun"]: float(r["days"]) for r in csv.DictReader(fh)}


def _period_days(phrase_noun: Token) -> float | None:
    """How many days a period phrase's noun spans: its unit times its number ("four days",
    "24 hours"); one unit for "the past week", two for a plural with no number ("in recent
    weeks")."""
    unit = tally_periods().get(phrase_noun.lemma_.lower())
    if unit is None:
        return None
    numbers = [c for c in phrase_noun.children if c.dep_ == "nummod"]
    if numbers:
        quantities = find_quantities(numbers[-1].text)
        value = quantities[0].low if quantities else None
        return unit * float(value) if value is not None else None
    return unit * (2 if phrase_noun.tag_ in {"NNS", "NNPS"} else 1)


def tally_days(anchor: Token) -> int | None:
    """The days a count sums over when its word, or the verb or noun above it, takes a
    period phrase longer than a day ("killed in four days of attacks", "died over the
    weekend"); None for one incident ("killed in a day", "in the past 24 hours")."""
    for word in (anchor, anchor.head):
        for prep in word.children:
            if prep.dep_ != "prep" or prep.lower_ not in TALLY_PREPS:
                continue
            for noun in prep.children:
                days = _period_days(noun) if noun.dep_ == "pobj" else None
                if days is not None and days > 1:
                    return round(days)
    return None


def _with_tallies(counts: list[Count], sent: Span) -> list[Count]:
    doc = sent.doc
    out = []
    for c in counts:
        days = tally_days(doc[c.anchor])
        if days is not None:
            c = replace(c, over_days=days, rule=c.rule + "+size.tally-period")
        out.append(c)
    return out


def _counts(sent: Span) -> list[Count]:
    text = text_of(sent.doc)[sent.start_char : sent.end_char]
    found: dict[tuple[int, str], Count] = {}
    numbered: set[int] = set()
    for q in find_quantities(text):
        bounds = _bounds(q)
        tok = _number_token(sent, q)
        span = sent.doc.char_span(
            sent.start_char + q.start, sent.start_char + q.end, alignment_mode="expand"
        )
        numbered.update(t.i for t in span or ())
        if bounds is None or tok is None:
            continue
        counted = _counted_noun(tok)
        if counted.lower_ == "of" or (counted.dep_ == "prep" and counted.lower_ == "of"):
            continue
        if counted.i == tok.i:
            # "dozens of civilians": the counted noun is the object of "of"
            counted = _of_object(tok) or tok
        _add(found, tok, counted, bounds)
    for tok in sent:
        single = _single_word(tok) if tok.i not in numbered else None
        if single is not None:
            # "one of the soldiers": the soldier is the one counted
            counted = (_of_object(tok) or tok) if single.i == tok.i else single
            _add(found, tok, counted, (1, 1))
    for tok in sent:
        word = _word(tok)
        if (
            word is not None
            and word.role == "count"
            and word.field == "dead"
            and tok.tag_ == "NNS"
            and (tok.i, word.field) not in found
            and not any(c.dep_ in {"nummod", "det", "poss"} for c in tok.children)
            and tok.dep_ in {"dobj", "nsubjpass", "nsubj"}
        ):
            found[(tok.i, word.field)] = Count("dead", 1, None, tok.i, "size.unnumbered")
    _single_victims(sent, found)
    return _with_tallies(sorted(found.values(), key=lambda c: c.anchor), sent)


def _from_copy(sent: Span, reparse: Callable[[str], Doc]) -> list[Count]:
    """The counts of a headline read from a sentence-cased copy parsed anew, each anchored
    at the original token that holds its anchor's first character. The original parse
    adds the fields the copy found nothing for: a name lower-cased in the copy can cost
    the copy a count the original read."""
    copy = reparse(sentence_cased(sent, _may_be_casualty))
    found: dict[tuple[int, str], Count] = {}
    base = sent.start_char
    for c in _counts(copy[:]):
        tok = copy[c.anchor]
        span = sent.doc.char_span(base + tok.idx, base + tok.idx + 1, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        anchor = span[0].i
        found.setdefault((anchor, c.field), replace(c, anchor=anchor))
    fields = {field for _, field in found}
    for c in _counts(sent):
        if c.field not in fields:
            found.setdefault((c.anchor, c.field), c)
    return sorted(found.values(), key=lambda c: c.anchor)


def sentence_counts(sent: Span, reparse: Callable[[str], Doc] | None = None) -> list[Count]:
    """Every count in the sentence, with its anchor (a token of ``sent``'s doc); at most
    one per anchor and field. With ``reparse`` (text -> parsed Doc, tagger and parser
    enough), a Title Case or ALL CAPS headline is read from a sentence-cased copy, which
    the model parses as it was trained to."""
    if reparse is not None and is_headline_case(sent):
        return _from_copy(sent, reparse)
    return _counts(sent)


def merge(counts: list[Count]) -> tuple[dict[str, int], list[str]]:
    """One ``size`` dict from an event's counts: the first count of each field wins."""
    size: dict[str, int] = {}
    rules: list[str] = []
    taken: set[str] = set()
    for c in counts:
        if c.field in taken:
            continue
        taken.add(c.field)
        size.update(c.as_size())
        rules.append(c.rule)
    return size, rules
