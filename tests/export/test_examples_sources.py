"""Sources counted right on the example corpus: the AFP story syndicated by three outlets is
one original source, and so is the edited re-publication of the Levant Ledger story."""

from __future__ import annotations

from exportcases import AFP_COPIES, NEAR_DUPLICATE, source_suffix
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.store import reading
from testpaths import EXAMPLES


def _articles(con, wanted: tuple[str, ...]) -> dict[str, tuple]:
    found = {
        source_suffix(r[0]): r[1:]
        for r in con.execute(
            "SELECT source, id, wire, copy_of, source_key FROM articles"
        ).fetchall()
    }
    return {s: found[s] for s in wanted}


def _shared_clusters(con, article_ids: list[str]) -> list[tuple]:
    return con.execute(
        "SELECT k.cluster_id, k.sources, k.independent_sources, k.articles FROM event_clusters k "
        "WHERE len(list_intersect(k.articles, ?::VARCHAR[])) = len(?::VARCHAR[])",
        [article_ids, article_ids],
    ).fetchall()


def test_the_afp_story_syndicated_by_three_outlets_is_one_original_source(examples_db):
    with reading(examples_db) as con:
        copies = _articles(con, AFP_COPIES)
        assert {key for _id, _wire, _copy, key in copies.values()} == {"wire:AFP"}
        assert all(wire == "AFP" for _id, wire, _copy, _key in copies.values())
        ids = [v[0] for v in copies.values()]
        shared = _shared_clusters(con, ids)
        events_per_copy = con.execute(
            "SELECT min(n) FROM (SELECT count(*) AS n FROM events "
            "WHERE article_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY article_id)",
            [ids],
        ).fetchall()[0][0]
    assert events_per_copy >= 1
    # every event the story yields is one cluster holding all three copies, resting on one source
    assert len(shared) == events_per_copy
    assert {(srcs, independent) for _cid, srcs, independent, _a in shared} == {(3, 1)}


def test_the_edited_republication_is_the_same_source_as_its_original(examples_db):
    with reading(examples_db) as con:
        (orig_id, _, _, orig_key), (copy_id, _, copy_of, copy_key) = _articles(
            con, NEAR_DUPLICATE
        ).values()
        shared = _shared_clusters(con, [orig_id, copy_id])
    assert copy_of == orig_id and copy_key == orig_key
    assert shared, "the re-published story's events joined the original's clusters"
    assert {(srcs, independent) for _cid, srcs, independent, _a in shared} == {(2, 1)}


def test_no_cluster_holds_two_events_of_one_article_and_sources_bound_independent_ones(examples_db):
    with reading(examples_db) as con:
        assert con.execute(
            "SELECT count(*) FROM event_clusters WHERE events <> sources"
        ).fetchall() == [(0,)]
        assert con.execute(
            "SELECT count(*) FROM event_clusters WHERE independent_sources > sources "
            "OR independent_sources < 1"
        ).fetchall() == [(0,)]
        assert con.execute("SELECT count(*) FROM events WHERE cluster_id IS NULL").fetchall() == [
            (0,)
        ]
        assert con.execute("SELECT count(*) FROM articles WHERE source_key IS NULL").fetchall() == [
            (0,)
        ]


def test_reingesting_the_examples_adds_no_event_and_no_cluster(examples_db):
    def counts() -> tuple:
        with reading(examples_db) as con:
            return con.execute(
                "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM event_clusters), "
                "(SELECT sum(independent_sources) FROM event_clusters)"
            ).fetchall()[0]

    before = counts()
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", str(examples_db), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "0 new" in result.output
    assert counts() == before
