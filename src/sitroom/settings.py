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
    Setting(
        "actors.fuzzy_cutoff",
        90,
        "Least rapidfuzz ratio (0-100) for a near spelling of a KB name to count as that actor.",
    ),
    Setting(
        "actors.spelling_cutoff",
        85,
        "Least rapidfuzz ratio for another transliteration of a KB name of two words or more "
        "(same first letter, same start of the last word) to count as that actor.",
    ),
    Setting(
        "actors.fuzzy_min_chars",
        6,
        "Shortest normalised name matched by near spelling: short names are too alike to guess.",
    ),
    Setting(
        "actors.max_aliases",
        25,
        "Aliases kept on an actor record: the store and the page list them; the KB keeps all.",
    ),
    Setting(
        "actors.title_prefix_words",
        5,
        "Words before a person's name read as a title giving a role (Iraqi Defence Minister X).",
    ),
    Setting(
        "actors.appositive_words",
        14,
        "Longest appositive after a person's name read as a role (, head of Central Command,).",
    ),
    Setting(
        "times.tense_window_months",
        8,
        "Months from publication within which the verb's tense picks a yearless date's year.",
    ),
    Setting(
        "times.tense_climb",
        3,
        "Parse steps from a date up to the verb whose tense directs it (date, preposition, verb).",
    ),
    Setting(
        "places.min_cued_population",
        1000,
        "Least population of a place found by a locative cue alone: hamlets share surnames' names.",
    ),
    Setting(
        "places.dateline_weight",
        2.0,
        "How many times a dateline place counts in a document's geography against a body mention.",
    ),
    Setting(
        "places.context_passes",
        2,
        "Re-resolution passes using the other toponyms' choices, after the first on priors alone.",
    ),
    Setting(
        "claims.subject_window",
        5,
        "Tokens after a number within which the noun it counts must start.",
    ),
    Setting(
        "claims.quote_reach",
        80,
        "Characters between a quotation and the reporting verb that frames it (he said).",
    ),
    Setting(
        "claims.subject_borrow_depth",
        3,
        "Coordinated reporting verbs a subjectless one may climb for its source (and said).",
    ),
    Setting(
        "claims.speaker_label_words",
        4,
        "Longest speaker label before a colon opening a line (PENCE: ...).",
    ),
    Setting(
        "claims.signature_words",
        5,
        "Longest name read after a dash that follows a quotation (― Name).",
    ),
    Setting(
        "claims.document_window",
        4,
        "Sentences within which it still means the latest report cited.",
    ),
    Setting(
        "claims.cataphora_window",
        2,
        "Sentences within which an anonymous lede source may be named by a later frame.",
    ),
    Setting(
        "events.detect.confident",
        0.7,
        "Lexicon rule score from which a trigger is typed without asking the sentence classifier.",
    ),
    Setting(
        "events.detect.model_top_k",
        3,
        "An unsure trigger survives when its type is among the classifier's first K choices.",
    ),
    Setting(
        "events.clause_climb",
        8,
        "Parse steps an event noun may climb to the verb that governs its clause.",
    ),
    Setting(
        "events.subject_borrow_depth",
        3,
        "Clauses up the parse a subjectless verb may borrow its actor from (vowed to attack).",
    ),
    Setting(
        "events.place_role_climb",
        6,
        "Parse steps read above a place mention to decide if it locates, is acted on, or acts.",
    ),
    Setting(
        "events.anaphor_sentences",
        2,
        "Following sentences searched for a definite re-mention that locates an unlocated event.",
    ),
    Setting(
        "events.historical_days",
        183,
        "Days before publication after which a dated event is background, not news.",
    ),
    Setting(
        "events.headline_share",
        0.6,
        "Share of capitalised words from which a sentence is a headline, re-read sentence-cased.",
    ),
    Setting(
        "events.learned.role_min",
        0.3,
        "Role-model probability from which its actor or recipient replaces the rules' reading.",
    ),
    # --- link ---
    Setting(
        "link.neardup_threshold",
        0.7,
        "Shingle similarity at which a body re-publishes one: an edited paragraph in ten links.",
    ),
    Setting(
        "link.minhash_permutations",
        128,
        "MinHash signature length: longer estimates closer, costs more; stored ones must match.",
    ),
    Setting(
        "link.shingle_words",
        3,
        "Words per shingle: shared shingles then mean shared phrasing, yet an edit spares most.",
    ),
    Setting(
        "link.min_shingles",
        8,
        "Bodies with fewer shingles are too short for similarity to mean anything.",
    ),
    Setting(
        "link.copy_threshold",
        0.4,
        "Similarity at which two reports of one event are one text (only same-cluster pairs).",
    ),
    Setting(
        "link.wire_lead_chars",
        300,
        "Characters at the start of a body searched for a wire dateline such as 'BAGHDAD (AFP) —'.",
    ),
    Setting(
        "link.wire_tail_chars",
        300,
        "Characters at the end of a body searched for a wire sign-off such as '— AFP'.",
    ),
    Setting(
        "link.cluster_near_km",
        50.0,
        "Two geocoded points closer than this are one place (a town and its outskirts).",
    ),
    Setting(
        "link.cluster_far_km",
        150.0,
        "Two point locations further apart than this are different happenings.",
    ),
    Setting(
        "link.cluster_evidence_ratio",
        90.0,
        "Least token_set_ratio of two evidence sentences to merge events on text alone.",
    ),
    Setting(
        "link.cluster_copy_evidence_ratio",
        80.0,
        "Least evidence token_set_ratio for copied articles' events: a copy adds a source.",
    ),
    Setting(
        "link.cluster_min_evidence_chars",
        40,
        "Shorter evidence ('killed', 'fighting') says too little to merge events on text alone.",
    ),
    Setting(
        "link.cluster_fallback_days",
        7,
        "An event whose text gives no date happened up to this many days before publication.",
    ),
    Setting(
        "link.cluster_day_slack",
        1,
        "Days two dates may miss by: time zones or a day's delay resolve 'Sunday' a day apart.",
    ),
    # --- store ---
    Setting(
        "store.wait_s",
        30.0,
        "Seconds to wait for another process's lock: a commit takes under one, so only if stuck.",
    ),
    Setting(
        "store.lock_retry_first_s",
        0.01,
        "First pause before retrying a locked store file: a commit is often over by then.",
    ),
    Setting(
        "store.lock_retry_max_s",
        0.1,
        "Longest pause between retries of a locked file (pauses double up to it).",
    ),
    Setting(
        "store.write_batch_size",
        64,
        "Articles per write transaction: a failure loses only its batch; bigger holds longer.",
    ),
    Setting(
        "store.late_materialization_rows",
        1000,
        "Pages up to this many rows read wide columns last: the largest page the API serves.",
    ),
    Setting(
        "store.cluster_window_days",
        400,
        "Days around a new event to look for cluster candidates (a year-precision date: 365).",
    ),
    Setting(
        "store.cluster_sample",
        4,
        "A new event meets a cluster's first and last this many members, so work stays flat.",
    ),
    Setting(
        "store.signature_block",
        1024,
        "Stored signatures compared per step in the copy search: bounds the memory it takes.",
    ),
    # --- query ---
    Setting(
        "query.page_size",
        100,
        "Rows a list query returns when the caller does not say: a page a person reads.",
    ),
    Setting(
        "query.co_actors_size",
        25,
        "Co-actors listed for an actor when the caller does not say: the ones seen most with it.",
    ),
    Setting(
        "query.ids_in_scan",
        16,
        "Up to this many article ids are compared in the scan (the reader's one); more are joined.",
    ),
    Setting(
        "query.about_margin",
        0.15,
        "How far 'about N' reaches either side of N (analysts read 'about' as within 10-20%).",
    ),
    Setting(
        "query.feed_size",
        50,
        "Entries per watchlist feed: the latest events; feed readers keep their own history.",
    ),
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
