"""Case-insensitive patterns tried only where a match can begin, with ``finditer``'s results.

Python's ``re`` tries a pattern at every position of a text unless the pattern opens with
characters it can search for, and ``IGNORECASE`` or a leading ``\\b`` rule that out: the
time grammar's thirty-odd patterns cost thirty-odd full attempts per character of every
article. A ``Scanner`` reads, from the pattern's own parse, the strings of up to
``PREFIX_CHARS`` lowercase characters that every match must begin with, and compiles them
into a case-sensitive *finder* that opens with a plain character set, which ``re``
searches for quickly. The finder runs over a folded copy of the text (``fold``); the real
pattern is tried only where it hits, in ``finditer``'s order and with its rule that a
match resumes the scan at its end. The matches are ``finditer``'s, because:

- the fold keeps one character per character, a character matches a pattern letter under
  ``IGNORECASE`` only when its fold is that letter, and ``\\w``, ``\\d`` and ``\\s`` are
  unchanged by it (tests/extract/times/test_pattern_scan.py checks this over every code point);
- the prefixes are a necessary condition: alternatives, optional and repeated parts are
  followed, look-arounds are skipped and anything else ends a prefix early, so every
  position where the pattern matches is a finder hit. A pattern without a usable prefix
  (or one that can match the empty string) is scanned with plain ``finditer``.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Callable, Iterator
from functools import lru_cache

PREFIX_CHARS = 4
"""Longer prefixes make fewer false hits but larger finders (slower to build, once per
process); past four the scan gains little."""
_MAX_CLASS = 64  # a character class wider than this ends a prefix
_CATEGORIES = {sre.CATEGORY_DIGIT: "d", sre.CATEGORY_SPACE: "s", sre.CATEGORY_WORD: "w"}
_FOLD_FIXES = {ord("İ"): "i", ord("ı"): "i", ord("ſ"): "s"}
"""Characters ``IGNORECASE`` equates with a letter whose ``str.lower`` is not that letter."""
_NON_ASCII = re.compile(r"[^\x00-\x7f]")

Token = tuple[frozenset[str], frozenset[str]]
"""One character of a prefix: the lowercase characters and the categories (d, s, w) it allows."""
Prefix = tuple[Token, ...]


def fold(text: str) -> str:
    """The text lowercased one character for one, as ``IGNORECASE`` compares letters;
    non-ASCII digits become "0" so a finder's digits stand for every ``\\d``."""
    if text.isascii():
        return text.lower()
    table = dict(_FOLD_FIXES)
    table.update({ord(c): "0" for c in set(_NON_ASCII.findall(text)) if c.isdecimal()})
    return text.translate(table).lower()


def _foldable(ch: str) -> bool:
    """A pattern character the fold keeps as it is when it matches: ASCII, or a character
    without case that is not a digit (a currency sign, a curly quote)."""
    return ch.isascii() or (
        ch.lower() == ch == ch.upper() and not ch.isdecimal() and ord(ch) not in _FOLD_FIXES
    )


def _class_token(items: list) -> Token | None:
    """The token of a character class, or None when it cannot be one (a negated class,
    a wide range, a character the fold would not keep)."""
    chars: set[str] = set()
    categories: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL and _foldable(chr(av)):
            chars.add(chr(av).lower())
        elif (
            op is sre.RANGE
            and av[1] - av[0] < _MAX_CLASS
            and all(_foldable(chr(c)) for c in range(av[0], av[1] + 1))
        ):
            chars.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        elif op is sre.CATEGORY and av in _CATEGORIES:
            categories.add(_CATEGORIES[av])
        else:
            return None
    return frozenset(chars), frozenset(categories)


class _Prefixes:
    """The prefixes of one parsed pattern. Each result pairs a prefix with whether the
    path may go on (the element ended within the limit), so a sequence can extend it."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.memo: dict[tuple[tuple[int, ...], int], frozenset[tuple[Prefix, bool]]] = {}

    def sequence(self, items: tuple, room: int) -> frozenset[tuple[Prefix, bool]]:
        if not items:
            return frozenset({((), True)})
        key = (tuple(map(id, items)), room)
        if key not in self.memo:
            out: set[tuple[Prefix, bool]] = set()
            op, av = items[0]
            for head, more in self.element(op, av, room):
                if not more or len(head) >= room:
                    out.add((head[:room], False))
                else:
                    out.update(
                        (head + tail, go_on)
                        for tail, go_on in self.sequence(items[1:], room - len(head))
                    )
            self.memo[key] = frozenset(out)
        return self.memo[key]

    def element(self, op, av, room: int) -> frozenset[tuple[Prefix, bool]]:
        if op is sre.LITERAL:
            ch = chr(av)
            letter: Token = (frozenset({ch.lower()}), frozenset())
            return frozenset({((letter,), True)} if _foldable(ch) else {((), False)})
        if op is sre.IN:
            token = _class_token(av)
            return frozenset({((token,), True)} if token else {((), False)})
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            return frozenset({((), True)})  # zero-width: the prefix goes on past it
        if op is sre.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            return (
                self.sequence(tuple(sub.data), room)
                if not (add_flags or del_flags)
                else frozenset({((), False)})
            )
        if op is sre.ATOMIC_GROUP:
            return self.sequence(tuple(av.data), room)
        if op is sre.BRANCH:
            return frozenset().union(*(self.sequence(tuple(alt.data), room) for alt in av[1]))
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, sub = av
            if sub.getwidth()[0] == 0:
                return frozenset({((), False)})
            # Each repetition takes a character at least, so more than low + room of them
            # share their first ``room`` characters with low + room.
            counts = range(low, min(high, low + room) + 1)
            return frozenset().union(*(self.sequence(tuple(sub.data) * n, room) for n in counts))
        return frozenset({((), False)})


def _render(token: Token) -> str:
    chars, categories = token
    if len(chars) == 1 and not categories:
        return re.escape(next(iter(chars)))
    return (
        "["
        + "".join("\\" + c for c in sorted(categories))
        + "".join(map(re.escape, sorted(chars)))
        + "]"
    )


def _trie(prefixes: set[Prefix]) -> str:
    """One regex for a set of prefixes, sharing their common starts; a prefix that is the
    start of a longer one makes the longer one redundant."""
    if () in prefixes:
        return ""
    groups: dict[Token, set[Prefix]] = {}
    for p in prefixes:
        groups.setdefault(p[0], set()).add(p[1:])
    parts = []
    for token in sorted(groups, key=_render):
        rest = _trie(groups[token])
        parts.append(_render(token) + (f"(?:{rest})" if rest else ""))
    return "|".join(parts)


def _first_chars(token: Token) -> list[str] | None:
    """A prefix's first token as plain characters (what lets ``re`` search fast)."""
    chars, categories = token
    if categories - {"d"}:
        return None
    return sorted(chars | (set("0123456789") if "d" in categories else set()))


def finder_source(source: str, limit: int = PREFIX_CHARS) -> str | None:
    """The finder regex of an ``IGNORECASE`` pattern, or None when it has no usable prefix."""
    parsed = sre_parse.parse(source, re.IGNORECASE)
    if parsed.getwidth()[0] == 0:
        return None
    data = tuple(parsed.data)
    by_first: dict[str, set[Prefix]] = {}
    for prefix, _ in _Prefixes(limit).sequence(data, limit):
        firsts = _first_chars(prefix[0]) if prefix else None
        if not firsts:
            return None
        for ch in firsts:
            by_first.setdefault(ch, set()).add(prefix[1:])
    boundary = (
        bool(data)
        and data[0] == (sre.AT, sre.AT_BOUNDARY)
        and all(re.match(r"\w", c) for c in by_first)
    )
    # A leading \b before a word character: the character before it is not a word one.
    guard = r"(?<!\w.)" if boundary else ""
    parts = []
    for ch in sorted(by_first):
        rest = _trie(by_first[ch])
        parts.append(re.escape(ch) + guard + (f"(?:{rest})" if rest else ""))
    return "|".join(parts)


def _confirmed(
    pattern: re.Pattern, text: str, next_hit: Callable[[int], int]
) -> Iterator[re.Match]:
    """``pattern.finditer(text)`` given ``next_hit(pos)``: the first position from ``pos``
    where a match may begin (-1 for none)."""
    pos = 0
    while (start := next_hit(pos)) >= 0:
        m = pattern.match(text, start)
        if m is None:
            pos = start + 1
        else:
            yield m
            pos = m.end()


class Scanner:
    """An ``IGNORECASE`` pattern and its finder; ``finditer`` yields ``pattern.finditer``'s
    matches."""

    def __init__(self, source: str) -> None:
        self.pattern = re.compile(source, re.IGNORECASE)
        finder = finder_source(source)
        self.finder = re.compile(finder) if finder else None

    def finditer(self, text: str, folded: str | None = None) -> Iterator[re.Match]:
        """The pattern's matches in ``text``; ``folded`` is ``fold(text)`` when the caller
        scans one text with several patterns."""
        if self.finder is None:
            return self.pattern.finditer(text)
        folded = fold(text) if folded is None else folded
        search = self.finder.search

        def next_hit(pos: int) -> int:
            hit = search(folded, pos)
            return -1 if hit is None else hit.start()

        return _confirmed(self.pattern, text, next_hit)


@lru_cache(maxsize=4096)
def _word_pattern(word: str) -> tuple[re.Pattern, str]:
    """``\\bWORD\\b`` and the fold of the word's opening characters the fold keeps."""
    lead = ""
    for ch in word:
        if not _foldable(ch):
            break
        lead += ch.lower()
    return re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE), lead


def word_matches(word: str, text: str, folded: str) -> Iterator[re.Match]:
    """``re.finditer(rf"\\b{re.escape(word)}\\b", text, re.IGNORECASE)``, tried only where
    ``folded`` (``fold(text)``) holds the word's folded opening: a plain substring search,
    where a ``Scanner`` would cost a parse per word."""
    pattern, lead = _word_pattern(word)
    if not lead:
        return pattern.finditer(text)
    return _confirmed(pattern, text, lambda pos: folded.find(lead, pos))
