"""Flat rows of documents, events, claims and incidents, with their Arrow schemas.

Each ``*_rows`` function yields dicts whose keys are the columns of the matching schema; the CSV and
Parquet writers share them. Lists stay lists here; the CSV writer joins them.

Dates come twice: ``date`` keeps fogline's EDTF (``2020-12``, ``XXXX-03-24``, ``2020-09-27/2020-09-29``,
``2020-12-11?``) and ``date_start``/``date_end`` give the first and last day it can mean as ISO dates
(``2020-12-01``/``2020-12-31`` for a month), stored as Arrow ``date32`` in Parquet; both are null when the
year is unknown. Every missing value is null (empty in CSV), never an empty string.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pyarrow as pa

from fogline.export.ledger import Ledger, StoredDocuments, StoredIncidents
from fogline.model import Actor, Event, Place

_STR, _INT, _F64, _BOOL, _DATE = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.date32()
_STRS = pa.list_(pa.string())

_PLACE = [("location", _STR), ("latitude", _F64), ("longitude", _F64), ("geo_precision", _INT),
          ("country", _STR), ("admin1", _STR), ("admin2", _STR), ("gazetteer_id", _STR)]
_ACTORS = [("actor1", _STR), ("actor1_country", _STR), ("actor1_kind", _STR),
           ("actor2", _STR), ("actor2_country", _STR), ("actor2_kind", _STR)]

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", _STR), ("source", _STR), ("title", _STR), ("published", _STR), ("published_date", _DATE),
        ("outlet", _STR),
        ("url", _STR), ("genre", _STR), ("is_repost", _BOOL), ("signals", _STRS), ("removed_chars", _INT),
        ("places", _INT), ("events", _INT), ("text", _STR),
    ]),
    "events": pa.schema([
        ("doc_id", _STR), ("event_id", _STR), ("incident_id", _STR), ("event_type", _STR),
        ("sub_event_type", _STR), ("date", _STR), ("date_start", _DATE), ("date_end", _DATE),
        ("date_precision", _STR), *_ACTORS, *_PLACE,
        ("fatalities", _INT), ("injured", _INT), ("certainty", _STR), ("background", _BOOL),
        ("claims", _INT), ("evidence", _STRS),
    ]),
    "claims": pa.schema([
        ("doc_id", _STR), ("event_id", _STR), ("incident_id", _STR), ("claimant", _STR),
        ("claimant_country", _STR), ("stance", _STR), ("fatalities", _INT), ("injured", _INT),
        ("evidence_start", _INT), ("evidence_end", _INT), ("evidence", _STR),
    ]),
    "incidents": pa.schema([
        ("incident_id", _STR), ("event_type", _STR), ("sub_event_type", _STR), ("date", _STR),
        ("date_start", _DATE), ("date_end", _DATE), *_ACTORS, *_PLACE, ("fatalities_low", _INT),
        ("fatalities_best", _INT),
        ("fatalities_high", _INT), ("injured_low", _INT), ("injured_best", _INT), ("injured_high", _INT),
        ("best_basis", _STR), ("independent_sources", _INT), ("reports", _INT), ("contested", _BOOL),
        ("satire_only", _BOOL), ("confidence", _F64), ("claimants", _STRS), ("outlets", _STRS),
        ("reasons", _STRS),
    ]),
}


DATE_COLUMNS: dict[str, list[str]] = {
    what: [f.name for f in schema if f.type == _DATE] for what, schema in SCHEMAS.items()
}
_EDTF_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?[?~%]?$")


def edtf_bounds(edtf: str | None) -> tuple[str | None, str | None]:
    """First and last ISO day an EDTF date or interval can mean; (None, None) when the year is unknown."""
    if not edtf:
        return None, None
    if "/" in edtf:
        start, end = edtf.split("/", 1)
        return edtf_bounds(start)[0], edtf_bounds(end)[1]
    m = _EDTF_DAY.match(edtf)
    if not m:
        return None, None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if day:
        return (iso := f"{year:04d}-{month}-{day}"), iso
    if month:
        last = calendar.monthrange(year, int(month))[1]
        return f"{year:04d}-{month}-01", f"{year:04d}-{month}-{last:02d}"
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


def date_cols(edtf: str | None, edtf_end: str | None = None) -> dict[str, str | None]:
    """``date`` (EDTF), ``date_start`` and ``date_end`` (ISO days); ``edtf_end`` closes a span of days."""
    start, end = edtf_bounds(edtf)
    if edtf_end:
        end = edtf_bounds(edtf_end)[1] or end
    return {"date": edtf, "date_start": start, "date_end": end}


def published_date(published: str | None) -> str | None:
    """The ISO day of a publication timestamp, or None when it is not one."""
    try:
        return date.fromisoformat((published or "")[:10]).isoformat()
    except ValueError:
        return None


def actor_cols(a1: Actor | None, a2: Actor | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, a in (("actor1", a1), ("actor2", a2)):
        out[key] = a.name if a else None
        out[f"{key}_country"] = a.country if a else None
        out[f"{key}_kind"] = a.kind if a else None
    return out


def place_cols(p: Place | None) -> dict[str, Any]:
    if p is None:
        return {k: None for k, _ in _PLACE}
    return {"location": p.name, "latitude": p.lat, "longitude": p.lon, "geo_precision": p.precision,
            "country": p.country, "admin1": p.admin1, "admin2": p.admin2, "gazetteer_id": p.gazetteer_id}


def incident_index(ledger: Ledger) -> dict[tuple[str, str], str]:
    """(doc_id, event_id) -> incident_id for every report of every incident."""
    if isinstance(ledger.incidents, StoredIncidents):
        return ledger.incidents.index()
    return {(r.doc_id, r.event_id): inc.incident_id for inc in ledger.incidents for r in inc.reports}


def document_rows(ledger: Ledger) -> Iterator[dict[str, Any]]:
    for d in ledger.documents.values():
        yield {
            "doc_id": d.doc_id, "source": d.source, "title": d.title, "published": d.published,
            "published_date": published_date(d.published), "outlet": d.outlet, "url": d.url,
            "genre": d.genre, "is_repost": d.is_repost,
            "signals": sorted(d.signal_kinds()), "removed_chars": sum(c.end - c.start for c in d.removed),
            "places": len(d.places), "events": len(d.events), "text": d.text,
        }


def events_by_document(ledger: Ledger) -> Iterator[tuple[str, list[Event], dict[str, str]]]:
    """(doc_id, events, event_id -> incident_id of those in an incident) per article in the ledger's order of
    documents: from a store's events and report tables when the events follow that order
    (``store.stream.events_by_document``: no article record read, no map of every event held), else from
    the articles and ``incident_index``."""
    from fogline.store import Store

    stored = isinstance(ledger.incidents, StoredIncidents) and not ledger.derived
    if stored and isinstance(ledger.source, Store) and isinstance(ledger.documents, StoredDocuments):
        from fogline.store.stream import events_by_document as from_store

        found = from_store(ledger.source)
        if found is not None:
            return found
    if isinstance(ledger.source, Store) and ledger.source.path != ":memory:":
        from fogline.store.documents import RECORDS_MEMORY_LIMIT, bound_memory

        bound_memory(ledger.source.conn, RECORDS_MEMORY_LIMIT)  # article records are read: as a documents export
    index = incident_index(ledger)
    return ((d.doc_id, d.events, {e.event_id: index[d.doc_id, e.event_id] for e in d.events
                                  if (d.doc_id, e.event_id) in index}) for d in ledger.documents.values())


def event_rows(ledger: Ledger) -> Iterator[dict[str, Any]]:
    for doc_id, events, incident_of in events_by_document(ledger):
        for ev in events:
            yield {
                "doc_id": doc_id, "event_id": ev.event_id, "incident_id": incident_of.get(ev.event_id),
                "event_type": ev.event_type, "sub_event_type": ev.sub_event_type, **date_cols(ev.date),
                "date_precision": ev.date_precision, **actor_cols(ev.actor1, ev.actor2),
                **place_cols(ev.location), "fatalities": ev.fatalities, "injured": ev.injured,
                "certainty": ev.certainty, "background": ev.background, "claims": len(ev.claims),
                "evidence": [s.text for s in ev.evidence],
            }


def claim_rows(ledger: Ledger) -> Iterator[dict[str, Any]]:
    for doc_id, events, incident_of in events_by_document(ledger):
        for ev in events:
            for c in ev.claims:
                span = c.evidence
                yield {
                    "doc_id": doc_id, "event_id": ev.event_id, "incident_id": incident_of.get(ev.event_id),
                    "claimant": c.claimant, "claimant_country": c.claimant_country, "stance": c.stance,
                    "fatalities": c.fatalities, "injured": c.injured,
                    "evidence_start": span.start if span else None, "evidence_end": span.end if span else None,
                    "evidence": span.text if span else None,
                }


def incident_rows(ledger: Ledger) -> Iterator[dict[str, Any]]:
    for inc in ledger.incidents:
        yield {
            "incident_id": inc.incident_id, "event_type": inc.event_type, "sub_event_type": inc.sub_event_type,
            **date_cols(inc.date, inc.date_end), **actor_cols(inc.actor1, inc.actor2),
            **place_cols(inc.location), "fatalities_low": inc.fatalities_low,
            "fatalities_best": inc.fatalities_best, "fatalities_high": inc.fatalities_high,
            "injured_low": inc.injured_low, "injured_best": inc.injured_best, "injured_high": inc.injured_high,
            "best_basis": inc.best_basis, "independent_sources": inc.independent_sources,
            "reports": len(inc.reports), "contested": inc.contested, "satire_only": inc.satire_only,
            "confidence": round(inc.confidence, 3), "claimants": claimants_of(inc.claims),
            "outlets": ledger.outlets_of(inc), "reasons": list(inc.reasons),
        }


def claimants_of(claims: list[Any]) -> list[str]:
    """``Claimant (stance)`` once each, in the order first seen."""
    seen: dict[str, None] = {}
    for c in claims:
        seen.setdefault(f"{c.claim.claimant} ({c.claim.stance})", None)
    return list(seen)


ROWS = {"documents": document_rows, "events": event_rows, "claims": claim_rows, "incidents": incident_rows}
