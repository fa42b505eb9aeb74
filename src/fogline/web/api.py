"""The workspace API's response models: every field typed and described, so ``/openapi.json`` documents
the data. Figures are numbers; display (marker size, colour, screen position) is the page's business.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class Piece(BaseModel):
    """A run of text with the strongest mark covering it."""

    text: str
    mark: str | None = Field(None, description="claim-asserts | claim-denies | claim-disputes | place | actor | "
                                              "evidence | cut-<kind> (comments, caption, boilerplate, navigation, "
                                              "duplicate, other) | null")


class IncidentSummary(BaseModel):
    """One incident as the map and the list show it."""

    incident_id: str
    event_type: str = Field(description="ACLED event type")
    sub_event_type: str = Field(description="ACLED sub-event type")
    date: str | None = Field(description="EDTF date (may be uncertain or approximate)")
    date_end: str | None = Field(description="EDTF end date of a multi-day incident")
    day: str | None = Field(description="YYYY-MM-DD when the date names a full day")
    location: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None = Field(description="ACLED geo precision: 1 place, 2 near/district, 3 region")
    country: str | None = Field(description="ISO 3166-1 alpha-3")
    actor1: str | None
    actor2: str | None
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    injured_low: int | None
    injured_best: int | None
    injured_high: int | None
    casualties: int = Field(description="best (else high) fatalities plus injured")
    contested: bool = Field(description="one party asserts what another denies or disputes")
    satire_only: bool
    background: bool = Field(description="every report mentions it as background (a past event recalled)")
    confidence: float = Field(ge=0, le=1)
    independent_sources: int
    reports: int
    outlets: list[str]
    claimants: list[str]
    reasons: list[str] = Field(description="why the confidence is what it is")


class IncidentPage(BaseModel):
    """A page of incidents passing the filters."""

    total: int = Field(description="how many incidents pass the filters")
    limit: int
    offset: int
    items: list[IncidentSummary]


class ReportView(BaseModel):
    """One report of an incident: the article, its outlet, the evidence and the cuts."""

    doc_id: str
    event_id: str
    outlet: str | None
    published: str | None
    title: str | None
    url: str | None
    is_repost: bool
    satire: bool
    certainty: str | None
    ratings: list[str] = Field(description="the outlet's rating signals (credibility, state media)")
    sentences: list[list[Piece]] = Field(description="the evidence sentences with claims, places, actors marked")
    article: list[Piece] = Field(description="the whole raw article, cut spans and evidence marked")


class ClaimView(BaseModel):
    stance: str = Field(description="asserts | denies | disputes")
    fatalities: int | None
    injured: int | None
    country: str | None = Field(description="the claimant's country (ISO alpha-3)")
    outlet: str | None
    evidence: str | None


class ClaimSide(BaseModel):
    claimant: str
    claims: list[ClaimView]


class ContestView(BaseModel):
    """The claims on one incident side by side, one column per claimant."""

    summary: IncidentSummary
    sides: list[ClaimSide]
    line: str


class IncidentDetail(IncidentSummary):
    """One incident with its reports (articles, evidence, cuts) and its claims by claimant."""

    report_views: list[ReportView]
    contest: ContestView | None


class TimelineDay(BaseModel):
    day: str
    counts: dict[str, int] = Field(description="incidents per event type")
    total: int


class Timeline(BaseModel):
    days: list[TimelineDay]
    undated: int = Field(description="incidents without a full date (or an unknown year)")


class OutletRow(BaseModel):
    outlet: str
    documents: int
    genres: str
    reposts: int
    ratings: list[str]


class Legend(BaseModel):
    """What the page draws with: a colour per event type."""

    colours: dict[str, str]


class Signal(BaseModel):
    kind: str
    detail: str | None


class Removed(BaseModel):
    kind: str
    chars: int
    reason: str


class PlaceView(BaseModel):
    name: str
    lat: float | None
    lon: float | None
    precision: int | None


class EventView(BaseModel):
    event_id: str
    event_type: str
    sub_event_type: str
    date: str | None
    certainty: str | None
    background: bool
    location: str | None
    lat: float | None
    lon: float | None
    actor1: str | None
    actor2: str | None
    fatalities: int | None
    injured: int | None
    claims: list[str]
    sentences: list[list[Piece]]


class DocumentView(BaseModel):
    """One analysed article: metadata, signals, cuts, places, events with their evidence."""

    doc_id: str
    source: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    genre: str
    is_repost: bool
    signals: list[Signal]
    removed: list[Removed]
    places: list[PlaceView]
    events: list[EventView]
    text: str


class RejectedView(BaseModel):
    source: str
    reason: str


class AnalyseResult(BaseModel):
    documents: list[DocumentView]
    rejected: list[RejectedView]
    saved: list[str] = Field(description="doc ids added to the store")
    warning: str | None


class ConfigView(BaseModel):
    max_upload_bytes: int
    token_required: bool
    can_save: bool
