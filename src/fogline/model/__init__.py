"""fogline's typed records. Imports nothing else of fogline."""

from fogline.model.article import (
    SCHEMA_VERSION,
    ArticleMeta,
    Cut,
    CutKind,
    Document,
    Genre,
    RawArticle,
    Rejected,
    Segment,
    Sentence,
    Signal,
)
from fogline.model.event import (
    EVENT_TYPES,
    TERRITORY_CHANGE,
    Actor,
    Claim,
    Event,
    Place,
    Span,
    actor_from_dict,
    claim_from_dict,
    event_from_dict,
    event_from_json,
    place_from_dict,
    round3,
)
from fogline.model.incident import ClaimRecord, Incident, Report

__all__ = [
    "EVENT_TYPES", "SCHEMA_VERSION", "TERRITORY_CHANGE", "Actor", "ArticleMeta", "Claim", "ClaimRecord", "Cut",
    "CutKind", "Document", "Event", "Genre", "Incident", "Place", "RawArticle", "Rejected", "Report", "Segment",
    "Sentence", "Signal", "Span", "actor_from_dict", "claim_from_dict", "event_from_dict", "event_from_json",
    "place_from_dict", "round3",
]
