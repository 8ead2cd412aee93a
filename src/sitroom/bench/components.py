"""Time per pipeline component: which part of the NLP + extract stage to optimise next.

``nlp.pipe`` runs every component on one batch before the next batch, so its time is not
split by component. Here the same Docs go through the components one at a time, each over
the whole batch list with its own ``pipe`` (or ``__call__``), which spaCy's own loop does
too; the Docs carry the article's ``Extraction`` as in ``extract_articles``.
"""

from __future__ import annotations

import time
from typing import Any

from sitroom.bench.corpus import word_count
from sitroom.extract.pipeline import get_nlp
from sitroom.model import Article, Extraction


def component_seconds(articles: list[Article], batch_size: int) -> dict[str, Any]:
    """Seconds and share of the stage per component (tokenizer as ``make_doc``) over
    ``articles``; sitroom's components are the ``sitroom_*`` ones."""
    nlp = get_nlp()
    clock = time.perf_counter
    start = clock()
    docs = []
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.extraction = Extraction(article=article)
        docs.append(doc)
    seconds = {"make_doc": clock() - start}
    for name, component in nlp.pipeline:
        start = clock()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=batch_size))
        else:
            docs = [component(doc) for doc in docs]
        seconds[name] = clock() - start
    total = sum(seconds.values())
    own = sum(v for k, v in seconds.items() if k.startswith("sitroom_"))
    return {
        "articles": len(articles),
        "words": sum(word_count(a.text) for a in articles),
        "seconds": {k: round(v, 2) for k, v in seconds.items()},
        "share": {k: round(v / total, 3) for k, v in seconds.items()} if total else {},
        "sitroom_components_share": round(own / total, 3) if total else 0.0,
    }
