"""Whole-line furniture rules (donation widgets, prompts, footers, bylines, ...) from data/clean/furniture.json."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources as ir
from pathlib import Path

from fogline.clean.lines import Label, Line
from fogline.model import CutKind

CUT_KINDS: frozenset[str] = frozenset({"boilerplate", "comments", "caption", "duplicate", "navigation", "other"})


@dataclass(slots=True, frozen=True)
class Rule:
    """One furniture rule: a full-line pattern, the cut kind, and the signal a cut by it implies."""

    id: str
    kind: CutKind
    pattern: re.Pattern[str]
    signal: str | None = None
    max_words: int | None = None
    min_run: int = 1

    def matches(self, line: Line) -> bool:
        if self.max_words is not None and line.n_words > self.max_words:
            return False
        return self.pattern.fullmatch(line.text) is not None


def data_path(name: str) -> Path:
    """A file of ``fogline/data/clean``."""
    return Path(str(ir.files("fogline") / "data" / "clean" / name))


def load_rules(path: Path | None = None) -> list[Rule]:
    """Read and compile the furniture rules; a bad rule raises naming the file and the rule id."""
    path = path or data_path("furniture.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    rules: list[Rule] = []
    for r in data["rules"]:
        if r["kind"] not in CUT_KINDS:
            raise ValueError(f"{path}: rule {r['id']!r} has unknown kind {r['kind']!r}")
        flags = 0 if r.get("case_sensitive") else re.IGNORECASE
        try:
            pattern = re.compile(r["pattern"], flags)
        except re.error as exc:
            raise ValueError(f"{path}: rule {r['id']!r} does not compile: {exc}") from exc
        rules.append(Rule(r["id"], r["kind"], pattern, r.get("signal"), r.get("max_words"), int(r.get("min_run", 1))))
    return rules


def label(lines: list[Line], labels: list[Label | None], rules: list[Rule]) -> None:
    """Label every line that one of ``rules`` matches as a whole (first matching rule wins)."""
    for i, line in enumerate(lines):
        if line.blank or labels[i] is not None or len(line.text) > 600:
            continue
        for rule in rules:
            if rule.matches(line):
                labels[i] = Label(rule.kind, rule.id)
                break
    for rule in rules:
        if rule.min_run > 1:
            _drop_short_runs(lines, labels, rule)


def _drop_short_runs(lines: list[Line], labels: list[Label | None], rule: Rule) -> None:
    """Unlabel runs of ``rule``'s lines (blank lines between them allowed) shorter than ``rule.min_run``."""
    run: list[int] = []
    for i in [*range(len(lines)), len(lines)]:
        if i < len(lines) and lines[i].blank:
            continue
        lab = labels[i] if i < len(lines) else None
        if lab is not None and lab.reason == rule.id:
            run.append(i)
            continue
        if 0 < len(run) < rule.min_run:
            for j in run:
                labels[j] = None
        run = []
