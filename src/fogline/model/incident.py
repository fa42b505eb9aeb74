"""Corpus-level records: one incident merged from the events of many reports."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import orjson

from fogline.model.event import (
    EVENT_TYPES,
    Actor,
    Claim,
    Place,
    actor_from_dict,
    claim_from_dict,
    place_from_dict,
    round3,
)


@dataclass(slots=True)
class Report:
    """One article's event that counts toward an incident, with what that article says of it."""

    doc_id: str
    event_id: str
    outlet: str | None = None
    published: str | None = None
    is_repost: bool = False
    origin_doc_id: str | None = None  # the article this one copies, when it is a repost or a copy
    satire: bool = False
    title: str | None = None
    url: str | None = None
    sub_event_type: str | None = None
    date: str | None = None
    place: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    certainty: str | None = None
    evidence: str | None = None
    independent: bool = True  # False for copies, reposts and satire: never corroboration


@dataclass(slots=True)
class ClaimRecord:
    """A claim about an incident, kept with the report it came from."""

    doc_id: str
    event_id: str
    claim: Claim

    def to_dict(self) -> dict[str, Any]:
        """The claim's fields after the report's ids, in one dict."""
        c = self.claim
        d: dict[str, Any] = {
            "doc_id": self.doc_id, "event_id": self.event_id, "claimant": c.claimant,
            "claimant_country": c.claimant_country, "stance": c.stance, "fatalities": c.fatalities,
            "injured": c.injured,
        }
        if (ev := c.evidence) is not None:
            d["evidence"] = {"start": ev.start, "end": ev.end, "text": ev.text}
        return d


@dataclass(slots=True)
class ClaimantView:
    """One claimant's position on an incident: side, stance, figures, and the reports that carry it."""

    claimant: str
    country: str | None
    role: str  # "party" (a side of the incident), "non-party", or "outlet" (an unattributed report)
    stance: str
    fatalities: int | None = None
    injured: int | None = None
    doc_ids: list[str] = field(default_factory=list)


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
    claimants: list[ClaimantView] = field(default_factory=list)
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    injured_low: int | None = None
    injured_best: int | None = None
    injured_high: int | None = None
    best_basis: str | None = None
    independent_sources: int = 0
    outlets: list[str] = field(default_factory=list)
    contested: bool = False
    satire_only: bool = False
    confidence: float = 0.0
    reasons: list[str] = field(default_factory=list)
    merge_reasons: list[str] = field(default_factory=list)

    @property
    def event_type(self) -> str:
        return EVENT_TYPES[self.sub_event_type]

    def to_dict(self) -> dict[str, Any]:
        d = self.to_dict_shallow()
        d["reports"] = [vars_of(r) for r in self.reports]
        d["claimants"] = [vars_of(c) for c in self.claimants]
        for key in ("outlets", "reasons", "merge_reasons"):
            d[key] = list(d[key])
        return d

    def to_json(self) -> str:
        """``to_dict()`` as compact JSON, the record the store keeps: the incident's keys sorted, a report's
        and a claimant view's fields in their declared order (orjson writes the dataclasses as they are,
        every field, like ``vars_of``, so nothing is copied first). What orjson refuses (an integer past 64
        bits, a lone surrogate) is written by the standard library instead."""
        try:
            return orjson.dumps(self.to_dict_shallow(), option=orjson.OPT_SORT_KEYS).decode("utf-8")
        except TypeError:
            return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def to_json_bytes(self) -> bytes:
        """``to_json()`` as UTF-8 bytes, as orjson writes them (what is hashed and stored need not be decoded)."""
        try:
            return orjson.dumps(self.to_dict_shallow(), option=orjson.OPT_SORT_KEYS)
        except TypeError:
            return self.to_json().encode("utf-8")

    def to_dict_shallow(self) -> dict[str, Any]:
        """``to_dict()`` with reports and claimant views left as dataclasses (for an encoder that writes
        dataclasses as the dicts of their fields)."""
        return {
            "incident_id": self.incident_id, "event_type": self.event_type,
            "sub_event_type": self.sub_event_type, "date": self.date, "date_end": self.date_end,
            "location": self.location.to_dict() if self.location else None,
            "actor1": self.actor1.to_dict() if self.actor1 else None,
            "actor2": self.actor2.to_dict() if self.actor2 else None,
            "reports": self.reports,
            "claims": [c.to_dict() for c in self.claims],
            "claimants": self.claimants,
            "fatalities": {"low": self.fatalities_low, "best": self.fatalities_best, "high": self.fatalities_high},
            "injured": {"low": self.injured_low, "best": self.injured_best, "high": self.injured_high},
            "best_basis": self.best_basis, "independent_sources": self.independent_sources,
            "outlets": self.outlets, "contested": self.contested, "satire_only": self.satire_only,
            "confidence": round3(self.confidence), "reasons": self.reasons,
            "merge_reasons": self.merge_reasons,
        }


def vars_of(r: object) -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, list) else v) for k in r.__slots__ for v in [getattr(r, k)]}  # type: ignore[attr-defined]


def incident_from_dict(d: dict[str, Any]) -> Incident:
    """Rebuild an incident from ``Incident.to_dict()``."""
    fat, inj = d.get("fatalities") or {}, d.get("injured") or {}
    loc = d.get("location")
    return Incident(
        incident_id=d["incident_id"], sub_event_type=d["sub_event_type"], date=d.get("date"),
        date_end=d.get("date_end"), location=place_from_dict(loc) if loc else None,
        actor1=actor_from_dict(d.get("actor1")), actor2=actor_from_dict(d.get("actor2")),
        reports=[Report(**r) for r in d.get("reports", [])],
        claims=[ClaimRecord(c["doc_id"], c["event_id"], claim_from_dict(c)) for c in d.get("claims", [])],
        claimants=[ClaimantView(**c) for c in d.get("claimants", [])],
        fatalities_low=fat.get("low"), fatalities_best=fat.get("best"), fatalities_high=fat.get("high"),
        injured_low=inj.get("low"), injured_best=inj.get("best"), injured_high=inj.get("high"),
        best_basis=d.get("best_basis"), independent_sources=int(d.get("independent_sources", 0)),
        outlets=list(d.get("outlets", [])), contested=bool(d.get("contested")),
        satire_only=bool(d.get("satire_only")), confidence=float(d.get("confidence", 0.0)),
        reasons=list(d.get("reasons", [])), merge_reasons=list(d.get("merge_reasons", [])),
    )
