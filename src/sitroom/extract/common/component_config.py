"""The ``default_config`` every sitroom extractor declares: its thresholds and its rule table.

An extractor's tunables are the settings named ``<extractor>.*`` in ``sitroom.settings``;
its rule scores are its ``data/rules.csv``. Declaring both as the factory's config makes
them visible the spaCy way (``nlp.get_pipe_meta(name).default_config``, ``config.cfg``) and
settable the spaCy way (``nlp.add_pipe("sitroom_actors", config={"thresholds":
{"actors.fuzzy_cutoff": 85}})``).

A config value equal to the registry's default changes nothing, so ``sitroom --set`` given
on the command line is not undone when the pipeline is built; a value that differs becomes
the value in force for the process, as if given with ``--set``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitroom import settings
from sitroom.extract.common import rule_table


def default_config(extractor: str) -> dict[str, Any]:
    """``{"thresholds": {name: default}, "rule_table": ""}``; an empty ``rule_table`` means
    the table shipped beside the extractor's code."""
    prefix = f"{extractor}."
    return {
        "thresholds": {
            name: s.default for name, s in settings.SETTINGS.items() if name.startswith(prefix)
        },
        "rule_table": "",
    }


def apply(extractor: str, thresholds: dict[str, Any], rule_table_path: str) -> None:
    """Make a factory's config the values in force (see the module docstring)."""
    prefix = f"{extractor}."
    foreign = sorted(name for name in thresholds if not name.startswith(prefix))
    if foreign:
        raise settings.SettingError(f"not settings of {extractor}: {', '.join(foreign)}")
    changed = {name: v for name, v in thresholds.items() if v != settings.declared(name).default}
    if changed:
        settings.override(changed)
    if rule_table_path:
        rule_table.use_table(extractor, Path(rule_table_path))
