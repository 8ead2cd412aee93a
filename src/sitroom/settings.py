"""Every threshold sitroom uses, declared once: name, default, and one line saying why.

A stage never keeps a tuning constant of its own; it asks this registry for the value
(``value("link.copy_threshold")``) when it needs it, so an operator can change any of
them without editing code:

- from the command line, ``sitroom --set link.copy_threshold=0.8 ingest ...``;
- from a config file, ``sitroom --config my.cfg ...``, whose ``[settings]`` section holds
  ``name = value`` lines (the same file may hold the spaCy ``[components.*]`` sections);
- the spaCy components take theirs through ``default_config``, which is filled from here,
  so ``nlp.add_pipe("sitroom_events", config={...})`` works as with any spaCy component.

``docs/settings.md`` is generated from this table (``python -m sitroom.settings``) and a
test keeps the two equal.
"""

from __future__ import annotations

import configparser
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

Value = float | int | str | bool


@dataclass(frozen=True)
class Setting:
    """One tunable value: ``stage.what`` name, its default, and why it has that default."""

    name: str
    default: Value
    why: str


class SettingError(ValueError):
    """An unknown setting name or a value of the wrong type."""


_DECLARED: tuple[Setting, ...] = (
    # --- extract ---
    # --- link ---
    # --- store ---
    # --- query ---
)

SETTINGS: dict[str, Setting] = {s.name: s for s in _DECLARED}
_overrides: dict[str, Value] = {}


def declared(name: str) -> Setting:
    try:
        return SETTINGS[name]
    except KeyError:
        raise SettingError(f"unknown setting {name!r} (see docs/settings.md)") from None


def value(name: str) -> Value:
    """The value in force: an override if one was set, else the default."""
    return _overrides.get(name, declared(name).default)


def number(name: str) -> float:
    """``value(name)`` for a numeric setting, typed for arithmetic."""
    found = value(name)
    if isinstance(found, bool) or not isinstance(found, int | float):
        raise SettingError(f"setting {name!r} is not a number")
    return float(found)


def integer(name: str) -> int:
    found = value(name)
    if isinstance(found, bool) or not isinstance(found, int):
        raise SettingError(f"setting {name!r} is not an integer")
    return found


def parse(name: str, text: str) -> Value:
    """``text`` read as the type of the setting's default."""
    default = declared(name).default
    try:
        if isinstance(default, bool):
            if text.lower() not in {"true", "false", "1", "0", "yes", "no"}:
                raise ValueError(text)
            return text.lower() in {"true", "1", "yes"}
        if isinstance(default, int):
            return int(text)
        if isinstance(default, float):
            return float(text)
    except ValueError:
        raise SettingError(
            f"setting {name!r} wants a {type(default).__name__}, got {text!r}"
        ) from None
    return text


def override(pairs: Mapping[str, Value]) -> None:
    """Set values for this process (checked against the registry first, all or nothing)."""
    checked = {name: parse(name, str(v)) if isinstance(v, str) else v for name, v in pairs.items()}
    for name in checked:
        declared(name)
    _overrides.update(checked)


def override_from_text(assignments: Iterable[str]) -> None:
    """``name=value`` strings as given to ``sitroom --set``."""
    pairs: dict[str, Value] = {}
    for item in assignments:
        name, sep, text = item.partition("=")
        if not sep:
            raise SettingError(f"--set wants name=value, got {item!r}")
        pairs[name.strip()] = parse(name.strip(), text.strip())
    override(pairs)


def override_from_config(path: Path) -> None:
    """The ``[settings]`` section of a config file (other sections are left to spaCy)."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        raise SettingError(f"{path}: cannot read config: {exc}") from None
    if parser.has_section("settings"):
        override_from_text(f"{k}={v}" for k, v in parser.items("settings"))


def reset() -> None:
    """Back to the defaults (tests)."""
    _overrides.clear()


def markdown_table() -> str:
    """The docs page listing every setting, generated from the registry."""
    lines = [
        "# Settings",
        "",
        "Every threshold sitroom uses, generated from `src/sitroom/settings.py` by",
        "`python -m sitroom.settings > docs/settings.md`. Override one with",
        "`sitroom --set NAME=VALUE ...` or in the `[settings]` section of `sitroom --config FILE`.",
        "",
        "| name | default | why |",
        "|---|---|---|",
    ]
    lines += [
        f"| `{s.name}` | `{s.default}` | {s.why} |"
        for s in sorted(SETTINGS.values(), key=lambda s: s.name)
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown_table())
