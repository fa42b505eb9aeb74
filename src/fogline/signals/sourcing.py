"""Text signals found by pattern: anonymous sourcing, unconfirmed reports, satire disclaimers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fogline.model import Document, Signal


@dataclass(slots=True, frozen=True)
class TextSignal:
    """One pattern: the signal ``kind`` it raises, its ``id`` (the signal's detail)."""

    id: str
    kind: str
    pattern: re.Pattern[str]
    needs: tuple[str, ...] = ()

    def worth_trying(self, folded: str) -> bool:
        """A cheap pre-filter: one of ``needs`` occurs in the case-folded text (or none are given)."""
        return not self.needs or any(n in folded for n in self.needs)


def text_signals(doc: Document, rules: list[TextSignal]) -> list[Signal]:
    """Each rule's matches in the cleaned body, one signal per match, offsets mapped back to raw."""
    out: list[Signal] = []
    folded = doc.text.casefold()
    for rule in rules:
        if not rule.worth_trying(folded):
            continue
        for m in rule.pattern.finditer(doc.text):
            out.append(Signal(rule.kind, f"{rule.id}: {m.group(0)}", doc.raw_offset(m.start()),
                              doc.raw_offset(m.end())))
    return out


def satire_disclaimers(raw: str, rules: list[TextSignal], edge_share: float) -> list[Signal]:
    """Disclaimer phrases in the raw page, counted only near its start or end or in a 'Disclaimer' line."""
    n = len(raw)
    head, tail = n * edge_share, n * (1 - edge_share)
    out: list[Signal] = []
    folded = raw.casefold()
    for rule in rules:
        if not rule.worth_trying(folded):
            continue
        for m in rule.pattern.finditer(raw):
            line_start = raw.rfind("\n", 0, m.start()) + 1
            in_disclaimer = raw[line_start:line_start + 40].lstrip().lower().startswith("disclaimer")
            if in_disclaimer or m.start() <= head or m.end() >= tail:
                out.append(Signal("satire_disclaimer", f"{rule.id}: {m.group(0).strip()}", m.start(), m.end()))
    return out
