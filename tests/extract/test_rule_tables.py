"""Schema of the extractors' rule tables, and the code's references into them.

Every rule score an extractor emits is a row of ``<extractor>/data/rules.csv``; the code
reads it with ``rule_table.score``. These tests keep the tables well formed, make sure
every id the code asks for is there (read from the source, so a rule used only on rare
text is checked too), and that no scored row is left unused. The events lexicon is
checked against the PLOVER ontology and the CAMEO and ACLED maps.
"""

from __future__ import annotations

import ast
import csv
import re

import pytest

from sitroom.extract.common import rule_table
from sitroom.extract.events import lexicon, mapping, structure
from sitroom.extract.events import modes as mode_cues
from sitroom.extract.times.grammar import RULES as TIME_RULES
from testpaths import SHARED, needs_shared

EVENTS_DATA = rule_table.EXTRACT_DIR / "events" / "data"
ONTOLOGY = SHARED / "spec" / "ONTOLOGY.md"

# Calls whose string arguments name rows of the rule table.
SCORING_CALLS = {"score", "_score", "_fixed", "location"}
# Call sites whose rule id is computed; each is covered by a test below.
DYNAMIC_SITES = {("times", "grammar.py")}


def _raw_rows(extractor: str) -> tuple[list[str], list[dict[str, str]]]:
    with rule_table.table_path(extractor).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _module_strings(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "text"`` constants, so ``_score(LABEL_RULE)`` resolves."""
    out = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            out.update({t.id: node.value.value for t in node.targets if isinstance(t, ast.Name)})
    return out


def _wrapped_calls(tree: ast.Module) -> list[tuple[ast.Call, bool]]:
    """Every call of the module, flagged when it sits in a scoring wrapper (``_score``,
    ``location``): a wrapper passes its caller's id on, and its callers are read instead."""
    found: list[tuple[ast.Call, bool]] = []

    def visit(node: ast.AST, inside: bool) -> None:
        for child in ast.iter_child_nodes(node):
            wrapper = isinstance(child, ast.FunctionDef) and child.name in SCORING_CALLS
            if isinstance(child, ast.Call):
                found.append((child, inside))
            visit(child, inside or wrapper)

    visit(tree, False)
    return found


def _references(extractor: str) -> tuple[set[str], set[str]]:
    """(rule ids the extractor's code names in scoring calls, files with computed ids)."""
    ids: set[str] = set()
    dynamic: set[str] = set()
    for path in sorted((rule_table.EXTRACT_DIR / extractor).glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _module_strings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name in SCORING_CALLS:
                params = node.args.args[-len(node.args.defaults) :] if node.args.defaults else []
                for arg, default in zip(params, node.args.defaults, strict=True):
                    if arg.arg == "rule" and isinstance(default, ast.Constant):
                        ids.add(default.value)
        for call, in_wrapper in _wrapped_calls(tree):
            if _call_name(call) not in SCORING_CALLS:
                continue
            args = list(call.args)
            direct = isinstance(call.func, ast.Attribute) and call.func.attr == "score"
            if direct:
                table = args.pop(0)
                assert isinstance(table, ast.Constant) and table.value == extractor, (
                    f"{path.name}:{call.lineno} reads another extractor's table"
                )
            for arg in args:
                if any(isinstance(part, ast.JoinedStr) for part in ast.walk(arg)) or (
                    direct and isinstance(arg, ast.Name) and arg.id not in names and not in_wrapper
                ):
                    dynamic.add(path.name)
                    continue
                for part in ast.walk(arg):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        ids.add(part.value)
                    elif isinstance(part, ast.Name) and part.id in names:
                        ids.add(names[part.id])
    return ids, dynamic


@pytest.mark.parametrize("extractor", rule_table.EXTRACTORS)
def test_table_schema(extractor):
    columns, rows = _raw_rows(extractor)
    assert set(rule_table.COLUMNS) <= set(columns)
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), "duplicate rule ids"
    for row in rows:
        assert row["id"] and row["why"].strip(), row
        if row["score"]:
            assert 0.0 <= float(row["score"]) <= 1.0, row


@pytest.mark.parametrize("extractor", rule_table.EXTRACTORS)
def test_code_references_exist_and_rows_are_used(extractor):
    ids, dynamic = _references(extractor)
    table = rule_table.rules(extractor)
    assert {(extractor, name) for name in dynamic} <= DYNAMIC_SITES
    assert ids - set(table) == set(), "ids the code asks for but the table lacks"
    if extractor == "times":
        ids |= {f"time.{rule}" for rule, *_ in TIME_RULES}
    scored = {rule_id for rule_id, rule in table.items() if rule.score is not None}
    assert scored - ids == set(), "scored rows no code reads"


def test_every_time_rule_has_a_score():
    for rule, *_ in TIME_RULES:
        assert 0.0 < rule_table.score("times", f"time.{rule}") <= 1.0


def test_unknown_rule_and_computed_score_are_refused():
    with pytest.raises(rule_table.RuleTableError):
        rule_table.score("events", "events.no-such-rule")
    with pytest.raises(rule_table.RuleTableError):
        rule_table.score("actors", "actors.fuzzy")
    with pytest.raises(rule_table.RuleTableError):
        rule_table.table_path("nowhere")


def test_rows_sharing_an_emitted_id_are_the_known_ones():
    """One emitted id scored differently in two places is kept byte-identical with two
    rows; a new such pair should be a decision, not an accident."""
    shared = set()
    for extractor in rule_table.EXTRACTORS:
        by_emitted: dict[str, list[str]] = {}
        for rule in rule_table.rules(extractor).values():
            if "<" not in rule.emits:
                by_emitted.setdefault(rule.emits, []).append(rule.id)
        shared |= {emits for emits, ids in by_emitted.items() if len(ids) > 1}
    assert shared == {"actors.coref-short-name", "actors.metonymy-capital"}


# --- events: the lexicon against the ontology and the export maps --------------------


def _ontology_modes() -> dict[str, set[str]]:
    """PLOVER type -> its modes, from the ontology's type table."""
    modes = {}
    for line in ONTOLOGY.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*([A-Z]+)\s*\|[^|]*\|[^|]*\|([^|]*)\|", line)
        if m:
            modes[m.group(1)] = {x.strip() for x in m.group(2).split(",")} - {"–", "-", ""}
    return modes


def _ontology_contexts() -> set[str]:
    text = ONTOLOGY.read_text(encoding="utf-8")
    section = text.split("## Contexts", 1)[1].split("\n## ", 1)[0]
    body = section.split("\n", 1)[1]
    return {word.strip().rstrip(".") for word in body.replace("\n", " ").split(",")} - {""}


def _lexicon_entries() -> list[lexicon.Entry]:
    return [entry for rows in lexicon.entries().values() for entry in rows]


def test_lexicon_schema():
    with lexicon.LEXICON.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    ids = [row["rule_id"] for row in rows]
    assert len(ids) == len(set(ids)), "duplicate lexicon rule ids"
    for entry in _lexicon_entries():
        assert 0.0 < entry.score <= 1.0, entry.rule_id
        assert entry.type in mapping.PLOVER_TYPES, entry.rule_id
        assert entry.if_negated in (None, *mapping.PLOVER_TYPES), entry.rule_id
        assert entry.pos in {"VERB", "NOUN", "ADJ"}, entry.rule_id
        assert entry.sides in {"", "one", "two", "host"}, entry.rule_id
    assert set(mapping.QUAD) == set(mapping.PLOVER_TYPES)


# Contexts the lexicon codes that ONTOLOGY.md does not list (aid rows): kept as they are
# until the ontology or the lexicon is changed on purpose.
CONTEXTS_NOT_IN_ONTOLOGY = {"humanitarian"}


@needs_shared(ONTOLOGY)
def test_lexicon_modes_and_contexts_are_in_the_ontology():
    modes = _ontology_modes()
    contexts = _ontology_contexts() | CONTEXTS_NOT_IN_ONTOLOGY
    assert set(modes) == set(mapping.PLOVER_TYPES)
    for entry in _lexicon_entries():
        assert entry.mode is None or entry.mode in modes[entry.type], entry.rule_id
        assert set(entry.contexts) <= contexts, entry.rule_id
    for ptype, mode in _rule_pairs():
        assert mode in modes[ptype], (ptype, mode)


def _rule_pairs() -> set[tuple[str, str]]:
    """(type, mode) pairs set by the mode cues and the state-protest retyping."""
    pairs = {(cue.type, cue.mode) for cue in mode_cues.cues()}
    pairs |= {(t, m) for t, m in structure.rules()["state_protest"].values()}
    return pairs


def _emitted_pairs() -> set[tuple[str, str | None]]:
    """(type, mode) pairs an event can carry: the lexicon's, retyped triggers (no mode),
    the structural must rule, and a hosted meeting's visit."""
    pairs: set[tuple[str, str | None]] = {(e.type, e.mode) for e in _lexicon_entries()}
    pairs |= {(e.if_negated, None) for e in _lexicon_entries() if e.if_negated}
    pairs |= {(ptype, None) for ptype in mapping.PLOVER_TYPES}
    pairs.add(("CONSULT", "visit"))
    pairs |= _rule_pairs()
    return pairs


def test_every_emitted_type_and_mode_has_a_cameo_code():
    with (EVENTS_DATA / "cameo_map.csv").open(encoding="utf-8", newline="") as fh:
        rows = {(r["type"], r["mode"]) for r in csv.DictReader(fh)}
    for ptype, mode in _emitted_pairs():
        assert (ptype, mode or "") in rows or (ptype, "") in rows, (ptype, mode)
        assert mapping.cameo_code(ptype, mode), (ptype, mode)


def test_every_emitted_type_and_mode_has_an_acled_type():
    with (EVENTS_DATA / "acled_map.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    ids = [r["rule_id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert {r["type"] for r in rows} - {""} <= set(mapping.PLOVER_TYPES)
    for ptype, mode in _emitted_pairs():
        for sectors in (set(), {"CVL"}):
            found, rule_id = mapping.acled_type(ptype, mode, sectors)
            assert found["type"] and found["sub_type"] and rule_id in ids, (ptype, mode)
