"""Each reader on well-formed input, format detection and input expansion."""

from __future__ import annotations

import json
from pathlib import Path

from sitroom.model import RawDocument, ReadProblem
from sitroom.sources import read_inputs
from sitroom.sources.dispatch import detect_format


def read(*paths: Path | str) -> list[RawDocument | ReadProblem]:
    return list(read_inputs([str(p) for p in paths]))


def docs(items: list) -> list[RawDocument]:
    return [x for x in items if isinstance(x, RawDocument)]


def problems(items: list) -> list[ReadProblem]:
    return [x for x in items if isinstance(x, ReadProblem)]


def test_page_dump_is_one_plain_text_document(write, dump_text):
    path = write("dump.txt", dump_text)
    [doc] = read(path)
    assert doc.media_type == "text/plain"
    assert doc.source == str(path)
    assert doc.body == dump_text


def test_gzip_is_opened_by_magic_bytes_not_name(write, dump_text):
    path = write("dump-without-suffix", dump_text, gz=True)
    [doc] = read(path)
    assert doc.body == dump_text


def test_html_page_keeps_markup_and_canonical_url(write, page_html):
    [doc] = read(write("page.html", page_html))
    assert doc.media_type == "text/html"
    assert "<article>" in doc.body
    assert doc.hints == {"url": "https://ledger.example/2024/05/border-crossing"}


def test_html_declared_charset_is_honoured(write, page_html):
    page = page_html.replace('charset="utf-8"', 'charset="windows-1256"').replace(
        "AL-QAIM", "AL-QAIM (القائم)"
    )
    [doc] = read(write("arabic.html", page.encode("windows-1256")))
    assert "القائم" in doc.body


def test_jsonl_records_become_record_documents(write):
    lines = [
        {
            "id": "r1",
            "text": "Syrian and Jordanian officials met in Amman on Monday.",
            "title": "Officials meet",
            "published": "2024-03-04T08:00:00Z",
            "outlet": "Wire",
        },
        {
            "id": "r2",
            "text": "A convoy of aid trucks entered Idlib province.",
            "url": "https://wire.example/r2",
        },
    ]
    path = write("records.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    first, second = read(path)
    assert first.media_type == "record"
    assert first.source == f"{path}#line:1"
    assert first.body == lines[0]["text"]
    assert first.hints == {
        "id": "r1",
        "title": "Officials meet",
        "published": "2024-03-04",
        "outlet": "Wire",
    }
    assert second.source == f"{path}#line:2"
    assert second.hints["url"] == "https://wire.example/r2"


def test_ndjson_in_utf16_with_bom(write):
    text = (
        json.dumps({"id": "u", "text": "Erbil airport reopened to flights."}, ensure_ascii=False)
        + "\n"
    )
    [doc] = read(write("records.ndjson", text.encode("utf-16")))
    assert doc.body == "Erbil airport reopened to flights."


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>River Post</title><link>https://river.example/</link>
<item><title>Dam levels fall on the Euphrates</title><link>https://river.example/a/1</link>
<pubDate>Tue, 04 Jun 2024 07:15:00 GMT</pubDate><author>desk@river.example (Omar Saleh)</author>
<description>&lt;p&gt;Water levels behind the Tabqa dam fell again in May, engineers said.\
&lt;/p&gt;</description></item>
<item><title>Second item</title><link>https://river.example/a/2</link>
<pubDate>Wed, 05 Jun 2024 07:15:00 GMT</pubDate>\
<description>Farmers along the river asked for compensation.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Plains Monitor</title><id>urn:x:plains</id>\
<updated>2024-06-01T00:00:00Z</updated>
<entry><title>Grain harvest begins in Nineveh</title><id>urn:x:1</id><link href="https://plains.example/1"/>
<published>2024-05-30T10:00:00Z</published><updated>2024-05-31T10:00:00Z</updated>\
<author><name>Layla Aziz</name></author>
<content type="html">&lt;p&gt;Farmers in Nineveh began the wheat harvest, \
the agriculture directorate said.&lt;/p&gt;</content></entry>
</feed>
"""


def test_rss_items_carry_feed_metadata(write):
    path = write("river.rss", RSS)
    first, second = read(path)
    assert first.media_type == "text/html"
    assert first.source == f"{path}#item:1"
    assert "Tabqa dam" in first.body
    assert first.hints["title"] == "Dam levels fall on the Euphrates"
    assert first.hints["published"] == "2024-06-04"
    assert first.hints["url"] == "https://river.example/a/1"
    assert first.hints["outlet"] == "River Post"
    assert "Omar Saleh" in first.hints["author"]
    assert second.source == f"{path}#item:2"


def test_atom_entries_prefer_published_and_keep_updated(write):
    [entry] = read(write("plains.xml", ATOM))
    assert entry.hints["published"] == "2024-05-30"
    assert entry.hints["updated"] == "2024-05-31"
    assert entry.hints["author"] == "Layla Aziz"
    assert "wheat harvest" in entry.body


def test_warc_yields_html_responses_only(write, make_record, warcinfo, page_html):
    records = [
        warcinfo,
        make_record("https://ledger.example/a", page_html.encode()),
        make_record("https://ledger.example/logo.png", b"\x89PNG....", content_type="image/png"),
        make_record(
            "https://ledger.example/gone", b"<html><body>gone</body></html>", status="404 Not Found"
        ),
        make_record(
            "https://ledger.example/b",
            b"<html><body><p>Second page.</p></body></html>",
            date="2024-05-03T11:00:00Z",
        ),
    ]
    for name, gz in (("crawl.warc", False), ("crawl.warc.gz", True)):
        path = write(name, records, gz=gz)
        items = read(path)
        assert problems(items) == []
        a, b = items
        assert (a.source, b.source) == (f"{path}#record:2", f"{path}#record:5")
        assert a.media_type == "text/html" and "Al-Qaim" in a.body
        assert a.hints == {"url": "https://ledger.example/a", "crawled": "2024-05-02T10:00:00Z"}
        assert b.hints["crawled"] == "2024-05-03T11:00:00Z"


def test_format_detection_prefers_decisive_content(tmp_path):
    name = tmp_path / "x"
    assert detect_format(name.with_suffix(".txt"), b"WARC/1.1\r\nWARC-Type: warcinfo") == "warc"
    assert (
        detect_format(name.with_suffix(".dat"), b'<?xml version="1.0"?><rss version="2.0">')
        == "feed"
    )
    assert detect_format(name.with_suffix(".xml"), b"<!DOCTYPE html><html><body>") == "html"
    assert detect_format(name.with_suffix(".jsonl"), b"plain words") == "jsonl"
    assert detect_format(name, b"<html><body><p>x</p>") == "html"
    assert detect_format(name, b'{"id": "1", "text": "x"}\n') == "jsonl"
    assert detect_format(name, b"Headline\n\nBAGHDAD: text") == "text"


def test_directory_is_read_recursively_sorted_without_hidden_or_other_files(
    write, dump_text, page_html
):
    write("corpus/b.txt", dump_text)
    write("corpus/a/page.html", page_html)
    write("corpus/.hidden.txt", dump_text)
    write("corpus/.git/config.txt", dump_text)
    write("corpus/README.md", "# Notes on this corpus")
    write("corpus/logo.png", b"\x89PNG\r\n")
    write("corpus/crawl", dump_text, gz=True)
    root = write("corpus/c.txt", dump_text).parent
    sources = [x.source for x in read(root)]
    assert sources == [
        str(root / "a" / "page.html"),
        str(root / "b.txt"),
        str(root / "c.txt"),
        str(root / "crawl"),
    ]


def test_a_file_named_explicitly_is_read_whatever_its_extension(write, dump_text):
    [doc] = read(write("notes.md", dump_text))
    assert doc.media_type == "text/plain" and doc.body == dump_text


def test_glob_is_expanded_in_sorted_order(write, dump_text):
    write("g/2.txt", dump_text)
    first = write("g/1.txt", dump_text)
    write("g/skip.html", "<html><body><p>not matched</p></body></html>")
    sources = [x.source for x in read(str(first.parent / "*.txt"))]
    assert sources == [str(first.parent / "1.txt"), str(first.parent / "2.txt")]


def test_warc_http_encodings_are_undone(write, make_record, page_html):
    """Crawlers store the response as sent: chunked and gzip-encoded payloads."""
    import gzip

    html = page_html.encode()
    chunked = (
        b"".join(
            b"%x\r\n%s\r\n" % (len(html[i : i + 500]), html[i : i + 500])
            for i in range(0, len(html), 500)
        )
        + b"0\r\n\r\n"
    )
    records = [
        make_record(
            "https://a.example/gz",
            gzip.compress(html),
            content_type="text/html\r\nContent-Encoding: gzip",
        ),
        make_record(
            "https://a.example/chunked",
            chunked,
            content_type="text/html\r\nTransfer-Encoding: chunked",
        ),
    ]
    items = read(write("encoded.warc", records))
    assert [x.body for x in items] == [page_html, page_html]


def test_warc_resource_record(write, page_html):
    body = page_html.encode()
    record = (
        (
            "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: file:///saved/page.html\r\n"
            "WARC-Date: 2024-05-02T10:00:00Z\r\n"
            "WARC-Record-ID: <urn:uuid:00000000000000000000000000000001>\r\n"
            f"Content-Type: text/html\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode()
        + body
        + b"\r\n\r\n"
    )
    [doc] = read(write("saved.warc", record))
    assert doc.body == page_html and doc.hints["url"] == "file:///saved/page.html"


def test_page_labelled_latin1_is_read_as_windows_1252(write):
    text = (
        "<html><head><meta charset='iso-8859-1'></head>"
        "<body><p>“The café reopened” — officials said.</p></body></html>"
    )
    [doc] = read(write("latin.html", text.encode("cp1252")))
    assert "“The café reopened” — officials" in doc.body


def test_jsonl_line_in_another_encoding_is_decoded_on_its_own(write):
    utf8 = json.dumps(
        {"id": "a", "text": "Talks resumed in Erbil on Monday."}, ensure_ascii=False
    ).encode()
    cp1252 = json.dumps(
        {
            "id": "b",
            "text": "The minister’s café meeting — a first, aides said. “It went well,” one said.",
        },
        ensure_ascii=False,
    ).encode("cp1252")
    first, second = read(write("mixed.jsonl", utf8 + b"\n" + cp1252 + b"\n"))
    assert first.body == "Talks resumed in Erbil on Monday."
    assert (
        second.body
        == "The minister’s café meeting — a first, aides said. “It went well,” one said."
    )
