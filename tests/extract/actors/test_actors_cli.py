"""sitroom actors resolve: codes on a date, formats, one-line errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from sitroom.cli import app

runner = CliRunner()


def resolve(*args: str):
    return runner.invoke(app, ["actors", "resolve", *args])


def test_resolve_is_date_aware():
    before = json.loads(
        resolve("Ahmed al-Sharaa", "--date", "2020-01-01", "--format", "json").stdout
    )[0]
    after = json.loads(
        resolve("Ahmed al-Sharaa", "--date", "2026-01-01", "--format", "json").stdout
    )[0]
    assert (before["id"], before["country"], before["sector"]) == ("ahmed-al-sharaa", "SYR", "REB")
    assert (after["country"], after["sector"]) == ("SYR", "GOV")


def test_resolve_codes_unknown_names_compositionally():
    row = json.loads(resolve("Iraqi General Foo Bar", "--format", "json").stdout)[0]
    assert (row["country"], row["sector"], row["rule"]) == ("IRQ", "MIL", "actors.compositional")


def test_csv_output_has_a_header_and_the_actor():
    result = resolve("Daesh", "--format", "csv")
    header, row = result.stdout.splitlines()[:2]
    assert result.exit_code == 0 and header.startswith("text,date,id") and ",islamic-state," in row


def test_bad_date_and_unknown_text_are_one_line_errors():
    bad = resolve("Daesh", "--date", "2020-13-01")
    assert bad.exit_code == 2 and "--date" in bad.output and "Traceback" not in bad.output
    unknown = resolve("Quentin Blorbury")
    assert unknown.exit_code == 1 and "Quentin Blorbury" in unknown.output


def test_resolve_codes_names_the_old_base_refused():
    rows = {
        text: json.loads(resolve(text, "--format", "json").stdout)[0]
        for text in ("British", "Armenian Prime Minister", "Boko Haram")
    }
    assert (rows["British"]["country"], rows["British"]["kind"]) == ("GBR", "state")
    assert (
        rows["Armenian Prime Minister"]["country"],
        rows["Armenian Prime Minister"]["sector"],
    ) == (
        "ARM",
        "GOV",
    )
    assert rows["Boko Haram"]["kind"] == "armed_group"


def test_a_given_name_spelled_another_way_finds_the_person():
    row = json.loads(resolve("Alexander Lukashenko", "--format", "json").stdout)[0]
    assert (row["country"], row["sector"], row["rule"]) == ("BLR", "GOV", "actors.person-initial")
