"""Imports flow one way: ui → assistant → index → corpus; evals may use all; nothing imports ui or evals."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("corpus", "index", "assistant", "ui", "evals")
ALLOWED: dict[str, set[str]] = {
    "corpus": {"corpus"},
    "index": {"index", "corpus"},
    "assistant": {"assistant", "index", "corpus"},
    "ui": {"ui", "assistant", "index", "corpus"},
    "evals": {"evals", "assistant", "index", "corpus"},
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                found.add(".")  # parent-relative imports are not allowed
            elif node.module:
                found.add(node.module.split(".")[0])
    return found & (set(PACKAGES) | {"."})


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_flow_one_way(package: str) -> None:
    violations = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for imported in imported_packages(path) - ALLOWED[package]:
            violations.append(f"{path.relative_to(ROOT)} imports {imported}")
    assert violations == []


def test_checker_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from ui.app import build\nfrom . import sibling\n", encoding="utf-8")
    assert imported_packages(bad) == {"ui", "."}
