"""The package's import arrows point one way: ``[tool.importlinter]`` in pyproject.toml
lists the layers (cli on top, the vocabulary modules at the bottom) and import-linter
fails on any import that points up a layer or closes a cycle between layers. Code is
found by import, never by a module name looked up at run time, so that check sees
every dependency."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from testpaths import REPO

PACKAGE = REPO / "src" / "sitroom"


def test_imports_follow_the_layers():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _imports_by_name(path: Path) -> list[str]:
    """Calls that import a module named by a runtime string: ``importlib.import_module``,
    ``__import__`` (and ``import_module`` imported from importlib)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in {"import_module", "__import__"}:
            found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def test_no_module_is_imported_by_a_name_string():
    found = [hit for path in sorted(PACKAGE.rglob("*.py")) for hit in _imports_by_name(path)]
    assert found == [], "import these modules explicitly instead: " + ", ".join(found)
