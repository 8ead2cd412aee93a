"""Bad input (issue 2, item 8): one clear ``ReadProblem`` per bad input or part, what
was readable still read, memory bounded, and the stream carries on."""

from __future__ import annotations

import gzip
import json
import os
import random
import tracemalloc
from pathlib import Path

import pytest

from sitroom.model import RawDocument, ReadProblem
from sitroom.sources import read_inputs
from sitroom.sources.opening import Limits, MiB


def read(*paths: Path | str, limits: Limits | None = None) -> list[RawDocument | ReadProblem]:
    args = [[str(p) for p in paths]] + ([limits] if limits else [])
    return list(read_inputs(*args))


def only_problem(items: list) -> ReadProblem:
    assert len(items) == 1 and isinstance(items[0], ReadProblem), items
    return items[0]


def test_nonexistent_path(tmp_path):
    problem = only_problem(read(tmp_path / "missing.txt"))
    assert problem.source == str(tmp_path / "missing.txt")
    assert "no such file" in problem.reason


def test_glob_matching_nothing(tmp_path):
    pattern = str(tmp_path / "*.warc.gz")
    problem = only_problem(read(pattern))
    assert problem.source == pattern and "no files match" in problem.reason


def test_empty_directory(tmp_path):
    (tmp_path / "empty").mkdir()
    assert "no input files" in only_problem(read(tmp_path / "empty")).reason


def test_broken_symlink_cannot_be_opened(tmp_path):
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    assert "cannot open" in only_problem(read(link)).reason


def test_permission_denied_is_one_problem(write, monkeypatch):
    """The same path as a chmod-000 file, for CI running as root (which reads anything)."""
    from sitroom.sources import opening

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    path = write("locked.txt", "Some text.")
    monkeypatch.setattr(opening, "open", refuse, raising=False)
    problem = only_problem(read(path))
    assert problem.source == str(path) and problem.reason == "cannot open: Permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(write):
    path = write("secret.txt", "Some text.")
    path.chmod(0)
    assert "Permission denied" in only_problem(read(path)).reason


@pytest.mark.parametrize("name", ["blob.txt", "blob.html", "blob.jsonl", "blob.rss"])
def test_binary_file_with_nul_bytes(write, name):
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    problem = only_problem(read(write(name, data)))
    assert "binary" in problem.reason


def test_text_without_any_encoding(write):
    rng = random.Random(7)
    data = bytes(rng.randrange(128, 256) for _ in range(4000))
    assert "encoding" in only_problem(read(write("noise.txt", data))).reason


@pytest.mark.parametrize(
    "name", ["empty.txt", "empty.html", "empty.jsonl", "empty.rss", "empty.warc", "blank.txt"]
)
def test_empty_inputs(write, name):
    problem = only_problem(read(write(name, "  \n\n" if name == "blank.txt" else "")))
    assert "empty" in problem.reason


def test_windows_1252_text_is_detected_and_decoded(write):
    text = (
        "Ministers met in the old café on the river bank. “We agreed on the next steps,” "
        "one said — adding that the talks would resume in Amman. "
        "Résumé of the day’s meetings follows. "
    ) * 4
    [doc] = read(write("cp1252.txt", text.encode("cp1252")))
    assert doc.body == text


def test_truncated_gzip_text_keeps_what_was_read(write):
    lines = [
        f"Paragraph {i}: reporters counted the convoys leaving the city at dawn."
        for i in range(4000)
    ]
    blob = gzip.compress("\n".join(lines).encode())
    path = write("dump.txt.gz", blob[: len(blob) // 2])
    doc, problem = read(path)
    assert isinstance(doc, RawDocument) and doc.body.startswith(lines[0])
    assert 0 < len(doc.body) < len("\n".join(lines))
    assert (
        isinstance(problem, ReadProblem)
        and problem.source == str(path)
        and "truncated" in problem.reason
    )


def test_truncated_gzip_jsonl_keeps_complete_lines(write):
    lines = [
        json.dumps({"id": str(i), "text": f"Record {i} about the ceasefire talks in Geneva."})
        for i in range(3000)
    ]
    blob = gzip.compress("\n".join(lines).encode())
    items = read(write("records.jsonl.gz", blob[: len(blob) // 2]))
    *records, problem = items
    assert len(records) > 10 and all(isinstance(r, RawDocument) for r in records)
    assert [r.hints["id"] for r in records] == [str(i) for i in range(len(records))]
    assert isinstance(problem, ReadProblem) and "truncated" in problem.reason


def test_corrupt_gzip_is_reported(write):
    blob = bytearray(gzip.compress(b"Some text about the talks.\n" * 500))
    blob[20:40] = b"\xff" * 20
    assert "gzip" in only_problem(read(write("bad.txt.gz", bytes(blob)))).reason


def test_truncated_warc_gz_keeps_complete_records(write, make_record, page_html):
    records = [make_record(f"https://ledger.example/{i}", page_html.encode()) for i in range(6)]
    blob = b"".join(gzip.compress(r) for r in records)
    path = write("crawl.warc.gz", blob[: len(blob) - len(gzip.compress(records[-1])) // 2])
    *pages, problem = read(path)
    assert [p.hints["url"] for p in pages] == [f"https://ledger.example/{i}" for i in range(5)]
    assert (
        isinstance(problem, ReadProblem)
        and problem.source == str(path)
        and "truncated" in problem.reason
    )


def test_truncated_warc_reports_the_cut_record(write, make_record, page_html):
    records = [make_record(f"https://ledger.example/{i}", page_html.encode()) for i in range(3)]
    blob = b"".join(records)
    path = write("crawl.warc", blob[:-300])
    first, second, problem = read(path)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert problem.source == f"{path}#record:3" and "truncated" in problem.reason


def test_warc_that_is_not_a_warc(write):
    problem = only_problem(
        read(write("notes.warc", "Notes from the press conference, not a crawl."))
    )
    assert "malformed WARC after 0 record" in problem.reason


def test_malformed_warc(write, make_record, page_html):
    path = write(
        "junk.warc",
        make_record("https://ledger.example/1", page_html.encode())
        + b"<html>an HTML page pasted after the record</html>\r\n\r\n",
    )
    page, problem = read(path)
    assert isinstance(page, RawDocument)
    assert problem.source == str(path) and "malformed WARC after 1 record" in problem.reason


def test_fifty_megabyte_single_line_is_refused_in_bounded_memory(tmp_path):
    path = tmp_path / "one-line.txt"
    with path.open("wb") as out:
        chunk = b"word " * 200_000  # 1 MB, no newline
        for _ in range(50):
            out.write(chunk)
    tracemalloc.start()
    problem = only_problem(read(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "line 1 is longer than" in problem.reason
    assert peak < 8 * MiB


def test_overlong_jsonl_record_is_skipped_and_reading_continues(write):
    limits = Limits(record_bytes=64 * 1024)
    long_line = json.dumps({"id": "big", "text": "x" * 200_000})
    ok = json.dumps({"id": "ok", "text": "The council met on Sunday."})
    path = write("mixed.jsonl", f"{long_line}\n{ok}\n")
    problem, doc = read(path, limits=limits)
    assert problem.source == f"{path}#line:1" and "longer than" in problem.reason
    assert doc.hints["id"] == "ok" and doc.source == f"{path}#line:2"


def test_document_above_the_size_limit(write, page_html):
    limits = Limits(document_bytes=2048)
    assert (
        "limit for a single document"
        in only_problem(read(write("big.html", page_html * 4), limits=limits)).reason
    )


def test_oversized_warc_record_is_skipped(write, make_record, page_html):
    limits = Limits(record_bytes=1024)
    path = write(
        "crawl.warc",
        [
            make_record("https://a.example/big", page_html.encode()),
            make_record("https://a.example/small", b"<html><body><p>tiny</p></body></html>"),
        ],
    )
    problem, page = read(path, limits=limits)
    assert problem.source == f"{path}#record:1" and "larger than" in problem.reason
    assert page.hints["url"] == "https://a.example/small"


def test_gzip_bomb_is_capped(write):
    limits = Limits(decompressed_bytes=256 * 1024)
    path = write("bomb.txt.gz", b"aaaaaaaaaa\n" * 400_000, gz=True)
    assert path.stat().st_size < 64 * 1024
    problem = only_problem(read(path, limits=limits))
    assert "decompressed-size limit" in problem.reason


def test_html_without_text(write):
    assert (
        "no text"
        in only_problem(
            read(write("shell.html", "<html><head></head><body><div></div></body></html>"))
        ).reason
    )


def test_malformed_xml_feed(write):
    path = write(
        "broken.rss",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>A & B</title><description>unclosed",
    )
    problems = [x for x in read(path) if isinstance(x, ReadProblem)]
    assert len(problems) == 1 and problems[0].source == str(path)
    assert "malformed" in problems[0].reason


def test_xml_that_is_not_a_feed(write):
    assert (
        "not an RSS/Atom feed"
        in only_problem(
            read(write("data.xml", '<?xml version="1.0"?><catalog><book id="1"/></catalog>'))
        ).reason
    )


def test_feed_does_not_resolve_external_entities(write):
    secret = write("secret.txt", "TOP-SECRET-TOKEN-8841")
    feed = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>T</title>
<item><title>Item &xxe;</title><description>Body text &xxe; about the talks.</description></item>
</channel></rss>"""
    items = read(write("xxe.rss", feed))
    assert all(
        "TOP-SECRET"
        not in (x.body + json.dumps(x.hints) if isinstance(x, RawDocument) else x.reason)
        for x in items
    )


def test_jsonl_bad_lines_are_named_and_the_rest_is_read(write):
    path = write(
        "records.jsonl",
        "\n".join(
            [
                json.dumps({"id": "1", "text": "Troops withdrew from the base."}),
                "[1, 2, 3]",
                "{not json",
                json.dumps({"id": "4", "title": "no text field"}),
                "",
                json.dumps({"id": "6", "text": "Parliament passed the budget."}),
            ]
        ),
    )
    items = read(path)
    kinds = [(type(x).__name__, x.source) for x in items]
    assert kinds == [
        ("RawDocument", f"{path}#line:1"),
        ("ReadProblem", f"{path}#line:2"),
        ("ReadProblem", f"{path}#line:3"),
        ("ReadProblem", f"{path}#line:4"),
        ("RawDocument", f"{path}#line:6"),
    ]
    assert "array, not a record object" in items[1].reason
    assert "not valid JSON" in items[2].reason
    assert '"text"' in items[3].reason


def test_one_bad_input_does_not_stop_the_others(write, dump_text, page_html, tmp_path):
    good_text = write("a.txt", dump_text)
    binary = write("b.txt", b"\x00\x01\x02" * 100)
    good_page = write("c.html", page_html)
    items = read(good_text, tmp_path / "nowhere.txt", binary, str(tmp_path / "*.none"), good_page)
    assert [type(x).__name__ for x in items] == [
        "RawDocument",
        "ReadProblem",
        "ReadProblem",
        "ReadProblem",
        "RawDocument",
    ]
    assert items[0].source == str(good_text) and items[-1].source == str(good_page)


def test_unlistable_subdirectory_is_reported_and_the_rest_read(write, dump_text, monkeypatch):
    """os.walk reports a folder it cannot list through ``onerror`` (a chmod-000 folder
    when not root); the problem names that folder and the other files are still read."""
    from sitroom.sources import dispatch

    good = write("corpus/a.txt", dump_text)
    locked = good.parent / "locked"
    real_walk = os.walk

    def walk(top, onerror=None, **kwargs):
        onerror(PermissionError(13, "Permission denied", str(locked)))
        yield from real_walk(top, onerror=onerror, **kwargs)

    monkeypatch.setattr(dispatch.os, "walk", walk)
    doc, problem = read(good.parent)
    assert doc.source == str(good)
    assert problem == ReadProblem(str(locked), "cannot list directory: Permission denied")
