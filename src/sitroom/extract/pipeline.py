"""Runs the spaCy pipeline over articles and yields their extractions.

This is the only way articles become extractions: the CLI, the server's ingest, ``eval``,
the benchmark and the Spark job all call ``extract_articles``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

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
    ``doc._.extraction``; the registered sitroom components fill it in. Each batch runs
    inside ``nlp.memory_zone()``: the strings, lexemes and tokenizer cache entries its
    texts add are freed once the batch is done, so a long stream does not grow the
    vocabulary with every new word. The Extractions hold plain Python values only, so
    they outlive the zone; the batches ``nlp.pipe`` sees are the same as without it.
    """
    nlp = nlp or get_nlp()
    it = iter(articles)
    while batch := list(islice(it, batch_size)):
        with nlp.memory_zone():
            done = [doc._.extraction for doc in nlp.pipe(_docs(nlp, batch), batch_size=batch_size, n_process=n_process)]
        yield from done


def _docs(nlp: Language, articles: list[Article]) -> Iterator:
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.extraction = Extraction(article=article)
        yield doc
