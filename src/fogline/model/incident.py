"""Corpus-level records: one incident merged from the events of many reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fogline.model.event import EVENT_TYPES, Actor, Claim, Place


@dataclass(slots=True)
class Report:
    """One article's event that counts toward an incident."""

    doc_id: str
    event_id: str
    outlet: str | None = None
    published: str | None = None
    is_repost: bool = False
    origin_doc_id: str | None = None  # the article this one copies, when it is a repost
    satire: bool = False


@dataclass(slots=True)
class ClaimRecord:
    """A claim about an incident, kept with the report it came from."""

    doc_id: str
    event_id: str
    claim: Claim


@dataclass(slots=True)
class Incident:
    """What many reports say about one happening, with ranges, contest and confidence."""

    incident_id: str
    sub_event_type: str
    date: str | None = None
    date_end: str | None = None
    location: Place | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    reports: list[Report] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    injured_low: int | None = None
    injured_best: int | None = None
    injured_high: int | None = None
    best_basis: str | None = None
    independent_sources: int = 0
    contested: bool = False
    satire_only: bool = False
    confidence: float = 0.0
    reasons: list[str] = field(default_factory=list)
    merge_reasons: list[str] = field(default_factory=list)

    @property
    def event_type(self) -> str:
        return EVENT_TYPES[self.sub_event_type]

    def to_dict(self) -> dict[str, Any]:
        return {
            "incident_id": self.incident_id, "event_type": self.event_type,
            "sub_event_type": self.sub_event_type, "date": self.date, "date_end": self.date_end,
            "location": self.location.to_dict() if self.location else None,
            "actor1": self.actor1.to_dict() if self.actor1 else None,
            "actor2": self.actor2.to_dict() if self.actor2 else None,
            "reports": [vars_of(r) for r in self.reports],
            "claims": [{"doc_id": c.doc_id, "event_id": c.event_id, **c.claim.to_dict()} for c in self.claims],
            "fatalities": {"low": self.fatalities_low, "best": self.fatalities_best, "high": self.fatalities_high},
            "injured": {"low": self.injured_low, "best": self.injured_best, "high": self.injured_high},
            "best_basis": self.best_basis, "independent_sources": self.independent_sources,
            "contested": self.contested, "satire_only": self.satire_only,
            "confidence": round(self.confidence, 3), "reasons": list(self.reasons),
            "merge_reasons": list(self.merge_reasons),
        }


def vars_of(r: Report) -> dict[str, Any]:
    return {k: getattr(r, k) for k in r.__slots__}  # type: ignore[attr-defined]
