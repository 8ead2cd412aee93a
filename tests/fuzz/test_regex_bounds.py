"""No hang, no unbounded memory: every text function of the readers, segmentation, dates,
times and numbers runs over adversarial strings (runs of one character, repeated tokens
with optional separators, openers never closed) of ``SIZE`` characters in a child process
with a 2 GiB address-space limit, and each case must return within a generous bound.

The bound is not a speed test: the cases take milliseconds to a couple of seconds, while a
regex with catastrophic backtracking takes hours on them (the photo-credit pattern once
took ~1 s at 20k characters and 4x as long for each doubling; the dateline pattern took
12 s on 200 characters of "A-A-…"; the HTML-root sniffing was exponential in leading
comments)."""

from __future__ import annotations

import queue
import threading

import pytest
from bounded_worker import cases, functions
from fuzz_settings import HERE, python

SIZE = 20_000
CASE_BOUND_S = 20.0
ADDRESS_SPACE = 2 * 1024**3

pytestmark = pytest.mark.fuzz


def _lines_within(proc, first_bound_s: float, bound_s: float):
    """Yield the child's stdout lines, then ``None`` if the next one takes longer than
    its bound (a reader thread, so buffered output never hides behind a blocking read)."""
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in proc.stdout:
            lines.put(line.strip())
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    bound = first_bound_s
    while True:
        try:
            line = lines.get(timeout=bound)
        except queue.Empty:
            yield None
            return
        if line is None:
            return
        yield line
        bound = bound_s


@pytest.fixture(scope="module")
def outcomes() -> dict[str, str]:
    """``{function: "ok" | reason}``. One child runs every function (imports are paid once);
    when a case overruns or the child dies, it is killed and a new one takes the next
    function, so one hang does not hide the others."""
    names, case_names = sorted(functions()), list(cases(SIZE))
    result: dict[str, str] = {}
    while remaining := [n for n in names if n not in result]:
        proc = python(
            HERE / "bounded_worker.py", str(SIZE), *remaining, address_space=ADDRESS_SPACE
        )
        expected = iter(["ready"] + [f"ok {n} {c}" for n in remaining for c in case_names])
        try:
            for line in _lines_within(proc, 180.0, CASE_BOUND_S):
                want = next(expected)
                if line != want:  # None: the case overran its bound
                    break
                if want != "ready" and want.endswith(f" {case_names[-1]}"):
                    result[want.split()[1]] = "ok"
            else:  # the child ended: fine if every line came, else it died on the next one
                want = next(expected, None)
        finally:
            proc.kill()
            _, err = proc.communicate()
        if want is not None:
            name, case = want.split()[1:] if want != "ready" else (remaining[0], "warm-up")
            last = (err.strip().splitlines() or ["no error output"])[-1]
            result[name] = f"no answer within {CASE_BOUND_S:g}s on case {case!r}, or died ({last})"
    return result


@pytest.mark.parametrize("name", sorted(functions()))
def test_function_returns_on_every_adversarial_case(outcomes, name):
    assert outcomes[name] == "ok", f"{name}: {outcomes[name]}"


def test_the_cases_reach_every_text_function():
    """A function added to the worker must not silently escape the bound."""
    assert len(functions()) >= 17 and len(cases(SIZE)) >= 25


def test_photo_credit_at_the_end_of_a_line_is_still_a_caption():
    """The linear rewrite of the photo-credit pattern keeps its meaning."""
    from sitroom.articles.lines import caption_rule

    assert (
        caption_rule("Troops at the gate. (Reuters file photo)", header=False)
        == "segment.caption.photo-credit"
    )
    assert (
        caption_rule("Convoy near Mosul (AP Photo/Hadi Mizban)", header=False)
        == "segment.caption.photo-credit"
    )
    assert (
        caption_rule("Two notes (a) and (b photo c)  ", header=False)
        == "segment.caption.photo-credit"
    )
    assert caption_rule("The (photo) was not the end (of it)", header=False) is None
    assert caption_rule("(photo) opens this line", header=False) is None


def test_a_long_date_field_is_no_date():
    from sitroom.sources.hints import iso_date

    assert iso_date("2024-05-02") == "2024-05-02"
    assert iso_date("2 May 2024") == "2024-05-02"
    assert iso_date("2 May 2024 " + "x" * 200) is None


def test_quantity_qualifiers_still_found_after_the_prefilter():
    from sitroom.extract.claims.numbers import find_quantities

    [q] = find_quantities("at least 40 people were hurt")
    assert (q.qualifier, q.low, q.high, q.text) == ("at_least", 40, None, "at least 40")
    [q] = find_quantities("they paid 300 dollars")
    assert (q.unit, q.measure, q.text) == ("USD", "money", "300 dollars")
    [q] = find_quantities("40 or more people")
    assert (q.qualifier, q.text) == ("at_least", "40 or more")
    [q] = find_quantities("about 300 dollars")
    assert (q.qualifier, q.unit) == ("about", "USD")


def test_datelines_read_as_before_the_linear_rewrite():
    from sitroom.articles.dateline import find_dateline

    found = find_dateline("DEIR EZ-ZOR, Syria, March 5 (AFP) — Fighters withdrew.")
    assert (found.place, found.agency) == ("DEIR EZ-ZOR", "AFP")
    assert find_dateline("AL-QAIM: Iraqi authorities reopened the crossing.").place == "AL-QAIM"
    assert find_dateline("Deir Ez-Zor (AFP) - Fighters withdrew.").place == "Deir Ez-Zor"
    assert find_dateline("A-" * 100 + "!") is None


def test_html_root_after_leading_comments():
    from pathlib import Path

    from sitroom.sources.dispatch import detect_format

    assert (
        detect_format(Path("page"), b"<!-- a -->\n<!-- b --><!DOCTYPE html><html><body>x") == "html"
    )
    assert detect_format(Path("page"), b"<!---->" * 9000) == "text"
