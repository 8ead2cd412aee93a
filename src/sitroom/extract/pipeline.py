"""Runs the spaCy pipeline over articles and yields their extractions.

This is the only way articles become extractions: the CLI, the server's ingest, ``eval``,
the benchmark and the Spark job all call ``extract_articles``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from sitroom.model import Article, Extraction
from sitroom.nlp.pipeline import get_nlp


def extract_articles(
    articles: Iterable[Article],
    nlp: Language | None = None,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[Extraction]:
    """Stream extractions, one per article, in input order.

    Each article's text becomes a Doc carrying an empty ``Extraction`` on
    ``doc._.extraction``; the registered sitroom components fill it in.
    """
    nlp = nlp or get_nlp()

    def docs() -> Iterator:
        for article in articles:
            doc = nlp.make_doc(article.text)
            doc._.extraction = Extraction(article=article)
            yield doc

    for doc in nlp.pipe(docs(), batch_size=batch_size, n_process=n_process):
        yield doc._.extraction
