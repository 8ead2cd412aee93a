"""The benchmark corpus: real news texts from ``../shared/gold`` read by path, never copied.

Five kinds of input, so the figures cover every route into the pipeline: PolNeAR articles
and the trafilatura HTML pages go through sitroom's own readers (text dump and HTML), LGL,
TBAQ and CoNLL documents are parsed by the gold readers of ``sitroom.evaluate`` and enter
as records (clean text). Kinds are interleaved so that a ``--limit`` run samples all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import chain, zip_longest
from pathlib import Path

from sitroom.model import Article, RawDocument, content_key
from sitroom.sources.dispatch import read_path

POLNEAR = Path("gold") / "attribution" / "polnear"
LGL = Path("gold") / "geo" / "lgl.xml"
TBAQ = Path("gold") / "time" / "tbaq-cleaned"
CONLL = (Path("gold") / "ner" / "eng.train", Path("gold") / "ner" / "eng.testa")
HTML = Path("gold") / "html" / "trafilatura_en" / "pages"


class CorpusError(Exception):
    """A gold input the benchmark needs is missing or unreadable."""


def _files(root: Path, pattern: str) -> list[Path]:
    if not root.exists():
        raise CorpusError(f"{root}: benchmark input not found (is ../shared present?)")
    return sorted(root.glob(pattern))


def _read(paths: Iterable[Path]) -> Iterator[RawDocument]:
    for path in paths:
        for item in read_path(path):
            if isinstance(item, RawDocument):
                yield item
            # A ReadProblem is impossible on these fixed gold files short of damage; the
            # article count in the output would show the loss.


def polnear(shared: Path) -> Iterator[RawDocument]:
    return _read(_files(shared / POLNEAR, "*/text/*.txt"))


def html_pages(shared: Path) -> Iterator[RawDocument]:
    return _read(_files(shared / HTML, "*.html"))


def lgl(shared: Path) -> Iterator[RawDocument]:
    from sitroom.evaluate.geo import read_lgl

    path = shared / LGL
    _files(path.parent, path.name)
    for art in read_lgl(path):
        if art.text.strip():
            yield RawDocument(f"{path}#{art.id}", art.text, "record")


def tbaq(shared: Path) -> Iterator[RawDocument]:
    from sitroom.evaluate.timex import read_timeml

    for path in _files(shared / TBAQ, "**/*.tml"):
        doc = read_timeml(path)
        hints = {"published": doc.dct.isoformat()} if doc.dct else {}
        if doc.text.strip():
            yield RawDocument(str(path), doc.text.strip(), "record", hints)


def conll(shared: Path) -> Iterator[RawDocument]:
    from sitroom.evaluate.ner import read_conll

    for path in (shared / p for p in CONLL):
        _files(path.parent, path.name)
        for n, doc in enumerate(read_conll(path, None), start=1):
            if doc.text.strip():
                yield RawDocument(f"{path}#doc{n}", doc.text.strip(), "record")


KINDS = {"polnear": polnear, "lgl": lgl, "tbaq": tbaq, "conll": conll, "html": html_pages}


def raw_documents(shared: Path, limit: int | None = None) -> Iterator[RawDocument]:
    """Every benchmark document, the kinds taken in turn, at most ``limit`` of them."""
    streams = [reader(shared) for reader in KINDS.values()]
    interleaved = (d for d in chain.from_iterable(zip_longest(*streams)) if d is not None)
    for n, doc in enumerate(interleaved):
        if limit is not None and n >= limit:
            return
        yield doc


def segmented(raws: Iterable[RawDocument]) -> tuple[list[Article], int]:
    """The articles of the benchmark documents, and how many documents segmentation refused
    (counted, not streamed or extracted)."""
    from sitroom.articles.segment import ArticleError, to_articles

    articles: list[Article] = []
    refused = 0
    for raw in raws:
        try:
            articles.extend(to_articles(raw))
        except ArticleError:
            refused += 1
    return articles, refused


def kind_of(source: str) -> str:
    """Which gold set a document's source path belongs to (for the per-kind counts)."""
    for name, marker in (
        ("polnear", "polnear"),
        ("lgl", "lgl.xml"),
        ("tbaq", "tbaq"),
        ("conll", "/ner/"),
        ("html", "trafilatura"),
    ):
        if marker in source:
            return name
    return "other"


def word_count(text: str) -> int:
    """Whitespace-separated words: the unit of every words/s figure."""
    return len(text.split())


def marked_copy(article: Article, copy: int) -> Article:
    """The article with a final marker line naming its copy number, so every copy has its
    own content id (appended, so the offsets of the original text stay valid)."""
    text = f"{article.text}\n[sitroom bench copy {copy}]"
    return replace(article, text=text, id=content_key(article.title, text))


__all__ = ["CorpusError", "KINDS", "kind_of", "marked_copy", "raw_documents", "word_count"]
