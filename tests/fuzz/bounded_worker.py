"""Runs one text function over adversarial strings in its own process and prints
``ok <case>`` after each, so the test can bound every case with a timeout and the whole
run with an address-space limit (a regex that backtracks catastrophically or a parser
that balloons shows up as a missing line or a MemoryError, not as a stuck test run).

``python bounded_worker.py SIZE FUNCTION...``; ``--list`` prints the function names.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path


def functions() -> dict[str, Callable[[str], object]]:
    from sitroom.articles import lines as L
    from sitroom.articles.dateline import find_dateline
    from sitroom.articles.dates import date_stamp, parse_date
    from sitroom.articles.dump import drop_leading_meta, split_dump
    from sitroom.extract.claims.numbers import find_quantities
    from sitroom.extract.times.grammar import normalise_expression, scan
    from sitroom.sources.dispatch import detect_format
    from sitroom.sources.hints import iso_date

    return {
        "lines.meta": L.meta,
        "lines.byline": L.byline,
        "lines.caption_rule.header": lambda s: L.caption_rule(s, header=True),
        "lines.caption_rule.body": lambda s: L.caption_rule(s, header=False),
        "lines.boilerplate_rule": L.boilerplate_rule,
        "lines.is_title_like": L.is_title_like,
        "lines.is_prose": L.is_prose,
        "dateline.find_dateline": find_dateline,
        "dates.parse_date": parse_date,
        "dates.date_stamp": date_stamp,
        "dump.split_dump": split_dump,
        "dump.drop_leading_meta": drop_leading_meta,
        "dispatch.detect_format": lambda s: detect_format(
            Path("input"), s.encode("utf-8", "replace")[:65536]
        ),
        "hints.iso_date": iso_date,
        "time_grammar.scan": scan,
        "time_grammar.normalise_expression": lambda s: normalise_expression(s, None),
        "number_parse.find_quantities": find_quantities,
    }


def cases(n: int) -> dict[str, str]:
    """Strings built to make nested or adjacent quantifiers try every split: runs of one
    character, repeated tokens with an optional separator, openers never closed."""

    def rep(unit: str, tail: str = "") -> str:
        return unit * (n // len(unit)) + tail

    return {
        "letters": rep("a"),
        "digit-space": rep("1 "),
        "digit-hyphen": rep("1-"),
        "digit-comma": rep("1,", "x"),
        "digits": rep("1"),
        "caps-hyphen": rep("A-", "!"),
        "byline-hyphens": "By " + rep("A-", "!"),
        "byline-words": "By " + rep("Aa ", "!"),
        "caps-words-colon": rep("AL-QAIM ", "x"),
        "open-paren-photo": "(" + rep("photo "),
        "open-parens": rep("("),
        "paren-words": rep("(A "),
        "slash-credit": rep(" / A"),
        "pipes": rep(" | "),
        "dashes": rep("-"),
        "spaces-then-x": rep(" ", "x"),
        "html-comments": rep("<!---->"),
        "month-words": rep("January "),
        "month-days": rep("Jan 1 "),
        "clock": rep("1 am "),
        "scale-words": rep("1 million "),
        "between": rep("between 1 and "),
        "date-labels": rep("Updated "),
        "arabic": rep("بغداد "),
        "headline-lines": rep("Headline of a story here\n"),
    }


def main() -> None:
    if sys.argv[1] == "--list":
        print("\n".join(functions()))
        return
    size, names = int(sys.argv[1]), sys.argv[2:]
    table = functions()
    for name in names:
        table[name]("warm-up: load lexicons and models before the clock matters")
    print("ready", flush=True)
    for name in names:
        for case, text in cases(size).items():
            table[name](text)
            print(f"ok {name} {case}", flush=True)


if __name__ == "__main__":
    main()
