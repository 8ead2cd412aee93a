"""Who is reported as saying something: reporting frames and ``attribution_for``.

A *frame* is a reporting cue (a verb such as "said", "estimated", "told", or the
preposition "according to") with its source (the subject, the noun a reduced relative
hangs on: "an official estimated", the agent of "according to"). Frames are found once per
Doc from the dependency parse and cached on ``doc.user_data``; their sources are then
resolved to actors in reading order by ``claim_referents`` (pronouns, "the report", an
anonymous lede source named later). ``attribution_for`` picks the frame that governs a span:
the outermost reporting verb above it in the parse (the speaker who tells us, even when
the quote itself says "according to …"), else a parenthetical cue of the same sentence,
else a frame around a quotation the span sits in. Claims use it for the claimant and
events for ``reported_by``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from sitroom import settings
from sitroom.extract.common import rule_table
from sitroom.extract.common.doc_views import char_span, lower_forms, lower_lemmas, sentence_starts
from sitroom.extract.common.doctext import text_of
from sitroom.model import Attribution, ClaimDate, Explanation

__all__ = ["Frame", "attribution_for", "frame_for", "frames"]

CACHE_KEY = "sitroom.attribution.frames"
SUBJECT_DEPS = ("nsubj", "csubj")
CONTENT_DEPS = ("ccomp", "xcomp", "parataxis", "dobj", "advcl")
INHERIT_SUBJECT_DEPS = ("conj", "xcomp", "advcl")
MODIFIER_DEPS = ("amod", "compound", "acomp", "nmod")
LABEL_RULE = "attribution.speaker-label"
SIGNATURE_RULE = "attribution.quote-signature"
OPENING_QUOTES = ("“", '"', "‘")
CLOSERS = " ”\"’'"
DASHES = ("―", "—", "–")


@dataclass
class Frame:
    """One reporting cue with its source, resolved later to an actor and a date.

    ``referent`` is the named mention (or earlier frame's referent) the source was resolved
    to: "he" -> "General Mohamadawi"; ``kind`` says what the source is (person, document,
    information, named, pronoun, other) so later "it"/"the report" can find it."""

    cue: Span
    source: Span | None
    rule: str
    score: float
    kind: str = "other"
    actor: str | None = None
    referent: Span | None = None
    date: ClaimDate | None = None
    resolution: str | None = None

    @cached_property
    def sent_start(self) -> int:
        """Where the cue's sentence starts (asked for each claim and event in the story)."""
        return int(sentence_starts(self.cue.doc)[self.cue.start])


def _data_path(name: str):
    return resources.files("sitroom.extract.claims").joinpath("data", name)


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, dict]:
    """Cue lemma -> row of ``data/attribution_cues.csv`` (kind verb/prep, rule id)."""
    with _data_path("attribution_cues.csv").open(encoding="utf-8") as fh:
        return {row["lemma"]: row for row in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def noun_kinds() -> dict[str, str]:
    """Source head noun -> document, information or person (``data/attribution_nouns.csv``)."""
    with _data_path("attribution_nouns.csv").open(encoding="utf-8") as fh:
        return {row["noun"]: row["kind"] for row in csv.DictReader(fh)}


def _trimmed(doc: Doc, tokens: list[Token]) -> Span | None:
    """The contiguous span of ``tokens`` without edge punctuation, quotes or conjunctions."""
    if not tokens:
        return None
    start, end = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    while start < end and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    return doc[start:end] if start < end else None


def _noun_phrase(token: Token) -> Span | None:
    """A source noun phrase: the subtree, without a relative clause that follows the head."""
    cut = [c for c in token.children if c.dep_ in ("relcl", "acl") and c.i > token.i]
    drop = {t.i for c in cut for t in c.subtree}
    return _trimmed(token.doc, [t for t in token.subtree if t.i not in drop])


def _left_phrase(token: Token) -> Span | None:
    """The head noun with what precedes it: "a senior military official" of "… official
    estimated"."""
    return _trimmed(token.doc, [t for t in token.subtree if t.i <= token.i])


def _verb_source(cue: Token, depth: int = 0) -> Span | None:
    for child in cue.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.tag_ in ("WP", "WDT") and cue.dep_ == "relcl":
                return _noun_phrase(cue.head)  # "Trump, who said …"
            return _noun_phrase(child)
        if child.dep_ == "agent":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return _noun_phrase(objects[0])
    if cue.dep_ == "acl" and (
        cue.head.pos_ == "PROPN" or noun_kinds().get(cue.head.lower_) in ("person", "document")
    ):
        return _left_phrase(cue.head)  # reduced relative parse of "a senior official estimated"
    borrow = settings.integer("claims.subject_borrow_depth")
    if cue.dep_ in INHERIT_SUBJECT_DEPS and cue.head.pos_ in ("VERB", "AUX") and depth < borrow:
        return _verb_source(cue.head, depth + 1)  # "The report estimated … and said"
    for clause in cue.lefts:
        # A long subject with a participle ("X, commander of the unit working with …, said")
        # is often parsed as a clause of its own; its subject is the speaker.
        subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS and c.i < clause.i]
        if (
            clause.pos_ == "VERB"
            and clause.dep_ in ("ccomp", "advcl")
            and subjects
            and subjects[0].pos_ == "PROPN"
        ):
            return _trimmed(cue.doc, [t for t in subjects[0].subtree if t.i < clause.i])
    return None


def _reports_clause(cue: Token, object_counts: bool) -> bool:
    """Verbs such as "show", "expect" or "maintain" report only when they take a clause
    ("polls show that …") or stand parenthetically ("…, he believes"); verbs such as
    "cite" or "criticize" also when they take an object ("cited derogatory comments")."""
    deps = ("ccomp", "parataxis", "dobj", "xcomp") if object_counts else ("ccomp", "parataxis")
    return cue.dep_ == "parataxis" or any(c.dep_ in deps for c in cue.children)


def _cue_span(cue: Token) -> Span:
    """The cue with its auxiliaries and negation: "has learned", "did not say"."""
    left = [c for c in cue.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < cue.i]
    start = min([c.i for c in left] + [cue.i])
    return cue.doc[start : cue.i + 1]


def _speaker_label(doc: Doc, colon: Token) -> Span | None:
    """ "PENCE: …" or "Pat Caddell: …": a short capitalised name opening a line, then a colon."""
    line_start = text_of(doc).rfind("\n", 0, colon.idx) + 1
    label = doc.char_span(line_start, colon.idx, alignment_mode="contract")
    while label is not None and len(label) and (label[0].is_punct or label[0].is_space):
        label = label[1:]
    if label is None or not 1 <= len(label) <= settings.integer("claims.speaker_label_words"):
        return None
    extraction = doc._.extraction
    dateline = (extraction.article.dateline or "") if extraction is not None else ""
    if label.text.lower() == dateline.lower() or any(
        t.ent_type_ in ("GPE", "LOC", "FAC") for t in label
    ):
        return None  # "BAGHDAD: …" is a dateline, not a speaker
    return label if all(t.pos_ == "PROPN" or t.is_upper for t in label) else None


def _signature(doc: Doc, dash: Token) -> Span | None:
    """ "“…” ― Name": a dash right after a closing quote, followed by a name."""
    if not text_of(doc)[: dash.idx].rstrip().endswith(("”", '"')):
        return None
    end = dash.i + 1
    longest = settings.integer("claims.signature_words")
    while end < len(doc) and end - dash.i <= longest and doc[end].pos_ == "PROPN":
        end += 1
    return doc[dash.i + 1 : end] if end > dash.i + 1 else None


def _score(rule_id: str) -> float:
    return rule_table.score("claims", rule_id)


def _cue_positions(doc: Doc) -> list[int]:
    """The tokens a frame may start at: a cue word (by lemma or lower-cased form), a colon
    or a dash. Read from the token views, so the scan makes Tokens only there."""
    lexicon = cue_lexicon()
    rows = zip(lower_lemmas(doc), lower_forms(doc), doc.to_array(ORTH).tolist(), strict=False)
    marks = {doc.vocab.strings[mark] for mark in (":", *DASHES)}
    return [
        i
        for i, (lemma, lower, orth) in enumerate(rows)
        if lemma in lexicon or lower in lexicon or orth in marks
    ]


def _find_frames(doc: Doc) -> list[Frame]:
    lexicon = cue_lexicon()
    found: list[Frame] = []
    for i in _cue_positions(doc):
        token = doc[i]
        row = lexicon.get(token.lemma_.lower()) or lexicon.get(token.lower_)
        if token.text == ":" and (label := _speaker_label(doc, token)) is not None:
            found.append(Frame(doc[token.i : token.i + 1], label, LABEL_RULE, _score(LABEL_RULE)))
        elif token.text in DASHES and (name := _signature(doc, token)) is not None:
            found.append(
                Frame(doc[token.i : token.i + 1], name, SIGNATURE_RULE, _score(SIGNATURE_RULE))
            )
        elif row is None:
            continue
        elif row["kind"] == "prep":
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if nxt is None or nxt.lower_ != "to":
                continue
            objects = [c for c in nxt.children if c.dep_ == "pobj"]
            source = _noun_phrase(objects[0]) if objects else None
            found.append(
                Frame(
                    doc[token.i : token.i + 2],
                    source,
                    f"attribution.{row['id']}",
                    _score("attribution.prep"),
                )
            )
        elif token.pos_ == "VERB" and token.dep_ not in MODIFIER_DEPS:
            if row["kind"] != "verb" and not _reports_clause(token, row["kind"] == "object-verb"):
                continue
            source = _verb_source(token)
            found.append(
                Frame(
                    _cue_span(token),
                    source,
                    f"attribution.verb-{row['id']}",
                    _score("attribution.verb" if source else "attribution.verb.no-source"),
                )
            )
    return found


def frames(doc: Doc) -> list[Frame]:
    """Every reporting frame of ``doc`` in reading order, resolved to actors and dates (cached)."""
    cached = doc.user_data.get(CACHE_KEY)
    if cached is None:
        from sitroom.extract.claims.referents import resolve_frames

        cached = _find_frames(doc)
        resolve_frames(doc, cached)
        doc.user_data[CACHE_KEY] = cached
    return cached


def _quote_region(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Character bounds of the quotation enclosing [start, end), if any."""
    left = text.rfind("“", 0, start)
    if left >= 0 and text.find("”", left, start) < 0:
        right = text.find("”", end)
        if right >= 0:
            return left, right + 1
    if text.count('"', 0, start) % 2 == 1:
        left, right = text.rfind('"', 0, start), text.find('"', end)
        if right >= 0:
            return left, right + 1
    return None


def _overlaps(span: Span | None, start: int, end: int) -> bool:
    return span is not None and span.start_char < end and start < span.end_char


def _own_quote(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span itself when it is a quotation (“…” given whole as the content)."""
    inner = text[start:end].strip()
    before = text[:start].rstrip()[-1:]
    if inner[:1] in OPENING_QUOTES or before in OPENING_QUOTES:
        return start, end
    return None


def _bare(frame: Frame, region: tuple[int, int]) -> bool:
    """A cue whose own clause says nothing outside quotations: "…,” she said."""
    text = text_of(frame.cue.doc)
    for child in frame.cue[-1].children:
        if child.dep_ in ("ccomp", "xcomp", "dobj"):
            first = child.left_edge
            inside = region[0] <= first.idx < region[1]
            if not inside and _quote_region(text, first.idx, first.idx + len(first)) is None:
                return False
    return True


def _layout_frame(text: str, candidates: list[Frame], start: int, end: int) -> Frame | None:
    """A speaker label ("PENCE: …") on the span's line, or a signature after its quote
    ("” ― Name")."""
    for frame in candidates:
        if (
            frame.rule == LABEL_RULE
            and frame.cue.end_char <= start
            and "\n" not in text[frame.cue.end_char : start]
        ):
            return frame
        if (
            frame.rule == SIGNATURE_RULE
            and frame.cue.start_char >= end
            and not text[end : frame.cue.start_char].strip(CLOSERS)
        ):
            return frame
    return None


def frame_for(doc: Doc, start: int, end: int) -> Frame | None:
    """The frame reporting the content at characters [start, end) of ``doc``."""
    span = char_span(doc, start, end)
    if span is None or not len(span):
        return None
    candidates = [
        f
        for f in frames(doc)
        if not _overlaps(f.cue, start, end) and not _overlaps(f.source, start, end)
    ]
    if not candidates:
        return None
    layout = _layout_frame(text_of(doc), candidates, start, end)
    if layout is not None:
        return layout
    sentences = set(sentence_starts(doc)[span.start : span.end].tolist())
    chain = [span.root, *span.root.ancestors]
    by_cue = {f.cue.end - 1: f for f in candidates}
    governing = [by_cue[t.i] for t in chain if t.i in by_cue]
    if governing:
        return governing[-1]  # the outermost speaker: who tells us, not whom they cite
    local = [f for f in candidates if f.sent_start in sentences]
    verbs = [f for f in local if not f.rule.startswith("attribution.according")]
    for group in (verbs, local):
        if group:
            return min(group, key=lambda f: abs(f.cue.start - span.root.i))
    region = _quote_region(text_of(doc), start, end) or _own_quote(text_of(doc), start, end)
    if region is None:
        return None

    def gap(f: Frame) -> int:
        return (
            f.cue.start_char - region[1]
            if f.cue.start_char >= region[1]
            else region[0] - f.cue.end_char
        )

    reach = settings.integer("claims.quote_reach")
    near = [
        f
        for f in candidates
        if f.rule.startswith("attribution.verb") and 0 <= gap(f) <= reach and _bare(f, region)
    ]
    return min(near, key=gap) if near else None


def attribution_for(doc: Doc, span: Span | tuple[int, int]) -> Attribution | None:
    """Who is reported as saying the content of ``span`` (a Span or body offsets), or None
    when the text states it in the outlet's own voice."""
    start, end = (span.start_char, span.end_char) if isinstance(span, Span) else span
    frame = frame_for(doc, start, end)
    if frame is None:
        return None
    source = frame.source
    rule = frame.rule + (f"+{frame.resolution}" if frame.resolution else "")
    return Attribution(
        actor=frame.actor,
        text=source.text if source is not None else frame.cue.text,
        start=source.start_char if source is not None else frame.cue.start_char,
        end=source.end_char if source is not None else frame.cue.end_char,
        explanation=Explanation(rule=rule, score=frame.score),
    )
