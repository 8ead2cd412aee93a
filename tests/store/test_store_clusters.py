"""Event clusters across articles and independent-source counting, on the real DuckDB file.

Extractions are built by hand (texts written for these tests) so each test controls exactly
which fields two reports share."""

from __future__ import annotations

import pytest
from storebuild import article, word_salad

from sitroom import settings
from sitroom.model import (
    Claim,
    ClaimDate,
    Event,
    EventDate,
    Evidence,
    Explanation,
    Extraction,
    Location,
    Participant,
    Place,
)
from sitroom.query import clusters as cluster_queries
from sitroom.query import queries
from sitroom.store import Store, clusters, reading

WHY = Explanation(rule="test.hand-built", score=0.8)
TOWN = Place(
    id="geonames:1",
    name="Rivertown",
    feature_class="P",
    feature_code="PPL",
    country="IRQ",
    lat=33.30,
    lon=44.40,
)
NEAR_TOWN = Place(
    id="geonames:2",
    name="Rivertown outskirts",
    feature_class="P",
    feature_code="PPL",
    country="IRQ",
    lat=33.35,
    lon=44.45,
)
FAR_TOWN = Place(
    id="geonames:3",
    name="Hilltown",
    feature_class="P",
    feature_code="PPL",
    country="IRQ",
    lat=36.34,
    lon=43.13,
)

STRIKE = (
    "Warplanes struck a depot in Rivertown on Sunday, destroying fuel tanks and two trucks, "
    "residents said. A local official said the raid lasted about ten minutes and that fire crews "
    "worked through the night. "
)
OTHER_REPORT = (
    "An air raid hit a fuel depot on the edge of Rivertown on Sunday, according to witnesses "
    "reached by phone. Nobody claimed the attack and the provincial council called an emergency "
    "meeting for Monday morning. "
)


def report(
    text: str,
    *,
    site: str,
    seed: int,
    event: dict,
    published: str = "2024-05-06",
    author: str | None = None,
    place: Place = TOWN,
    claims: list[Claim] | None = None,
) -> Extraction:
    """One article (its own body unless ``text`` is shared) carrying one event."""
    a = article(
        text + word_salad(seed, 60) if seed else text,
        title=f"Report {site} {seed}",
        published=published,
        source=f"{site}.html",
    )
    a.site, a.author = site, author
    fields = {
        "id": f"ev-{seed}",
        "type": "ASSAULT",
        "mode": "aerial",
        "quad": 4,
        "modality": "asserted",
        "actors": [Participant("air-force", "IRQ", "MIL")],
        "recipients": [Participant("militia", "IRQ", "REB")],
        "location": Location(place.id, place.name, geo_precision=1),
        "date": EventDate("2024-05-05", "day", "Sunday"),
        "evidence": Evidence(0, 60, a.text[:60]),
        "explanation": WHY,
        **event,
    }
    return Extraction(article=a, places=[place], events=[Event(**fields)], claims=claims or [])


def rows(path, sql: str, params: list | None = None) -> list[tuple]:
    with reading(path) as con:
        return con.execute(sql, params or []).fetchall()


def cluster_of(path, article_id: str) -> str:
    return rows(path, "SELECT cluster_id FROM events WHERE article_id = ?", [article_id])[0][0]


def test_two_outlets_reporting_one_strike_share_a_cluster_and_count_two_sources(db_path):
    a = report(STRIKE, site="one.example", seed=1, event={})
    b = report(
        OTHER_REPORT,
        site="two.example",
        seed=2,
        event={"location": Location(NEAR_TOWN.id, NEAR_TOWN.name, geo_precision=1)},
        place=NEAR_TOWN,
    )
    Store(db_path).write([a, b])
    assert cluster_of(db_path, a.article.id) == cluster_of(db_path, b.article.id)
    ((events, srcs, independent),) = rows(
        db_path,
        "SELECT events, sources, independent_sources FROM event_clusters WHERE cluster_id = ?",
        [cluster_of(db_path, a.article.id)],
    )
    assert (events, srcs, independent) == (2, 2, 2)


@pytest.mark.parametrize(
    "change",
    [
        {"type": "PROTEST", "mode": None},  # another kind of happening
        {"modality": "planned"},  # announced, not done
        {"mode": "drone"},  # other means
        {"date": EventDate("2024-03-02", "day", "March 2")},  # two months apart
        {"location": Location(FAR_TOWN.id, FAR_TOWN.name, geo_precision=1)},  # 350 km away
        {
            "actors": [Participant("police", "IRQ", "COP")],
            "recipients": [Participant("smugglers", "IRQ", "CRM")],
            "location": None,
        },  # other parties, no shared place
    ],
)
def test_reports_that_differ_in_what_when_where_or_who_stay_apart(db_path, change):
    a = report(STRIKE, site="one.example", seed=1, event={})
    b = report(
        OTHER_REPORT,
        site="two.example",
        seed=2,
        event=change,
        place=FAR_TOWN if "location" in change else TOWN,
    )
    Store(db_path).write([a, b])
    assert cluster_of(db_path, a.article.id) != cluster_of(db_path, b.article.id)


def test_reingesting_adds_no_event_and_no_cluster_and_ids_are_stable(db_path, tmp_path):
    batch = [
        report(STRIKE, site="one.example", seed=1, event={}),
        report(OTHER_REPORT, site="two.example", seed=2, event={}),
    ]
    store = Store(db_path)
    store.write(batch)
    before = rows(db_path, "SELECT article_id, id, cluster_id FROM events ORDER BY 1, 2")
    report_ = store.write(batch)
    assert report_.new == 0 and report_.duplicate == 2
    assert rows(db_path, "SELECT article_id, id, cluster_id FROM events ORDER BY 1, 2") == before
    assert rows(db_path, "SELECT count(*) FROM event_clusters") == [(1,)]
    rebuilt = tmp_path / "rebuilt.duckdb"
    Store(rebuilt).write(batch)
    assert rows(rebuilt, "SELECT article_id, id, cluster_id FROM events ORDER BY 1, 2") == before


def test_a_republished_story_adds_a_source_not_an_event(db_path):
    original = report(STRIKE, site="one.example", seed=3, event={})
    edited = STRIKE.replace("residents said", "residents told reporters")
    copy = report(
        edited,
        site="copycat.example",
        seed=3,
        event={"id": "ev-copy", "date": EventDate(None)},
        published="2024-05-09",
    )
    Store(db_path).write([original])
    Store(db_path).write([copy])
    ((duplicate_of, copy_of, key),) = rows(
        db_path,
        "SELECT duplicate_of, copy_of, source_key FROM articles WHERE id = ?",
        [copy.article.id],
    )
    assert duplicate_of == original.article.id == copy_of
    assert key == "site:one.example"
    assert rows(
        db_path, "SELECT count(*), sum(sources), sum(independent_sources) FROM event_clusters"
    ) == [(1, 2, 1)]


def test_an_edited_republication_below_the_near_duplicate_threshold_is_still_one_source(db_path):
    original = report(STRIKE + OTHER_REPORT, site="one.example", seed=0, event={})
    half = (
        STRIKE + "Officials gave no figure for casualties and said an inquiry had been opened "
        "into the raid."
    )
    copy = report(half, site="two.example", seed=0, event={"id": "ev-half"})
    Store(db_path).write([original, copy])
    ((duplicate_of, copy_of, rule),) = rows(
        db_path,
        "SELECT duplicate_of, copy_of, source_rule FROM articles WHERE id = ?",
        [copy.article.id],
    )
    assert (
        duplicate_of is None and copy_of == original.article.id and rule.startswith("similar-text:")
    )
    assert rows(db_path, "SELECT sources, independent_sources FROM event_clusters") == [(2, 1)]


@pytest.fixture
def small_signature_blocks():
    settings.override({"store.signature_block": 2})
    yield
    settings.reset()


def test_a_later_copy_dated_otherwise_finds_its_stored_original_across_signature_blocks(
    db_path, small_signature_blocks
):
    """Only the copy search can bring the original in (no near-duplicate link, dates two
    months apart), and it reads the window's stored signatures one block at a time."""
    elsewhere = {"location": Location(FAR_TOWN.id, FAR_TOWN.name, geo_precision=1)}
    others = [
        report(
            OTHER_REPORT,
            site=f"other{n}.example",
            seed=10 + n,
            place=FAR_TOWN,
            event={**elsewhere, "date": EventDate(f"2024-01-{10 + 3 * n}", "day")},
        )
        for n in range(5)
    ]
    original = report(STRIKE + OTHER_REPORT, site="one.example", seed=0, event={})
    Store(db_path).write([*others[:3], original, *others[3:]])
    half = (
        STRIKE + "Officials gave no figure for casualties and said an inquiry had been opened "
        "into the raid."
    )
    copy = report(
        half,
        site="two.example",
        seed=0,
        event={"id": "ev-half", "date": EventDate("2024-03-03", "day")},
    )
    Store(db_path).write([copy])
    assert rows(db_path, "SELECT duplicate_of FROM articles WHERE id = ?", [copy.article.id]) == [
        (None,)
    ]
    assert cluster_of(db_path, copy.article.id) == cluster_of(db_path, original.article.id)
    assert all(
        cluster_of(db_path, o.article.id) != cluster_of(db_path, original.article.id)
        for o in others
    )


def test_two_outlets_running_different_cuts_of_one_wire_story_count_one_independent_source(db_path):
    a = report("BAGHDAD (AFP) — " + STRIKE, site="one.example", seed=4, event={})
    b = report("BAGHDAD (AFP) — " + OTHER_REPORT, site="two.example", seed=5, event={})
    c = report(OTHER_REPORT, site="three.example", seed=6, event={})
    Store(db_path).write([a, b, c])
    keys = dict(rows(db_path, "SELECT site, source_key FROM articles"))
    assert keys == {
        "one.example": "wire:AFP",
        "two.example": "wire:AFP",
        "three.example": "site:three.example",
    }
    assert rows(db_path, "SELECT sources, independent_sources FROM event_clusters") == [(3, 2)]


def test_claims_say_how_many_independent_sources_state_them(db_path):
    def claim(seed: int) -> Claim:
        return Claim(
            id=f"cl-{seed}",
            subject="fuel tanks",
            subject_key="depot/tanks/IRQ",
            low=12,
            high=12,
            unit="tanks",
            date=ClaimDate("2024-05", "month"),
            explanation=WHY,
        )

    a = report("BAGHDAD (AFP) — " + STRIKE, site="one.example", seed=4, event={}, claims=[claim(1)])
    b = report(
        "BAGHDAD (AFP) — " + OTHER_REPORT, site="two.example", seed=5, event={}, claims=[claim(2)]
    )
    c = report(OTHER_REPORT, site="three.example", seed=6, event={}, claims=[claim(3)])
    Store(db_path).write([a, b, c])
    with reading(db_path) as con:
        found = queries.fetch(con, cluster_queries.claims(subject_key="depot/tanks/IRQ"))
    assert [(r["claim_sources"], r["claim_independent_sources"]) for r in found] == [(3, 2)] * 3


def test_a_store_from_before_clusters_is_clustered_when_next_opened_for_writing(db_path):
    a = report(STRIKE, site="one.example", seed=1, event={})
    b = report(OTHER_REPORT, site="two.example", seed=2, event={})
    Store(db_path).write([a, b])
    import duckdb

    con = duckdb.connect(str(db_path))
    con.execute("UPDATE events SET cluster_id = NULL")
    con.execute("UPDATE articles SET source_key = NULL, source_rule = NULL")
    con.close()
    Store(db_path)
    assert rows(db_path, "SELECT count(*) FROM events WHERE cluster_id IS NULL") == [(0,)]
    assert rows(db_path, "SELECT sources, independent_sources FROM event_clusters") == [(2, 2)]


def test_a_big_story_is_met_through_its_earliest_and_latest_reports_and_still_joined(
    db_path, monkeypatch
):
    store = Store(db_path)
    reports = [report(STRIKE, site=f"outlet{n}.example", seed=n, event={}) for n in range(1, 14)]
    for x in reports[:-1]:  # one write each: every report joins the story as it arrives
        store.write([x])
    met: list[int] = []
    load = clusters._load

    def counting(con, first):
        pending, candidates, copied = load(con, first)
        met.append(len(candidates))
        return pending, candidates, copied

    monkeypatch.setattr(clusters, "_load", counting)
    store.write([reports[-1]])
    story = {cluster_of(db_path, x.article.id) for x in reports}
    assert len(story) == 1  # twelve earlier reports, one cluster, and the thirteenth joins it
    assert met == [
        2 * settings.integer("store.cluster_sample")
    ]  # of twelve members it met the first and last four
