"""``sitroom correct`` and ``sitroom corrections`` in process (Typer's runner) over a
hand-built store: actor commands, one-line errors and exit codes."""

from __future__ import annotations

import json

from corrbuild import build
from typer.testing import CliRunner

from sitroom.cli import app


def test_actor_commands_and_errors(tmp_path, monkeypatch):
    db = tmp_path / "c.duckdb"
    a, b = build(db)
    run = CliRunner().invoke
    monkeypatch.setenv("SITROOM_OPERATOR", "desk-9")
    merged = run(
        app,
        [
            "correct",
            "actor",
            "merge",
            "militia-leaders",
            "hill-militia",
            "--why",
            "same",
            "--db",
            str(db),
        ],
    )
    assert merged.exit_code == 0 and "merged_into None -> 'hill-militia'" in merged.stdout
    role = run(
        app,
        [
            "correct",
            "actor",
            "role",
            "hill-militia",
            "--country",
            "syr",
            "--sector",
            "reb",
            "--from",
            "2024-01-01",
            "--db",
            str(db),
        ],
    )
    assert role.exit_code == 0, role.output
    split = run(
        app,
        [
            "correct",
            "actor",
            "split",
            "hill-militia",
            "--into",
            "river-brigade",
            "--article",
            a.id,
            "--db",
            str(db),
        ],
    )
    assert split.exit_code == 0, split.output
    trail = json.loads(
        run(app, ["corrections", "list", "--db", str(db), "--format", "json"]).stdout
    )
    assert [(c["action"], c["operator"]) for c in trail] == [
        ("merge", "desk-9"),
        ("role", "desk-9"),
        ("split", "desk-9"),
    ]
    assert trail[1]["new"]["country"] == "SYR"

    bad_set = run(app, ["correct", "event", f"{a.id}-e1", "--set", "type", "--db", str(db)])
    assert bad_set.exit_code == 2 and "FIELD=VALUE" in bad_set.stderr
    both = run(app, ["correct", "event", f"{a.id}-e1", "--reject", "--confirm", "--db", str(db)])
    assert both.exit_code == 2
    unknown = run(app, ["correct", "claim", "no-such-claim", "--reject", "--db", str(db)])
    assert (
        unknown.exit_code == 1
        and unknown.stderr.strip() == "error: claim no-such-claim: no such claim in the store"
    )
    role_bad = run(
        app,
        [
            "correct",
            "actor",
            "role",
            "hill-militia",
            "--country",
            "SYR",
            "--from",
            "soon",
            "--db",
            str(db),
        ],
    )
    assert role_bad.exit_code == 1 and "not a date" in role_bad.stderr
    missing = run(app, ["corrections", "import", str(tmp_path / "absent.jsonl"), "--db", str(db)])
    assert missing.exit_code == 1 and "absent.jsonl: cannot read" in missing.stderr
    assert (
        len(json.loads(run(app, ["corrections", "list", "--db", str(db), "-f", "json"]).stdout))
        == 3
    )
