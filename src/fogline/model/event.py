"""Places, actors, claims and events: the records that carry evidence spans into the ledger."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import msgspec
import orjson

GeoPrecision = Literal[1, 2, 3]
ActorKind = Literal[
    "military", "government", "police", "rebels", "militia", "civilians", "protesters", "peacekeepers",
    "media", "other",
]
Stance = Literal["asserts", "denies", "disputes"]
Certainty = Literal["stated", "reported", "claimed", "alleged", "rumored", "denied", "hypothetical"]
DatePrecision = Literal["day", "week", "month", "year", "unknown"]

EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}
"""ACLED sub_event_type -> event_type, exactly as the contract spells them."""

TERRITORY_CHANGE = ("Government regains territory", "Non-state actor overtakes territory",
                    "Non-violent transfer of territory")


_ROUNDED: dict[float, float] = {}


def round3(x: float) -> float:
    """``round(x, 3)``, remembered per value: records round the same scores and confidences over and over, and
    ``round`` is slow (a correctly rounded decimal conversion each time). Zeros and what is not a float are
    rounded as they come (0.0 and -0.0, 2 and 2.0 are equal keys but not the same JSON)."""
    if type(x) is not float or not x:
        return round(x, 3)
    if (r := _ROUNDED.get(x)) is None:
        if len(_ROUNDED) >= 100_000:
            _ROUNDED.clear()
        r = _ROUNDED[x] = round(x, 3)
    return r


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of ``Document.text`` (start inclusive, end exclusive) and its text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


def span_from_dict(d: dict[str, Any] | None) -> Span | None:
    return None if d is None else Span(int(d["start"]), int(d["end"]), d.get("text", ""))


@dataclass(slots=True)
class Place:
    """A place resolved to the gazetteer, with ACLED geo precision and the evidence that decided it."""

    name: str
    lat: float
    lon: float
    precision: GeoPrecision = 1
    gazetteer_id: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    placetype: str | None = None
    mention: Span | None = None
    score: float = 0.0
    evidence: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = {
            "name": self.name, "gazetteer_id": self.gazetteer_id, "lat": self.lat, "lon": self.lon,
            "country": self.country, "admin1": self.admin1, "admin2": self.admin2,
            "precision": self.precision, "placetype": self.placetype, "score": round3(self.score),
            "evidence": list(self.evidence),
        }
        m = self.mention
        return d if m is None else {"mention": {"start": m.start, "end": m.end, "text": m.text}, **d}


def place_from_dict(d: dict[str, Any]) -> Place:
    get = d.get  # positional arguments: the corpus stage rebuilds every stored event
    mention = get("mention")
    return Place(d["name"], float(d["lat"]), float(d["lon"]), get("precision", 1), get("gazetteer_id"), get("country"),
                 get("admin1"), get("admin2"), get("placetype"),
                 None if mention is None else Span(int(mention["start"]), int(mention["end"]), mention.get("text", "")),
                 float(get("score") or 0.0), list(get("evidence") or ()))


@dataclass(slots=True)
class Actor:
    """A normalised actor: ``Military Forces of Azerbaijan``, ``AZE``, ``military``."""

    name: str
    country: str | None
    kind: ActorKind = "other"
    mention: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "country": self.country, "kind": self.kind}
        if (m := self.mention) is not None:
            d["mention"] = {"start": m.start, "end": m.end, "text": m.text}
        return d


def actor_from_dict(d: dict[str, Any] | None) -> Actor | None:
    if d is None:
        return None
    mention = d.get("mention")
    return Actor(d["name"], d.get("country"), d.get("kind", "other"),
                 None if mention is None else Span(int(mention["start"]), int(mention["end"]), mention.get("text", "")))


@dataclass(slots=True)
class Claim:
    """Who asserts, denies or disputes an event, with the words that say so."""

    claimant: str
    claimant_country: str | None
    stance: Stance
    evidence: Span | None = None
    fatalities: int | None = None
    injured: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "claimant": self.claimant, "claimant_country": self.claimant_country, "stance": self.stance,
            "fatalities": self.fatalities, "injured": self.injured,
        }
        if (ev := self.evidence) is not None:
            d["evidence"] = {"start": ev.start, "end": ev.end, "text": ev.text}
        return d


def claim_from_dict(d: dict[str, Any]) -> Claim:
    get = d.get
    ev = get("evidence")
    return Claim(d["claimant"], get("claimant_country"), d["stance"],
                 None if ev is None else Span(int(ev["start"]), int(ev["end"]), ev.get("text", "")),
                 get("fatalities"), get("injured"))


@dataclass(slots=True)
class Event:
    """One ACLED-typed event as one article tells it."""

    event_id: str
    sub_event_type: str
    date: str | None = None
    date_precision: DatePrecision = "unknown"
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Place | None = None
    fatalities: int | None = None
    injured: int | None = None
    certainty: Certainty = "stated"
    claims: list[Claim] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    background: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def event_type(self) -> str:
        return EVENT_TYPES[self.sub_event_type]

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id, "event_type": self.event_type, "sub_event_type": self.sub_event_type,
            "date": self.date, "date_precision": self.date_precision,
            "actor1": self.actor1.to_dict() if self.actor1 else None,
            "actor2": self.actor2.to_dict() if self.actor2 else None,
            "location": self.location.to_dict() if self.location else None,
            "fatalities": self.fatalities, "injured": self.injured, "certainty": self.certainty,
            "claims": [c.to_dict() for c in self.claims],
            "evidence": [s.to_dict() for s in self.evidence],
            "background": self.background, "notes": list(self.notes),
        }


def event_from_dict(d: dict[str, Any]) -> Event:
    get = d.get  # positional arguments, spans inline: the corpus stage rebuilds every stored event
    loc, a1, a2, claims = get("location"), get("actor1"), get("actor2"), get("claims")
    return Event(
        d["event_id"], d["sub_event_type"], get("date"), get("date_precision", "unknown"),
        None if a1 is None else actor_from_dict(a1), None if a2 is None else actor_from_dict(a2),
        place_from_dict(loc) if loc else None, get("fatalities"), get("injured"), get("certainty", "stated"),
        [claim_from_dict(c) for c in claims] if claims else [],
        [Span(s["start"], s["end"], s.get("text", "")) for s in get("evidence", ())],
        bool(get("background")), list(get("notes") or ()),
    )


_DECODER = msgspec.json.Decoder(Event)


def event_from_json(record: str | bytes) -> Event:
    """An event from its JSON record (``Event.to_dict()`` as the store keeps it), decoded straight into the
    records by their type hints (msgspec: no dict in between, keys the records lack ignored). A record the typed
    decoder refuses (a null where a number or a list is due, a value outside a ``Literal``, a missing ``text``)
    is read by ``event_from_dict``, which takes what it can, so both give the same event."""
    try:
        return _DECODER.decode(record)
    except msgspec.MsgspecError:
        return event_from_dict(orjson.loads(record))
