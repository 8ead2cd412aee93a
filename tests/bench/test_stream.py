"""The streaming memory test on a tiny input: its report, its own process, its failures
(behaviour only: no memory or time threshold is asserted)."""

from __future__ import annotations

import os

import pytest

from sitroom.bench.memory import slope_error_mb_per_1000, slope_mb_per_1000
from sitroom.bench.stream import StreamError, run_stream
from sitroom.model import Article, content_key

TEXTS = [
    (
        "Minister visits port",
        "The transport minister visited the port of Tartus on Monday and promised new cranes "
        "for the container terminal, officials said.",
    ),
    (
        "Talks resume",
        "Negotiators from both parties met again in Geneva on Tuesday, a spokesman for the "
        "mediators told reporters after the first session.",
    ),
    (
        "Floods close roads",
        "Heavy rain closed three roads north of the capital on Wednesday, the civil defence "
        "agency said, and two villages were cut off for hours.",
    ),
]


def _articles() -> list[Article]:
    return [
        Article(
            id=content_key(title, text),
            source=f"test#{n}",
            text=text,
            title=title,
            language="en",
            published="2024-03-04",
        )
        for n, (title, text) in enumerate(TEXTS)
    ]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    db = tmp_path_factory.mktemp("stream") / "stream.duckdb"
    return run_stream(_articles(), 7, db, processes=1, batch_size=2)


def test_stream_runs_in_a_process_of_its_own(report):
    assert report["pid"] != os.getpid()
    assert "own spawned process" in report["process"]


def test_stream_stores_every_marked_copy(report):
    assert report["articles"] == report["articles_stored"] == 7
    assert "marker line" in report["input"]


def test_stream_report_has_every_figure(report):
    for key in (
        "articles_per_s",
        "words_per_s",
        "seconds",
        "model_load_seconds_excluded",
        "rss_mb_at_start",
        "rss_mb_after_model_load",
        "peak_rss_mb",
        "rss_growth_mb_after_warmup",
        "rss_slope_mb_per_1000_articles",
        "rss_slope_stderr_mb_per_1000_articles",
    ):
        assert isinstance(report[key], (int, float)), key
    assert set(report["verdict"]) == {"peak_within_limit", "flat", "rule"}
    samples = report["rss_samples"]
    assert samples[0]["articles"] == 0 and samples[-1]["articles"] == 7
    assert [s["articles"] for s in samples] == sorted({s["articles"] for s in samples})
    assert all(s["rss_mb"] > 0 for s in samples)
    assert report["peak_rss_mb"] >= max(s["rss_mb"] for s in samples)


def test_a_stream_that_cannot_open_its_store_fails_with_the_reason(tmp_path):
    with pytest.raises(StreamError, match="stream process failed"):
        run_stream(
            _articles(), 2, tmp_path, processes=1, batch_size=2
        )  # a directory, not a store file


def test_slope_is_megabytes_per_thousand_articles():
    samples = [{"articles": n, "rss_mb": 500 + 0.004 * n} for n in range(0, 5000, 500)]
    assert slope_mb_per_1000(samples) == pytest.approx(4.0)
    assert slope_mb_per_1000(samples[:1]) == 0.0


def test_slope_error_is_the_standard_error_of_the_least_squares_slope():
    # y = 0, 10, 2 at x = 0, 1000, 2000: fit 3 + 0.001x, residuals -3, 6, -3, Sxx = 2e6
    samples = [{"articles": x, "rss_mb": y} for x, y in ((0, 0.0), (1000, 10.0), (2000, 2.0))]
    assert slope_mb_per_1000(samples) == pytest.approx(1.0)
    assert slope_error_mb_per_1000(samples) == pytest.approx((54 / 2e6) ** 0.5 * 1000, abs=0.01)
    linear = [{"articles": n, "rss_mb": 500 + 0.004 * n} for n in range(0, 5000, 500)]
    assert slope_error_mb_per_1000(linear) == pytest.approx(0.0, abs=1e-6)
    assert slope_error_mb_per_1000(samples[:2]) == 0.0
