"""``pattern_scan.Scanner`` must find exactly what ``re.finditer`` finds, only faster.

Its exactness rests on two facts about Python's ``re`` that are checked here over every
code point (so a new Python or Unicode version that breaks them fails loudly), and on the
prefix reading, checked against ``finditer`` on texts built to hit its edge cases.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.extract.common.pattern_scan import Scanner, finder_source, fold, word_matches
from sitroom.extract.times.grammar import RULES

ALL_CHARS = "".join(chr(c) for c in range(sys.maxunicode + 1))


def test_fold_keeps_length_and_classes_of_every_character():
    folded = fold(ALL_CHARS)
    assert len(folded) == len(ALL_CHARS)
    for category in (r"\w", r"\d", r"\s"):
        pattern = re.compile(category)
        assert [m.start() for m in pattern.finditer(ALL_CHARS)] == [
            m.start() for m in pattern.finditer(folded)
        ]


def test_a_character_matches_an_ascii_letter_or_digit_only_as_its_fold():
    folded = fold(ALL_CHARS)
    alnum = "abcdefghijklmnopqrstuvwxyz0123456789"
    for m in re.finditer(r"[a-z0-9]", ALL_CHARS, re.IGNORECASE):
        ch = m.group()
        matched = {p for p in alnum if re.fullmatch(p, ch, re.IGNORECASE)}
        assert matched == {folded[m.start()]}, ch


scanner = lru_cache(maxsize=None)(Scanner)


def _same(source: str, text: str) -> None:
    expected = [m.span() for m in re.finditer(source, text, re.IGNORECASE)]
    assert [m.span() for m in scanner(source).finditer(text)] == expected


EDGE_TEXTS = [
    "Last week, two years ago on Monday the 3rd quarter ended; mid-March 2021 and mid March.",
    "İSTANBUL — ıt was ſunday, ten days ago; \u212aELVIN said next \u212aeek, "
    "at 10 p.m. Wednesday.",
    "٢٠٢٣ and १९ days ago; 2019's figures, the '90s, the nineteen nineties, every other week",
    "dismay may; Mayday; MAY 5; may 5th, 2020; Sept. 3 and Sep 3; often hours; twice a year",
    "",
    "a",
    "\n\nThe\tweekend\u00a0before last\u2009Thanksgiving Day 2024 and Christmas",
]


@pytest.mark.parametrize("rule, source", [(r[0], r[1]) for r in RULES])
def test_time_rules_scan_as_finditer(rule, source):
    for text in EDGE_TEXTS:
        _same(source, text)


@pytest.mark.parametrize(
    "name", ["Mosul", "New York", "Ḩalab", "Île-de-France", "St. Louis", "Kırkuk", "ISTANBUL", "A"]
)
def test_words_scan_as_finditer(name):
    source = rf"\b{re.escape(name)}\b"
    for text in EDGE_TEXTS + [
        f"{name} and {name.upper()}, not x{name}; {name.lower()}s {name}{name} İstanbul"
    ]:
        _same(source, text)
        expected = [m.span() for m in re.finditer(source, text, re.IGNORECASE)]
        assert [m.span() for m in word_matches(name, text, fold(text))] == expected


WORDS = [
    "last",
    "week",
    "two",
    "years",
    "ago",
    "Monday",
    "the",
    "3rd",
    "quarter",
    "mid",
    "March",
    "2021",
    "İ",
    "ı",
    "ſ",
    "\u212a",
    "٢",
    "may",
    "Sept.",
    "a",
    "ten",
    "days",
    "p.m.",
    "10",
    "every",
    "other",
    "-",
    "'",
    "s",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(WORDS), st.sampled_from(["", " ", "  ", "\n", "-", ", "])),
        max_size=14,
    )
)
def test_scan_equals_finditer_on_generated_text(parts):
    text = "".join(w + sep for w, sep in parts)
    for _, source, _ in RULES:
        _same(source, text)


def test_patterns_without_a_prefix_fall_back_to_finditer():
    assert finder_source(r"\w+\s+times") is None
    assert finder_source(r"x*") is None
    _same(r"\w+\s+times", "three times a day")
