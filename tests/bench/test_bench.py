"""The benchmark's corpus builder and the JSON a tiny run prints (behaviour only: the
figures themselves are measurements, never asserted)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sitroom.bench.corpus import KINDS, kind_of, marked_copy, raw_documents, word_count
from sitroom.model import Article, content_key
from testpaths import SHARED, needs_shared

pytestmark = needs_shared(SHARED / "gold")


def test_small_limit_samples_every_kind_of_input():
    docs = list(raw_documents(SHARED, limit=len(KINDS) * 2))
    assert len(docs) == len(KINDS) * 2
    assert {kind_of(d.source) for d in docs} == set(KINDS)
    assert {d.media_type for d in docs} == {"text/plain", "text/html", "record"}


def test_documents_are_read_by_path_from_shared():
    for doc in raw_documents(SHARED, limit=10):
        assert str(SHARED) in doc.source
        assert doc.body.strip()


def test_tbaq_documents_are_stripped_of_timeml_tags():
    tbaq = [d for d in raw_documents(SHARED, limit=40) if kind_of(d.source) == "tbaq"]
    assert tbaq and all("<TIMEX3" not in d.body and "<EVENT" not in d.body for d in tbaq)


def test_conll_documents_are_split_at_docstart():
    conll = [d for d in raw_documents(SHARED, limit=60) if kind_of(d.source) == "conll"]
    assert len({d.source for d in conll}) == len(conll) > 1
    assert all("-DOCSTART-" not in d.body for d in conll)


def test_marked_copies_are_unique_and_keep_the_original_text():
    article = Article(id=content_key("T", "Body text."), source="x", text="Body text.", title="T")
    first, second = marked_copy(article, 0), marked_copy(article, 1)
    assert len({article.id, first.id, second.id}) == 3
    assert first.text.startswith(article.text) and "[sitroom bench copy 0]" in first.text


def test_word_count_counts_whitespace_words():
    assert word_count("  one two\nthree ") == 3


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    from sitroom.cli import app

    out = tmp_path_factory.mktemp("bench-out")
    result = CliRunner().invoke(
        app,
        [
            "bench",
            "--limit",
            "6",
            "--stream",
            "12",
            "--events-store",
            "2000",
            "--no-profile",
            "--shared",
            str(SHARED),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), out


def test_tiny_run_prints_every_figure(tiny_run):
    figures, out = tiny_run
    for key in (
        "articles_per_s",
        "words_per_s",
        "words_per_s_per_core",
        "peak_rss_mb",
        "spacy_full_words_per_s",
        "spacy_ner_words_per_s",
        "ratio_to_spacy",
        "stage_share",
        "ratio_to_spacy_cpu",
        "words_per_cpu_s",
    ):
        assert key in figures
    assert figures["articles"] >= 6 and figures["words"] > 0
    assert set(figures["stage_share"]) == {"read", "segment", "nlp_extract", "store"}
    assert abs(sum(figures["stage_share"].values()) - 1) < 0.01
    assert (
        set(figures["stage_cpu_seconds"]) == set(figures["stage_share"])
        and figures["cpu_seconds"] > 0
    )
    assert figures["articles_stored"] == figures["articles"]
    assert figures["spacy_ner"]["components"] == ["ner"]
    assert (
        "ner" in figures["spacy_full"]["components"]
        and "parser" in figures["spacy_full"]["components"]
    )
    assert json.loads((out / "bench.json").read_text()) == figures


def test_tiny_run_streams_marked_copies_with_rss_samples(tiny_run):
    stream = tiny_run[0]["stream"]
    assert stream["articles"] == 12
    assert "marker line" in stream["input"]
    assert stream["rss_samples"] and all(s["rss_mb"] > 0 for s in stream["rss_samples"])


def test_tiny_run_times_the_web_queries(tiny_run):
    queries = tiny_run[0]["events_store"]["queries"]
    assert {"timeline", "filter_list", "filter_count"} <= set(queries)
    assert queries["timeline"]["rows"] > 0
    assert all(q["p95_ms"] >= q["p50_ms"] > 0 for q in queries.values())
