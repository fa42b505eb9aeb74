"""Text signals found by pattern: anonymous sourcing, unconfirmed reports, satire disclaimers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fogline.model import Document, Signal
from fogline.textmatch.anchored import Anchors, Folded, find_anchors, finditer


@dataclass(slots=True, frozen=True)
class TextSignal:
    """One pattern: the signal ``kind`` it raises, its ``id`` (the signal's detail)."""

    id: str
    kind: str
    pattern: re.Pattern[str]
    needs: tuple[str, ...] = ()
    anchors: Anchors | None = field(default=None, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "anchors", find_anchors(self.pattern))

    def finditer(self, text: str, folded: str | None) -> list[re.Match[str]]:
        """``pattern.finditer(text)``, anchored on keywords when ``folded`` is ``aligned_fold(text)``."""
        return list(finditer(self.pattern, self.anchors, text, folded))

    def worth_trying(self, folded: str) -> bool:
        """A cheap pre-filter: one of ``needs`` occurs in the case-folded text (or none are given)."""
        return not self.needs or any(n in folded for n in self.needs)


def text_signals(doc: Document, rules: list[TextSignal]) -> list[Signal]:
    """Each rule's matches in the cleaned body, one signal per match, offsets mapped back to raw."""
    out: list[Signal] = []
    folded = Folded(doc.text)
    for rule in rules:
        if rule.needs and not folded.holds_any(rule.needs):
            continue
        for m in rule.finditer(doc.text, folded.aligned):
            out.append(Signal(rule.kind, f"{rule.id}: {m.group(0)}", doc.raw_offset(m.start()),
                              doc.raw_offset(m.end())))
    return out


def satire_disclaimers(raw: str, rules: list[TextSignal], edge_share: float,
                       folded: Folded | None = None) -> list[Signal]:
    """Disclaimer phrases in the raw page, counted only near its start or end or in a 'Disclaimer' line.
    ``folded`` is ``Folded(raw)`` when the caller has it."""
    n = len(raw)
    head, tail = n * edge_share, n * (1 - edge_share)
    out: list[Signal] = []
    folded = folded or Folded(raw)
    for rule in rules:
        if rule.needs and not folded.holds_any(rule.needs):
            continue
        for m in rule.finditer(raw, folded.aligned):
            line_start = raw.rfind("\n", 0, m.start()) + 1
            in_disclaimer = raw[line_start:line_start + 40].lstrip().lower().startswith("disclaimer")
            if in_disclaimer or m.start() <= head or m.end() >= tail:
                out.append(Signal("satire_disclaimer", f"{rule.id}: {m.group(0).strip()}", m.start(), m.end()))
    return out
