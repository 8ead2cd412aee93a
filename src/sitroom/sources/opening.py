"""Opening inputs safely: transparent gzip, size limits and encoding detection.

Every reader goes through here so the same guarantees hold for every format:

* gzip is recognised by its magic bytes, not by the file name, so ``page.html`` that is
  really gzipped (a common crawler artefact) still opens;
* memory stays bounded: whole-file documents, single lines and single records have
  documented limits (``Limits``), and the total decompressed size is capped so a gzip
  bomb ends with a clear reason instead of filling the disk or the memory;
* a gzip stream cut short does not lose what came before the cut: the reader sees an
  ordinary end of file and ``GuardedStream.truncated`` says the rest is missing;
* text encoding is detected (byte-order mark, declared charset, strict UTF-8, then
  charset-normalizer), never assumed.

charset-normalizer is used for the last step because it is the maintained, pure-Python
successor of chardet (the detector ``requests`` ships), gives a confidence-ranked answer
and returns nothing rather than garbage for binary data.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

GZIP_MAGIC = b"\x1f\x8b"
MiB = 1024 * 1024
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    """Upper bounds that keep reading in bounded memory.

    ``document_bytes``: a file read whole (page dump, HTML page, feed).
    ``line_bytes``: one line of a page dump; news prose never comes close, a longer line
    is minified data or a corrupt file.
    ``record_bytes``: one JSONL line or one WARC record payload.
    ``decompressed_bytes``: everything a gzip stream may expand to (gzip bombs).
    """

    document_bytes: int = 16 * MiB
    line_bytes: int = 1 * MiB
    record_bytes: int = 8 * MiB
    decompressed_bytes: int = 1024 * MiB


DEFAULT_LIMITS = Limits()


class InputError(Exception):
    """A reason an input (or part of it) cannot be read; readers turn it into a
    ``ReadProblem`` so it never escapes as a traceback."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def size_text(n: int) -> str:
    return f"{n / MiB:g} MiB" if n >= MiB else f"{n} bytes"


class GuardedStream(io.RawIOBase):
    """A read-only byte stream over a file, gunzipping it when it starts with the gzip
    magic, counting what it hands out against ``Limits.decompressed_bytes``.

    A cut gzip stream reads as end of file with ``truncated`` set, so stream readers
    (JSONL, WARC) keep every complete line or record before the cut.
    """

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        try:
            self._file = open(path, "rb")
        except IsADirectoryError:
            raise InputError("is a directory, not a file") from None
        except OSError as exc:
            raise InputError(f"cannot open: {exc.strerror or exc}") from None
        try:
            self.compressed = self._file.read(2) == GZIP_MAGIC
            self._file.seek(0)
        except OSError as exc:
            self._file.close()
            raise InputError(f"cannot read: {exc.strerror or exc}") from None
        self._inner: io.BufferedIOBase = (
            gzip.GzipFile(fileobj=self._file) if self.compressed else self._file
        )
        self._limit = limits.decompressed_bytes
        self.total = 0
        self.truncated = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self.truncated:
            return 0
        try:
            # read1: at most one underlying read, so data decompressed before a cut in
            # the gzip stream is handed out before the cut is met.
            data = self._inner.read1(len(buffer))
        except EOFError:
            self.truncated = True
            return 0
        except (gzip.BadGzipFile, zlib.error) as exc:
            raise InputError(f"corrupt gzip data after {self.total} bytes: {exc}") from None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}") from None
        n = len(data)
        buffer[:n] = data
        self.total += n
        if self.compressed and self.total > self._limit:
            raise InputError(
                f"gzip expands beyond the {size_text(self._limit)} decompressed-size limit "
                "(gzip bomb?); not read"
            )
        return n

    def tell(self) -> int:
        return self.total

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Only "where am I" is supported (FastWARC asks it to note record offsets):
        a decompressing stream cannot move back."""
        target = (
            offset
            if whence == io.SEEK_SET
            else self.total + offset
            if whence == io.SEEK_CUR
            else -1
        )
        if target != self.total:
            raise io.UnsupportedOperation("GuardedStream can only report its position")
        return self.total

    def close(self) -> None:
        if not self.closed:
            self._inner.close()
            self._file.close()
        super().close()

    def truncation_reason(self) -> str:
        return (
            f"gzip stream is truncated after {self.total} decompressed bytes; "
            "the rest of the file is lost"
        )


def open_input(path: Path, limits: Limits = DEFAULT_LIMITS) -> io.BufferedReader:
    """Open ``path`` for buffered reading through a ``GuardedStream`` (``.raw``)."""
    return io.BufferedReader(GuardedStream(path, limits), buffer_size=_CHUNK)


def read_head(path: Path, size: int = _CHUNK, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The first ``size`` (decompressed) bytes, for format sniffing."""
    with open_input(path, limits) as stream:
        return stream.read(size)


def read_document(
    stream: io.BufferedReader, limits: Limits = DEFAULT_LIMITS, check_lines: bool = True
) -> bytes:
    """Read a whole-file document, refusing it as soon as it passes the document limit
    or (with ``check_lines``, for prose) holds a line longer than the line limit, so a
    50 MB one-line file costs one line's worth of memory, not 50 MB. Markup (HTML,
    XML) is legitimately written on one line, so only the document limit bounds it."""
    parts: list[bytes] = []
    total = 0
    line_len = 0
    line_no = 1
    while chunk := stream.read(_CHUNK):
        total += len(chunk)
        if total > limits.document_bytes:
            raise InputError(
                f"larger than the {size_text(limits.document_bytes)} limit "
                "for a single document; not read"
            )
        parts.append(chunk)
        if not check_lines:
            continue
        *ended, rest = chunk.split(b"\n")
        for piece in ended:
            if line_len + len(piece) > limits.line_bytes:
                raise InputError(_long_line(line_no, limits))
            line_len = 0
            line_no += 1
        line_len += len(rest)
        if line_len > limits.line_bytes:
            raise InputError(_long_line(line_no, limits))
    return b"".join(parts)


def _long_line(line_no: int, limits: Limits) -> str:
    return (
        f"line {line_no} is longer than the {size_text(limits.line_bytes)} line limit "
        "(not prose: minified or corrupt data); not read"
    )


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if any."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


# The WHATWG Encoding Standard (what browsers do): pages labelled Latin-1 or ASCII are
# decoded as windows-1252, whose curly quotes and dashes they nearly always contain.
_WEB_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}


def known_codec(name: str | None) -> str | None:
    """The codec a declared charset names, if Python knows it (declared charsets lie)."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    return _WEB_ALIASES.get(codec, codec)


def detect_encoding(sample: bytes, declared: str | None = None) -> str:
    """Pick the encoding of ``sample``: BOM, then a declared charset that decodes it,
    then strict UTF-8, then charset-normalizer. Raises ``InputError`` for binary data
    or when no encoding fits."""
    if enc := bom_encoding(sample):
        return enc
    if b"\x00" in sample:
        raise InputError("binary content (NUL bytes), not text")
    for candidate in (known_codec(declared), "utf-8"):
        if candidate and _decodes(sample, candidate):
            return candidate
    best = charset_normalizer.from_bytes(sample).best()
    if best is None:
        raise InputError("binary content or unknown text encoding (no encoding decodes it)")
    return best.encoding


def _decodes(sample: bytes, encoding: str) -> bool:
    """True if ``sample`` decodes, forgiving only a character cut at the sample's end."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        decoder.decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode a whole document (see ``detect_encoding``), refusing empty and binary
    content with a clear reason."""
    if not data.strip():
        raise InputError("empty (no text)")
    encoding = detect_encoding(data, declared)
    text = data.decode(encoding, errors="replace")
    if not text.strip():
        raise InputError("empty (no text)")
    if len(_CONTROL.findall(text[:_CHUNK])) > max(8, len(text[:_CHUNK]) // 100):
        raise InputError("binary content (control characters), not text")
    return text


def read_whole(
    path: Path, limits: Limits = DEFAULT_LIMITS, check_lines: bool = True
) -> tuple[bytes, str | None]:
    """A whole-file document's bytes and, when its gzip stream was cut, the reason to
    report next to what could still be read."""
    with open_input(path, limits) as stream:
        data = read_document(stream, limits, check_lines)
        guard: GuardedStream = stream.raw  # type: ignore[assignment]
        return data, guard.truncation_reason() if guard.truncated else None
