"""Property: whatever bytes a file holds, under whatever name, reading it yields only
``RawDocument`` and ``ReadProblem`` values and never raises. Damaged versions of valid
inputs (cut, bytes overwritten, gzipped) are generated so every reader's error paths
are reached. ``SITROOM_FUZZ_EXAMPLES`` raises the example count (``make fuzz``)."""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.model import RawDocument, ReadProblem
from sitroom.sources import read_inputs

EXAMPLES = int(os.environ.get("SITROOM_FUZZ_EXAMPLES", "60"))

_HTML = (
    b"<html><head><title>T</title></head>"
    b"<body><p>Officials met in Mosul on Monday.</p></body></html>"
)
_HTTP = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + _HTML
SEEDS = {
    ".txt": b"Headline\n\nBAGHDAD: Officials met on Monday, the ministry said.\n",
    ".html": _HTML,
    ".jsonl": (json.dumps({"id": "1", "text": "Officials met."}) + "\n").encode() * 3,
    ".rss": b'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
    b"<item><title>I</title><description>Officials met.</description></item></channel></rss>",
    ".warc": b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.example/\r\n"
    b"WARC-Date: 2024-01-01T00:00:00Z\r\n"
    + (
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(_HTTP)}\r\n\r\n"
    ).encode()
    + _HTTP
    + b"\r\n\r\n",
}


@st.composite
def damaged_inputs(draw: st.DrawFn) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from(sorted(SEEDS)))
    data = draw(st.one_of(st.just(SEEDS[suffix]), st.binary(max_size=600)))
    if draw(st.booleans()):
        data = gzip.compress(data)
    for _ in range(draw(st.integers(0, 3))):
        if data:
            at = draw(st.integers(0, len(data) - 1))
            data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at + 1 :]
    if data and draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return suffix + draw(st.sampled_from(["", ".gz"])), data


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_inputs())
def test_reading_never_raises(case: tuple[str, bytes]) -> None:
    suffix, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        items = list(read_inputs([str(path)]))
    assert all(isinstance(x, (RawDocument, ReadProblem)) for x in items)
    assert all(x.source.startswith(str(path)) for x in items)
    assert all(x.reason.strip() for x in items if isinstance(x, ReadProblem))
