"""The dependency rules of DEVELOPERS.md, checked on the source tree."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "src" / "fogline"
STAGES = ("ingest", "clean", "signals", "nlp", "geo", "extract")
ENTRY_POINTS = ("store", "cli", "web", "batch", "corpus", "export", "job")
SQL = re.compile(r"\b(SELECT|INSERT INTO|CREATE TABLE|DELETE FROM|UPDATE \w+ SET)\b")


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return {n for n in names if n.startswith("fogline")}


def modules(folder: str) -> list[Path]:
    return sorted((PKG / folder).rglob("*.py"))


def test_model_imports_nothing_else_of_fogline() -> None:
    for path in modules("model"):
        bad = {m for m in imports_of(path) if not m.startswith("fogline.model")}
        assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("stage", STAGES)
def test_per_article_stages_do_not_touch_entry_points_or_store(stage: str) -> None:
    for path in modules(stage):
        bad = {m for m in imports_of(path) if m.split(".")[1:2] and m.split(".")[1] in ENTRY_POINTS}
        assert not bad, f"{stage}/{path.name} imports {bad}"


def test_store_knows_only_model() -> None:
    for path in modules("store"):
        bad = {m for m in imports_of(path) if not m.startswith(("fogline.model", "fogline.store"))}
        assert not bad, f"store/{path.name} imports {bad}"


def test_sql_lives_in_store_only() -> None:
    for path in sorted(PKG.rglob("*.py")):
        if "store" in path.relative_to(PKG).parts:
            continue
        text = path.read_text(encoding="utf-8")
        calls = re.findall(r"\.execute(?:many)?\(\s*[\"'](.{0,60})", text)
        assert not [c for c in calls if SQL.search(c)], f"SQL outside store/: {path.relative_to(PKG)}"


def test_modules_stay_small() -> None:
    big = [(p.relative_to(PKG), n) for p in PKG.rglob("*.py") if (n := len(p.read_text().splitlines())) > 550]
    assert not big, f"modules over ~500 lines: {big}"
