"""The per-article records: what every stage reads and fills in.

Offsets: ``Cut`` and ``Signal`` offsets index ``Document.raw`` (the decoded, NFC-normalised text
with ``\\n`` line endings). ``Span`` offsets inside places and events index ``Document.text`` (the
cleaned body). ``Document.raw_offset`` maps a ``text`` offset back to ``raw`` through ``segments``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Literal

from fogline.model.event import Event, Place, Span, place_from_dict

SCHEMA_VERSION = "1"

CutKind = Literal["boilerplate", "comments", "caption", "duplicate", "navigation", "other"]
Genre = Literal["report", "opinion", "satire", "unknown"]


@dataclass(slots=True)
class Cut:
    """A span removed from the raw text, with the kind of furniture and the rule that cut it."""

    kind: CutKind
    start: int
    end: int
    text: str
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text, "reason": self.reason}


@dataclass(slots=True)
class Signal:
    """A reliability signal; ``start``/``end`` index ``Document.raw`` (evidence may lie in a cut span)."""

    kind: str
    detail: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind, "detail": self.detail}
        if self.start is not None and self.end is not None:
            d["start"], d["end"] = self.start, self.end
        return d


@dataclass(slots=True)
class Segment:
    """A run of ``Document.text`` copied verbatim from ``Document.raw``."""

    clean_start: int
    raw_start: int
    length: int


@dataclass(slots=True)
class ArticleMeta:
    """Metadata given with the article by its container (HTML head, JSONL/CSV columns)."""

    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None


@dataclass(slots=True)
class RawArticle:
    """One decoded article as read, before any analysis."""

    doc_id: str
    source: str
    raw: str
    encoding: str = "utf-8"
    meta: ArticleMeta = field(default_factory=ArticleMeta)


@dataclass(slots=True)
class Rejected:
    """An input that could not be read as an article, and why."""

    source: str
    reason: str
    size: int | None = None


@dataclass(slots=True)
class Sentence:
    """A sentence of ``Document.text``; ``parse`` holds the parser's output when the cascade ran it."""

    start: int
    end: int
    text: str
    cues: tuple[str, ...] = ()
    parse: Any = None  # a spaCy Span when parsed; never serialised


@dataclass(slots=True)
class Document:
    """One article as it moves through the pipeline; ``to_contract`` gives the JSON Lines record."""

    doc_id: str
    source: str
    raw: str
    encoding: str = "utf-8"
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    genre: Genre = "unknown"
    is_repost: bool = False
    signals: list[Signal] = field(default_factory=list)
    removed: list[Cut] = field(default_factory=list)
    text: str = ""
    segments: list[Segment] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @classmethod
    def from_raw(cls, raw: RawArticle) -> Document:
        return cls(
            doc_id=raw.doc_id, source=raw.source, raw=raw.raw, encoding=raw.encoding, meta=raw.meta,
            title=raw.meta.title, published=raw.meta.published, outlet=raw.meta.outlet, url=raw.meta.url,
            text=raw.raw, segments=[Segment(0, 0, len(raw.raw))],
        )

    def raw_offset(self, pos: int) -> int:
        """Map an offset in ``text`` to the matching offset in ``raw``."""
        starts = [s.clean_start for s in self.segments]
        i = bisect.bisect_right(starts, pos) - 1
        if i < 0:
            return pos
        seg = self.segments[i]
        return seg.raw_start + min(pos - seg.clean_start, seg.length)

    def span(self, start: int, end: int) -> Span:
        """A ``Span`` of ``text``."""
        return Span(start, end, self.text[start:end])

    def signal_kinds(self) -> set[str]:
        return {s.kind for s in self.signals}

    def to_contract(self) -> dict[str, Any]:
        """The JSON Lines record of ``contract/document.schema.json``."""
        return {
            "schema_version": SCHEMA_VERSION,
            "doc_id": self.doc_id,
            "source": self.source,
            "title": self.title,
            "published": self.published,
            "outlet": self.outlet,
            "url": self.url,
            "genre": self.genre,
            "is_repost": self.is_repost,
            "signals": [s.to_dict() for s in self.signals],
            "removed": [c.to_dict() for c in self.removed],
            "text": self.text,
            "places": [p.to_dict() for p in self.places],
            "events": [e.to_dict() for e in self.events],
        }

    @classmethod
    def from_contract(cls, d: dict[str, Any], raw: str = "") -> Document:
        """Rebuild a document (without raw text, segments or parses) from its contract record."""
        from fogline.model.event import event_from_dict

        return cls(
            doc_id=d["doc_id"], source=d["source"], raw=raw, title=d.get("title"),
            published=d.get("published"), outlet=d.get("outlet"), url=d.get("url"),
            genre=d.get("genre", "unknown"), is_repost=bool(d.get("is_repost")),
            signals=[Signal(s["kind"], s.get("detail"), s.get("start"), s.get("end")) for s in d.get("signals", [])],
            removed=[Cut(c["kind"], c["start"], c["end"], c.get("text", ""), c.get("reason", ""))
                     for c in d.get("removed", [])],
            text=d.get("text", ""),
            places=[place_from_dict(p) for p in d.get("places", [])],
            events=[event_from_dict(e) for e in d.get("events", [])],
        )
