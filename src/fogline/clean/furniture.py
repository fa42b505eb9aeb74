"""Whole-line furniture rules (donation widgets, prompts, footers, bylines, ...) from data/clean/furniture.json."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources as ir
from pathlib import Path

from fogline.clean.lines import Label, Line
from fogline.model import CutKind
from fogline.textmatch.gate import Gate, fold

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


def load_rules(path: Path | None = None) -> RuleSet:
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
    return RuleSet(rules)


class RuleSet(list[Rule]):
    """The rules in order, with their patterns combined: for each line length in words, the rules that
    apply to it as runs of single regexes (an ordered alternation finds the first rule that matches)."""

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        limits = sorted({r.max_words for r in rules if r.max_words is not None})
        self.longest = (limits[-1] + 1) if limits else 0
        compiled: dict[tuple[int, ...], list[Run]] = {}
        self.by_words: list[list[Run]] = []
        for n in range(self.longest + 1):
            key = tuple(i for i, r in enumerate(rules) if r.max_words is None or n <= r.max_words)
            if key not in compiled:
                compiled[key] = _combined([rules[i] for i in key])
            self.by_words.append(compiled[key])

    def first_match(self, line: Line) -> Rule | None:
        """The first rule that matches ``line`` as a whole."""
        folded = None
        for pattern, rules, gate in self.by_words[min(line.n_words, self.longest)]:
            if gate is not None:
                folded = fold(line.text) if folded is None else folded
                if not gate.admits(folded):
                    continue
            m = pattern.fullmatch(line.text)
            if m is not None:
                return rules[int(m.lastgroup[1:])] if len(rules) > 1 and m.lastgroup else rules[0]
        return None


def _alternation(rules: list[Rule]) -> re.Pattern[str] | None:
    """One regex for ``rules`` (group ``rK`` for the K-th), or None when one cannot join (own groups, flags)."""
    parts = []
    for k, r in enumerate(rules):
        if r.pattern.groups or r.pattern.flags & ~(re.IGNORECASE | re.UNICODE):
            return None
        parts.append(f"(?P<r{k}>(?{'' if r.pattern.flags & re.IGNORECASE else '-'}i:{r.pattern.pattern}))")
    try:
        return re.compile("|".join(parts))
    except re.error:
        return None


Run = tuple[re.Pattern[str], list[Rule], Gate | None]
"""Rules joined into one regex, and the gate of a rule that scans the line (or None)."""


def _combined(rules: list[Rule]) -> list[Run]:
    """``rules`` as runs joined into one regex each (a rule that cannot join stays on its own). A rule that
    looks for its words anywhere in the line (``.*\\b(?:...)``: the regex tries them at every position) stays
    on its own behind a literal gate: most lines hold none of its words and are not scanned."""
    out: list[Run] = []
    for rule in rules:
        if rule.pattern.pattern.startswith(".*") and (gate := Gate(rule.pattern)).needs:
            out.append((rule.pattern, [rule], gate))
        elif out and out[-1][2] is None and (joined := _alternation([*out[-1][1], rule])) is not None:
            out[-1] = (joined, [*out[-1][1], rule], None)
        else:
            out.append((rule.pattern, [rule], None))
    return out


def label(lines: list[Line], labels: list[Label | None], rules: list[Rule]) -> None:
    """Label every line that one of ``rules`` matches as a whole (first matching rule wins)."""
    ruleset = rules if isinstance(rules, RuleSet) else RuleSet(rules)
    used: set[str] = set()
    for i, line in enumerate(lines):
        if line.blank or labels[i] is not None or len(line.text) > 600:
            continue
        rule = ruleset.first_match(line)
        if rule is not None:
            labels[i] = Label(rule.kind, rule.id)
            used.add(rule.id)
    for rule in rules:
        if rule.min_run > 1 and rule.id in used:
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
