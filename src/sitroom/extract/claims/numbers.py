"""Finds quantities in text: numerals, written numbers, ranges, money, shares, vague amounts.

Works on plain strings so it can be tested without spaCy and reused by any stage that
needs a number (claims, event sizes). What the words mean lives in data files
(``data/claim_number_words.json``, ``claim_qualifiers.csv``, ``claim_currencies.csv``);
the ids of the rows that fired are kept in ``Quantity.rule`` so every claim can be traced
back to them. Dates, years, clock times, ages, durations, ordinals and phone numbers are
not quantities and are skipped here, before anything downstream sees them.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from importlib import resources

Number = int | float


@dataclass(frozen=True)
class Quantity:
    """One quantity expression: ``text[start:end]`` with its bounds and SCHEMA.md qualifier."""

    start: int
    end: int
    text: str
    low: Number | None
    high: Number | None
    qualifier: str
    vague: bool
    unit: str | None  # ISO 4217 code, "percent", or None for a plain count
    measure: str  # count, money, share
    rule: str


@dataclass(frozen=True)
class _Atom:
    start: int
    end: int
    value: Decimal
    scaled: bool  # carries its own scale word ("million"), so a range partner may share it
    scale: Decimal
    currency: tuple[str, str] | None  # (rule id, ISO code) of a prefix currency marker
    word: str  # lowercase surface, to refuse bare "a"/"one"


def _data_path(name: str):
    return resources.files("sitroom.extract.claims").joinpath("data", name)


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    return json.loads(_data_path("claim_number_words.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _qualifiers() -> tuple[list[dict], list[dict]]:
    with _data_path("claim_qualifiers.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows.sort(key=lambda r: -len(r["phrase"]))
    return [r for r in rows if r["position"] == "prefix"], [
        r for r in rows if r["position"] == "suffix"
    ]


@lru_cache(maxsize=1)
def _currencies() -> tuple[list[dict], list[dict]]:
    with _data_path("claim_currencies.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows.sort(key=lambda r: -len(r["marker"]))
    return [r for r in rows if r["position"] == "prefix"], [
        r for r in rows if r["position"] == "suffix"
    ]


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    lex = _lexicon()
    prefix_cur, _ = _currencies()
    units, tens = _alternation(lex["units"]), _alternation(lex["tens"])
    scales, short = _alternation(lex["scales"]), _alternation(lex["short_scales"])
    cur = _alternation(r["marker"] for r in prefix_cur)
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    words = rf"(?:{tens})(?:[-\s](?:{units}))?|(?:{units})"
    atom = (
        rf"(?<![\w.,:/])(?<![A-Za-z]-)(?:(?P<cur>{cur})\s?)?"
        rf"(?:(?P<digits>{digits})(?P<short>{short})?(?!\w|,\d)|(?P<words>{words})\b)"
        rf"(?P<scales>(?:\s+(?:{scales})\b)*)"
    )
    vague = _alternation(v["phrase"] for v in lex["vague"].values())
    months = (
        "january|february|march|april|may|june|july|august|september|october|november|december|"
        "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
    )
    return {
        "atom": re.compile(atom, re.IGNORECASE),
        "vague": re.compile(rf"\b(?:{vague})\b", re.IGNORECASE),
        "phone": re.compile(r"\+?\(?\d{2,4}\)?(?:[ .-]\d{2,4}){2,}"),
        "month_before": re.compile(rf"\b(?:{months})\.?\s*$", re.IGNORECASE),
        "month_after": re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{months})\b", re.IGNORECASE),
        "year_context": re.compile(
            r"\b(?:in|since|by|of|until|till|from|before|after|during|early|late|mid|year|the|and|or)\s*$",
            re.IGNORECASE,
        ),
        "not_quantity_after": re.compile(
            r"^(?:-[a-z]|\s*(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies))\b"
            r"|(?:st|nd|rd|th)\b|\s*(?:a\.?m\.?|p\.?m\.?|gmt|utc|local time)(?!\w)|:\d|/\d)",
            re.IGNORECASE,
        ),
        "age_before": re.compile(r"\b(?:aged|age of|ages of|ages)\s*$", re.IGNORECASE),
        "plural_noun_after": re.compile(r"^\s+[a-z]+s\b"),
        "range_link": re.compile(
            r"^\s*(?:to|-|–|—)\s*$|^\s+(?P<or>or)\s+$|^\s+(?P<and>and)\s+$", re.IGNORECASE
        ),
        "percent": re.compile(r"^\s*(?:%|per\s?cent\b|percentage points?\b)", re.IGNORECASE),
    }


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _word_value(words: str) -> Decimal:
    lex = _lexicon()
    total = Decimal(0)
    for part in re.split(r"[-\s]+", words.lower()):
        total += lex["tens"].get(part, 0) + lex["units"].get(part, 0)
    return total


def _atoms(text: str) -> list[_Atom]:
    pats, lex = _patterns(), _lexicon()
    masked = {i for m in pats["phone"].finditer(text) for i in range(m.start(), m.end())}
    out: list[_Atom] = []
    for m in pats["atom"].finditer(text):
        if m.start("digits" if m.group("digits") else "words") in masked:
            continue
        scale = Decimal(1)
        scale_words = m.group("scales").lower().split()
        for w in scale_words:
            scale *= Decimal(lex["scales"][w])
        if m.group("short"):
            scale *= Decimal(lex["short_scales"][m.group("short").lower()])
        value = _decimal(m.group("digits")) if m.group("digits") else _word_value(m.group("words"))
        word = (m.group("words") or "").lower()
        if word in ("a", "one") and not scale_words:
            continue  # an article or a pronoun ("one of them"), not a count
        currency = None
        if m.group("cur"):
            row = next(r for r in _currencies()[0] if r["marker"].lower() == m.group("cur").lower())
            currency = (row["id"], row["iso"])
        start = m.start("cur") if m.group("cur") else m.start()
        out.append(
            _Atom(
                start,
                m.end(),
                value * scale,
                bool(scale_words or m.group("short")),
                scale,
                currency,
                word,
            )
        )
    return out


_IDENTIFIER = re.compile(r"\d{8,}")
"""A run of eight or more digits without separators: a post, phone or document number.
News prose writes ten million and more with separators or a scale word."""


def _is_excluded(text: str, atom: _Atom) -> bool:
    """Dates, clock times, ages, durations, ordinals, years and identifiers are not quantities."""
    pats = _patterns()
    if _IDENTIFIER.fullmatch(text, atom.start, atom.end):
        return True
    after, before = text[atom.end : atom.end + 24], text[max(0, atom.start - 24) : atom.start]
    if pats["not_quantity_after"].match(after):
        return True
    if (
        pats["age_before"].search(before)
        or pats["month_before"].search(before)
        or pats["month_after"].match(after)
    ):
        return True
    year_shaped = re.fullmatch(r"(?:1[89]|20)\d\d", text[atom.start : atom.end]) is not None
    if year_shaped and (
        pats["year_context"].search(before) or not pats["plural_noun_after"].match(after)
    ):
        return True
    return False


def _number(value: Decimal) -> Number:
    return int(value) if value == value.to_integral_value() else float(value)


@cache
def _any_of(phrases: tuple[str, ...], template: str) -> re.Pattern:
    """One alternation of all phrases: it matches exactly when one of the per-row patterns
    would, so the row loop (which picks the longest) only runs for the rare hit."""
    return re.compile(template.format(_alternation(phrases)), re.IGNORECASE)


def _prefix_qualifier(text: str, start: int) -> tuple[dict | None, int]:
    before = text[max(0, start - 40) : start]
    if not _any_of(tuple(r["phrase"] for r in _qualifiers()[0]), r"(?:^|(?<=\W))(?:{})\s+$").search(
        before
    ):
        return None, start
    for row in _qualifiers()[0]:
        m = re.search(rf"(?:^|(?<=\W))({re.escape(row['phrase'])})\s+$", before, re.IGNORECASE)
        if m:
            return row, start - (len(before) - m.start(1))
    return None, start


def _suffix(rows: list[dict], key: str, text: str, end: int) -> tuple[dict | None, int]:
    after = text[end : end + 40]
    if not _any_of(tuple(r[key] for r in rows), r"\s*(?:{})(?!\w)").match(after):
        return None, end
    for row in rows:
        m = re.match(rf"\s*({re.escape(row[key])})(?!\w)", after, re.IGNORECASE)
        if m:
            return row, end + m.end(1)
    return None, end


def _bounds(qualifier: str, low: Decimal, high: Decimal) -> tuple[Number | None, Number | None]:
    if low != high:
        return _number(low), _number(high)
    if qualifier in ("up_to", "at_most", "less_than"):
        return None, _number(high)
    if qualifier in ("at_least", "more_than"):
        return _number(low), None
    return _number(low), _number(high)


def _group(text: str, atoms: list[_Atom]) -> list[tuple[list[_Atom], str, int]]:
    """Pair atoms joined by "to", "-", "or", "between … and" into ranges.

    Returns (atoms, shape, start) where start includes a leading "between"/"from"."""
    pats = _patterns()
    groups: list[tuple[list[_Atom], str, int]] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if i + 1 < len(atoms):
            b = atoms[i + 1]
            link = pats["range_link"].match(text[a.end : b.start])
            lead = re.search(
                r"\b(between|from)\s+$", text[max(0, a.start - 9) : a.start], re.IGNORECASE
            )
            low = (
                a.value * b.scale
                if not a.scaled and b.scaled and a.value * b.scale <= b.value
                else a.value
            )
            ok_shape = link and (
                not link.group("and") or (lead and lead.group(1).lower() == "between")
            )
            if link is not None and ok_shape and low < b.value:
                shape = "alternatives" if link.group("or") else ("between" if lead else "range")
                start = (
                    a.start - (len(text[max(0, a.start - 9) : a.start]) - lead.start(1))
                    if lead
                    else a.start
                )
                groups.append(
                    (
                        [_Atom(a.start, a.end, low, True, b.scale, a.currency, a.word), b],
                        shape,
                        start,
                    )
                )
                i += 2
                continue
        groups.append(([a], "single", a.start))
        i += 1
    return groups


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, left to right, with offsets into ``text``."""
    pats = _patterns()
    lex = _lexicon()
    found: list[Quantity] = []
    atoms = [a for a in _atoms(text) if not _is_excluded(text, a)]
    for group, shape, start in _group(text, atoms):
        low_atom, high_atom = group[0], group[-1]
        parts = [f"number.{shape}"]
        qual_row, start = _prefix_qualifier(text, start)
        end = high_atom.end
        unit, measure = None, "count"
        currency = high_atom.currency or low_atom.currency
        suffix_cur, cur_end = (
            (None, end) if currency else _suffix(_currencies()[1], "marker", text, end)
        )
        if currency:
            parts.append(f"currency.{currency[0]}")
            unit, measure = currency[1], "money"
        elif suffix_cur:
            parts.append(f"currency.{suffix_cur['id']}")
            unit, measure, end = suffix_cur["iso"], "money", cur_end
        elif pct := pats["percent"].match(text[end : end + 24]):
            parts.append("unit.percent")
            unit, measure, end = "percent", "share", end + pct.end()
        suffix_q, q_end = _suffix(_qualifiers()[1], "phrase", text, end)
        if suffix_q and not qual_row:
            qual_row, end = suffix_q, q_end
        default = "exact" if shape == "single" else "range"
        qualifier = qual_row["qualifier"] if qual_row else default
        if qual_row:
            parts.append(f"qualifier.{qual_row['id']}")
        low, high = _bounds(qualifier, low_atom.value, high_atom.value)
        found.append(
            Quantity(
                start,
                end,
                text[start:end],
                low,
                high,
                qualifier,
                False,
                unit,
                measure,
                "+".join(parts),
            )
        )
    taken = [(q.start, q.end) for q in found]
    for m in pats["vague"].finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        key, entry = next(
            (k, v) for k, v in lex["vague"].items() if v["phrase"] == m.group(0).lower()
        )
        found.append(
            Quantity(
                m.start(),
                m.end(),
                m.group(0),
                entry["low"],
                entry["high"],
                "about",
                True,
                None,
                "count",
                f"number.vague-{key}",
            )
        )
    return sorted(found, key=lambda q: q.start)
