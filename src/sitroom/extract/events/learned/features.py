"""Features of the v3 learned event layer, computed from what the spaCy pipeline already
holds: en_core_web_sm's contextual token vectors (``doc.tensor``, the tok2vec output,
96 per token), the dependency parse and the entities. No extra encoder.

Every function takes spans of the full article Doc; character offsets are in Doc
coordinates. Training (``scripts/train_event_model.py``) and inference
(``learned.heads``) share this module, so the features cannot drift apart.

- ``sentence_vector(sent)``: mean, max and root-token rows of the sentence's tensor
- ``candidate_mentions(sent)``: noun chunks and entities of the sentence
- ``mention_matrix(sent, mentions)``: per mention, its tensor rows (mean + head),
  the governing predicate's row, the sentence mean and ~80 dependency features
- ``analyze(text)``, ``parse_terms(sent)``, ``lexicon_terms(sent)``: terms of the lexical
  (TF-IDF) heads; the last needs the lemmas, so training parses with the lemmatizer on
"""

from __future__ import annotations

import re
import zlib
from bisect import bisect_left

import numpy as np
from spacy.tokens import Span, Token

from sitroom.extract.events.lexicon import candidate_positions, match

DIM = 96
"""Width of en_core_web_sm's tok2vec output."""
SENT_DIM = 3 * DIM
MENTION_EMB_DIM = 4 * DIM

DEPS = (
    "nsubj",
    "nsubjpass",
    "dobj",
    "pobj",
    "poss",
    "compound",
    "conj",
    "appos",
    "attr",
    "dative",
    "npadvmod",
    "ROOT",
    "amod",
    "nmod",
    "csubj",
    "oprd",
    "ccomp",
    "xcomp",
)
PREPS = (
    "by",
    "on",
    "against",
    "to",
    "with",
    "from",
    "at",
    "in",
    "of",
    "for",
    "into",
    "between",
    "over",
    "about",
    "after",
    "during",
)
ENTS = ("GPE", "ORG", "PERSON", "NORP", "LOC", "FAC", "DATE", "CARDINAL", "EVENT", "LAW")
HAND_NAMES = tuple(
    [f"dep={d}" for d in DEPS]
    + ["dep=other"]
    + [f"prep={p}" for p in PREPS]
    + ["prep=other", "prep=none"]
    + [f"ent={e}" for e in ENTS]
    + ["ent=none"]
    + [f"headdep={d}" for d in DEPS]
    + ["headdep=other"]
    + [
        "agent",
        "passive_gov",
        "gov_is_root",
        "before_gov",
        "before_root",
        "pronoun",
        "rel_pos",
        "log_len",
        "climb",
        "gov_is_noun",
        "prep_of_noun",
        "conj_of_subject",
        "in_subject_subtree",
        "in_object_subtree",
        "gov_is_verb",
        "has_det",
        "propn",
        "gov_in_advcl",
        "first_mention",
        "last_mention",
    ]
)
HAND_DIM = len(HAND_NAMES)
_HAND_POS = {n: k for k, n in enumerate(HAND_NAMES)}
HASH_DIM = 1024
"""Hashed lexical role features: governing word x relation, head word, "noun + prep"."""
FEATURE_DIM = MENTION_EMB_DIM + HAND_DIM + HASH_DIM
_SKIP_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}


class TensorMissing(RuntimeError):
    """The Doc carries no tok2vec output (``doc.tensor`` empty)."""


def _rows(sent: Span) -> np.ndarray:
    t = sent.doc.tensor
    if t is None or t.ndim != 2 or t.shape[0] != len(sent.doc) or t.shape[1] != DIM:
        raise TensorMissing(
            "doc.tensor is not en_core_web_sm's tok2vec output "
            f"(shape {getattr(t, 'shape', None)}); run the full spaCy pipeline"
        )
    return t[sent.start : sent.end]


def sentence_vector(sent: Span) -> np.ndarray:
    """(SENT_DIM,): mean and max of the sentence's token rows, and its root's row."""
    rows = _rows(sent)
    if len(rows) == 0:
        return np.zeros(SENT_DIM, dtype=np.float32)
    root = sent.root.i - sent.start
    return np.concatenate([rows.mean(0), rows.max(0), rows[root]]).astype(np.float32)


def sentence_matrix(sents: list[Span]) -> np.ndarray:
    if not sents:
        return np.zeros((0, SENT_DIM), dtype=np.float32)
    return np.stack([sentence_vector(s) for s in sents])


def _char_span(sent: Span, start: int, end: int) -> Span | None:
    """The tokens of the sentence overlapping characters [start, end) (Doc offsets)."""
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    a, b = max(span.start, sent.start), min(span.end, sent.end)
    return sent.doc[a:b] if a < b else None


def _governor(tok: Token) -> tuple[Token, int]:
    """The first verbal ancestor (the predicate this mention hangs on) and how many arcs up."""
    cur, climb = tok, 0
    while cur.head.i != cur.i:
        cur = cur.head
        climb += 1
        if cur.pos_ in {"VERB", "AUX"}:
            return cur, climb
    return cur, climb


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass", "agent"} for c in verb.children)


def _subtree_dep(tok: Token, deps: set[str]) -> bool:
    cur = tok
    while cur.head.i != cur.i:
        if cur.dep_ in deps:
            return True
        cur = cur.head
    return cur.dep_ in deps


def candidate_mentions(sent: Span) -> list[tuple[int, int]]:
    """Character spans (Doc offsets) of the sentence's possible participants: noun chunks
    and named entities outside any chunk, pronouns included; sorted, no duplicates."""
    spans: dict[tuple[int, int], None] = {}
    covered: set[int] = set()
    for ch in sent.noun_chunks:
        spans[(ch.start_char, ch.end_char)] = None
        covered.update(range(ch.start, ch.end))
    for ent in sent.ents:
        if ent.label_ in _SKIP_ENTS:
            continue
        if not any(i in covered for i in range(ent.start, ent.end)):
            spans[(ent.start_char, ent.end_char)] = None
    return sorted(spans)


def hand_features(sent: Span, start: int, end: int) -> np.ndarray:
    """Dependency and position features of one mention (independent of the others)."""
    f = np.zeros(HAND_DIM, dtype=np.float32)
    pos = _HAND_POS
    span = _char_span(sent, start, end)
    if span is None:
        return f
    head = span.root
    dep = head.dep_
    f[pos[f"dep={dep}" if dep in DEPS else "dep=other"]] = 1
    hd = head.head.dep_
    f[pos[f"headdep={hd}" if hd in DEPS else "headdep=other"]] = 1
    prep = head.head.lower_ if dep == "pobj" else None
    if prep is None:
        f[pos["prep=none"]] = 1
    else:
        f[pos[f"prep={prep}" if prep in PREPS else "prep=other"]] = 1
        if head.head.head.pos_ in {"NOUN", "PROPN"}:
            f[pos["prep_of_noun"]] = 1
    ent = head.ent_type_
    f[pos[f"ent={ent}" if ent in ENTS else "ent=none"]] = 1
    gov, climb = _governor(head)
    root = sent.root
    f[pos["agent"]] = float(dep == "pobj" and head.head.dep_ == "agent")
    f[pos["passive_gov"]] = float(_is_passive(gov))
    f[pos["gov_is_root"]] = float(gov.i == root.i)
    f[pos["gov_is_verb"]] = float(gov.pos_ in {"VERB", "AUX"})
    f[pos["gov_is_noun"]] = float(gov.pos_ in {"NOUN", "PROPN"})
    f[pos["gov_in_advcl"]] = float(gov.dep_ in {"advcl", "relcl", "ccomp", "xcomp"})
    f[pos["before_gov"]] = float(head.i < gov.i)
    f[pos["before_root"]] = float(head.i < root.i)
    f[pos["pronoun"]] = float(head.pos_ == "PRON")
    f[pos["propn"]] = float(head.pos_ == "PROPN")
    f[pos["rel_pos"]] = (head.i - sent.start) / max(len(sent) - 1, 1)
    f[pos["log_len"]] = float(np.log1p(len(span)))
    f[pos["climb"]] = min(climb, 6) / 6
    f[pos["conj_of_subject"]] = float(dep == "conj" and head.head.dep_ in {"nsubj", "nsubjpass"})
    f[pos["in_subject_subtree"]] = float(_subtree_dep(head, {"nsubj", "nsubjpass", "csubj"}))
    f[pos["in_object_subtree"]] = float(_subtree_dep(head, {"dobj", "dative", "attr"}))
    f[pos["has_det"]] = float(any(t.dep_ == "det" for t in span))
    return f


def _relation(head: Token) -> str:
    """How a mention's head hangs on its governor: its dependency, or "prep:on" etc."""
    if head.dep_ == "pobj":
        if head.head.dep_ == "agent":
            return "agent"
        return f"prep:{head.head.lower_}"
    return head.dep_


def hash_keys(sent: Span, start: int, end: int) -> list[str]:
    """Lexical keys of a mention for the hashed role features."""
    span = _char_span(sent, start, end)
    if span is None:
        return []
    head = span.root
    gov, _ = _governor(head)
    g = gov.lower_[:5]
    rel = _relation(head)
    voice = "pass" if _is_passive(gov) else "act"
    keys = [
        f"g:{g}:{rel}",
        f"gv:{g}:{voice}:{rel}",
        f"w:{head.lower_[:5]}",
        f"r:{rel}:{voice}",
    ]
    if head.dep_ == "pobj" and head.head.head.pos_ in {"NOUN", "PROPN"}:
        keys.append(f"n:{head.head.head.lower_[:5]}:{head.head.lower_}")
    if head.dep_ == "conj":
        keys.append(f"c:{g}:{_relation(head.head)}")
    return keys


def _hash(key: str) -> int:
    return zlib.crc32(key.encode("utf-8")) % HASH_DIM


def head_token(sent: Span, start: int, end: int) -> Token | None:
    span = _char_span(sent, start, end)
    return None if span is None else span.root


def mention_matrix(sent: Span, mentions: list[tuple[int, int]]) -> np.ndarray:
    """(len(mentions), FEATURE_DIM): mean of the mention's tensor rows, its head's row,
    the governing predicate's row, the sentence mean, then the hand features and the
    hashed lexical keys."""
    if not mentions:
        return np.zeros((0, FEATURE_DIM), dtype=np.float32)
    T = sent.doc.tensor
    smean = _rows(sent).mean(0) if len(sent) else np.zeros(DIM, dtype=np.float32)
    out = np.zeros((len(mentions), FEATURE_DIM), dtype=np.float32)
    for k, (a, b) in enumerate(mentions):
        span = _char_span(sent, a, b)
        if span is not None:
            head = span.root
            gov, _ = _governor(head)
            out[k, :DIM] = T[span.start : span.end].mean(0)
            out[k, DIM : 2 * DIM] = T[head.i]
            out[k, 2 * DIM : 3 * DIM] = T[gov.i]
        out[k, 3 * DIM : 4 * DIM] = smean
        out[k, MENTION_EMB_DIM : MENTION_EMB_DIM + HAND_DIM] = hand_features(sent, a, b)
        for key in hash_keys(sent, a, b):
            out[k, MENTION_EMB_DIM + HAND_DIM + _hash(key)] = 1.0
    n = len(mentions)
    if n:
        out[0, MENTION_EMB_DIM + _HAND_POS["first_mention"]] = 1
        out[n - 1, MENTION_EMB_DIM + _HAND_POS["last_mention"]] = 1
    return out


_WORD = re.compile(r"[a-z]+")


def analyze(text: str) -> list[str]:
    """Terms of the lexical heads: lower-cased words, word bigrams and 5-letter prefixes
    (a cheap stem: "accused"/"accusing" -> "~accus")."""
    toks = _WORD.findall(text.lower())
    bigrams = [a + "_" + b for a, b in zip(toks, toks[1:], strict=False)]
    return toks + bigrams + ["~" + t[:5] for t in toks]


def parse_terms(sent: Span) -> list[str]:
    """Dependency terms added to the lexical type head: the root predicate's stem, and
    the stems of the predicate with each of its subject/object/prep dependents' heads
    ("@accus>dobj", "@attac>prep:on")."""
    root = sent.root
    stem = root.lower_[:5]
    out = [f"@{stem}"]
    for c in root.children:
        if c.dep_ in {"nsubj", "nsubjpass", "dobj", "dative", "agent", "ccomp", "xcomp"}:
            out.append(f"@{stem}>{c.dep_}")
        elif c.dep_ == "prep":
            out.append(f"@{stem}>prep:{c.lower_}")
        if c.dep_ in {"xcomp", "ccomp", "conj", "advcl"} and c.pos_ in {"VERB", "AUX"}:
            out.append(f"@@{c.lower_[:5]}")
    for tok in sent:
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "NOUN":
            out.append(f"#{tok.head.head.lower_[:5]}_{tok.head.lower_}")
    return out


def lexicon_terms(sent: Span) -> list[str]:
    """The trigger lexicon's reading of the sentence as terms: the PLOVER type and rule of
    every word a lexicon row fires on (among the Doc's candidate positions, which the
    detector reads too), and the type of one at or next to the root. The
    rules' opinion becomes evidence the type head weighs against the rest of the sentence,
    where on their own they would decide."""
    out = []
    doc = sent.doc
    positions = candidate_positions(doc)
    for i in positions[bisect_left(positions, sent.start) : bisect_left(positions, sent.end)]:
        tok = doc[i]
        entry = match(tok)
        if entry is None:
            continue
        out += [f"LEX={entry.type}", f"LEXR={entry.rule_id}"]
        if tok.dep_ == "ROOT" or tok.head.dep_ == "ROOT":
            out.append(f"LEXROOT={entry.type}")
    return out


def type_terms(sent: Span) -> list[str]:
    """All lexical terms of a sentence for the type/quad heads."""
    return analyze(sent.text) + parse_terms(sent) + lexicon_terms(sent)
