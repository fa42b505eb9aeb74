"""A confidence in [0, 1] for an incident, with its reasons as text.

It starts from the number of independent sources (reposts, copies and satire never count), then
weighs outlet reliability (CRED-1 scores), outlets state-controlled by a side, denials, the
certainty the reports give, unnamed sourcing and casualty figures that disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fogline.corpus.reliability import OutletInfo
from fogline.model import round3

WEAK_CERTAINTY = frozenset(("rumored", "alleged"))


@dataclass(slots=True)
class Evidence:
    """What confidence is computed from, gathered while assembling an incident."""

    sources: list[str]  # one name per independent source
    ratings: list[OutletInfo | None]  # the rating of each independent source (None when unrated)
    copies: int = 0  # reports not counted: reposts and same-origin copies
    satire_only: bool = False
    satire_reports: int = 0
    party_media: list[str] = field(default_factory=list)  # independent sources state-controlled by a side
    contest: list[str] = field(default_factory=list)
    certainties: list[str] = field(default_factory=list)
    anonymous: int = 0  # independent sources whose article rests on unnamed sources
    figures_differ: bool = False


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _reliability(ev: Evidence, reasons: list[str]) -> float:
    rated = [r for r in ev.ratings if r is not None and r.score is not None]
    if not rated:
        reasons.append("no outlet is rated")
        return 1.0
    mean = sum(r.score for r in rated if r.score is not None) / len(rated)
    low = [r.name for r in rated if r.category in ("unreliable", "fake", "conspiracy", "satire")]
    if low:
        reasons.append(f"rated unreliable: {', '.join(sorted(low))}")
    reasons.append(f"mean outlet credibility {mean:.2f} over {_plural(len(rated), 'rated outlet')}")
    return 0.7 + 0.6 * mean


def score(ev: Evidence) -> tuple[float, list[str]]:
    """(confidence, reasons)."""
    if ev.satire_only or not ev.sources:
        return 0.0, ["only satire or parody reports this; not evidence of anything"]
    n = len(ev.sources)
    reasons = [f"{_plural(n, 'independent source')} ({', '.join(ev.sources)})"]
    if ev.copies:
        reasons.append(f"{_plural(ev.copies, 'repost or copy')} not counted")
    if ev.satire_reports:
        reasons.append(f"{_plural(ev.satire_reports, 'satire report')} ignored")
    value = (1.0 - 0.55 ** n) * _reliability(ev, reasons)
    if ev.party_media:
        reasons.append(f"state-controlled by a side: {', '.join(ev.party_media)}")
        value *= 0.75 if len(ev.party_media) == n else 0.9
    if ev.contest:
        reasons += ev.contest
        value *= 0.8
    certainties = set(ev.certainties)
    if certainties and certainties <= WEAK_CERTAINTY:
        reasons.append("only rumoured or alleged")
        value *= 0.7
    elif certainties == {"claimed"}:
        reasons.append("only claimed, never stated")
        value *= 0.9
    if ev.anonymous and ev.anonymous == n:
        reasons.append("every source rests on unnamed sources")
        value *= 0.85
    if ev.figures_differ:
        reasons.append("casualty figures differ")
        value *= 0.95
    return round3(max(0.0, min(0.99, value))), reasons
