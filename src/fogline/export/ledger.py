"""What the exports, the report and the web workspace read: documents and incidents, filtered.

``Ledger.from_store`` reads a store once; every view then works on the snapshot. When the corpus
layer is not installed, each reported event stands as its own incident (``incidents_from_documents``)
so an analyst still sees the map; the same holds for a store whose corpus layer has not run yet
(events stored, no incidents).

``Ledger.from_store(store, lazy=True)`` (what the report and the web workspace use) keeps memory bounded:
the documents stay in the store and are read in batches when iterated, a page at a time when the caller
names the ids it is about to look up (``prefetch``: the reports of one incident), or one at a time (a
small cache) otherwise; only the incidents, each article's outlet and each event's
background flag are held. ``stream=True`` as well (what exports use, reading every incident once) leaves
the incidents in the store too: each pass over ``Ledger.incidents`` reads them a page at a time
(``StoredIncidents``), and which incident an event belongs to comes from the report rows alone.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from fogline.model import ClaimRecord, Document, Incident, Report

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_YEAR_MONTH = re.compile(r"^\d{4}(-\d{2})?")


class DocumentSource(Protocol):
    """The part of ``fogline.store.Store`` the views read."""

    def documents(self) -> Iterator[Document]: ...


class LazySource(DocumentSource, Protocol):
    """What a lazily read ledger needs of ``fogline.store.Store``."""

    def get(self, doc_id: str) -> Document | None: ...

    def doc_outlets(self) -> dict[str, str | None]: ...

    def has_reported_events(self) -> bool: ...

    def fetch(self, doc_ids: list[str]) -> dict[str, Document]: ...

    def event_flags(self) -> dict[tuple[str, str], bool]: ...

    def doc_facts(self) -> Iterator[tuple[Any, ...]]: ...

    def documents(self, raw: bool = True) -> Iterator[Document]: ...


class StoredIncidents(Collection[Incident]):
    """The store's incidents, read a page at a time on each pass (``store.stream``), never all held; or,
    for a store whose corpus layer has not run, one per reported event (``incidents_from_documents``) made
    as the documents stream past."""

    def __init__(self, store: Any, docs: Mapping[str, Document] | None = None) -> None:
        self._store, self._docs = store, docs

    def __iter__(self) -> Iterator[Incident]:
        if self._docs is not None:
            return iter_derived(self._docs.values())
        from fogline.store.stream import iter_incidents

        return iter_incidents(self._store)

    def unordered(self) -> Iterator[Incident]:
        """The same incidents in the order the store holds them (a reader that sorts them itself)."""
        if self._docs is not None:
            return iter_derived(self._docs.values())
        from fogline.store.stream import iter_stored_incidents

        return iter_stored_incidents(self._store)

    def __len__(self) -> int:
        if self._docs is not None:
            return sum(1 for _ in self)
        from fogline.store.corpus import incident_count

        return incident_count(self._store)

    def __contains__(self, item: object) -> bool:
        return any(inc == item for inc in self)

    def index(self) -> dict[tuple[str, str], str]:
        """(doc_id, event_id) -> incident_id of every report."""
        if self._docs is not None:
            return {(r.doc_id, r.event_id): inc.incident_id for inc in self for r in inc.reports}
        from fogline.store.stream import report_index

        return report_index(self._store)


DocFacts = tuple[str | None, str, bool, list[tuple[str, str | None]]]
"""What the outlet table counts of one article: (outlet, genre, is_repost, [(signal kind, detail)])."""


class StoredDocuments(Mapping[str, Document]):
    """The store's documents as a read-only mapping that never holds them all in memory."""

    CACHE = 64

    def __init__(self, store: LazySource, ids: Iterable[str], raw: bool = True) -> None:
        self._store, self._raw = store, raw
        self._ids = dict.fromkeys(ids)  # ordered, and a set for lookups
        self._cache: OrderedDict[str, Document] = OrderedDict()
        self._page: dict[str, Document] = {}

    def prefetch(self, doc_ids: Iterable[str]) -> None:
        """Read these documents in one query and hold them (and only them, besides the small cache) until
        the next ``prefetch``: the reports of an incident about to be shown."""
        self._page = {}
        self._page = self._store.fetch(sorted({d for d in doc_ids if d in self._ids}))

    def fork(self) -> StoredDocuments:
        """The same documents with a page and cache of their own (one per request of the web app, whose
        requests run on several threads), the ids shared."""
        twin = StoredDocuments(self._store, (), self._raw)
        twin._ids = self._ids
        return twin

    def __getitem__(self, doc_id: str) -> Document:
        page = self._page
        if doc_id in page:
            return page[doc_id]
        if doc_id in self._cache:
            self._cache.move_to_end(doc_id)
            return self._cache[doc_id]
        doc = self._store.get(doc_id) if doc_id in self._ids else None
        if doc is None:
            raise KeyError(doc_id)
        self._cache[doc_id] = doc
        if len(self._cache) > self.CACHE:
            self._cache.popitem(last=False)
        return doc

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def values(self) -> Iterator[Document]:  # type: ignore[override] - streamed in batches
        return self._store.documents(raw=self._raw)


@dataclass(slots=True)
class Filters:
    """What an analyst narrows the picture by; every field is optional."""

    since: str | None = None
    until: str | None = None
    region: str | None = None
    types: tuple[str, ...] = ()
    actor: str | None = None
    outlet: str | None = None
    min_confidence: float | None = None
    contested: bool | None = None


@dataclass(slots=True)
class Ledger:
    """A snapshot of documents (by id) and incidents."""

    documents: Mapping[str, Document] = field(default_factory=dict)
    incidents: Collection[Incident] = field(default_factory=list)
    derived: bool = False  # True when incidents were made one per event, without the corpus layer
    outlets: dict[str, str | None] | None = None  # doc_id -> outlet, held when documents are lazy
    flags: dict[tuple[str, str], bool] | None = None  # (doc_id, event_id) -> background, held when lazy
    source: LazySource | None = None  # the open store lazy documents come from

    @classmethod
    def from_store(cls, store: DocumentSource, lazy: bool = False, incidents: bool = True,
                   stream: bool = False) -> Ledger:
        """The store's documents and incidents; ``lazy`` (needs a ``fogline.store.Store`` kept open while
        the ledger is used) reads documents on demand instead of holding them all, ``stream`` (with
        ``lazy``) the incidents too; ``incidents=False`` leaves incidents out (a documents export needs none)."""
        if lazy:
            return cls._lazy(store, incidents, stream)  # type: ignore[arg-type]
        docs = {d.doc_id: d for d in store.documents()}
        loaded = _load_incidents(store)
        if not loaded and any(not e.background for d in docs.values() for e in d.events):
            return cls(docs, incidents_from_documents(docs.values()), derived=True)
        return cls(docs, loaded)

    @classmethod
    def _lazy(cls, store: LazySource, incidents: bool, stream: bool) -> Ledger:
        outlets = store.doc_outlets()
        docs = StoredDocuments(store, outlets, raw=not stream)
        if not incidents:
            return cls(docs, [], outlets=outlets, source=store)
        flags = None if stream else store.event_flags()  # only the report's views ask; exports never do
        held: Collection[Incident] = StoredIncidents(store) if stream else (_load_incidents(store) or [])
        if not held and store.has_reported_events():
            derived = StoredIncidents(store, docs) if stream else incidents_from_documents(docs.values())
            return cls(docs, derived, True, outlets, flags, store)
        return cls(docs, held, False, outlets, flags, store)

    @classmethod
    def of(cls, documents: Iterable[Document], incidents: Iterable[Incident] | None = None) -> Ledger:
        docs = {d.doc_id: d for d in documents}
        if incidents is None:
            return cls(docs, incidents_from_documents(docs.values()), derived=True)
        return cls(docs, list(incidents))

    def select(self, filters: Filters, places: PlaceMatcher | None = None) -> list[Incident]:
        """The incidents that pass ``filters``, in date order (undated last)."""
        chosen = [i for i in self.incidents if passes(i, filters, places)]
        return sorted(chosen, key=lambda i: (day_of(i.date) or "9999", i.incident_id))

    def fork(self) -> Ledger:
        """This ledger, with lazy documents' page and cache of its own: what one request of the web app
        reads through, while others read the same snapshot."""
        if isinstance(self.documents, StoredDocuments):
            return replace(self, documents=self.documents.fork())
        return self

    def prefetch(self, doc_ids: Iterable[str]) -> None:
        """Say which documents the next lookups need: a lazy ledger reads them in one query."""
        if isinstance(self.documents, StoredDocuments):
            self.documents.prefetch(doc_ids)

    def is_background_event(self, doc_id: str, event_id: str) -> bool | None:
        """Whether the stored event is a background mention; None when there is no such event."""
        if self.flags is not None:
            return self.flags.get((doc_id, event_id))
        doc = self.documents.get(doc_id)
        ev = next((e for e in doc.events if e.event_id == event_id), None) if doc else None
        return ev.background if ev else None

    def doc_facts(self) -> Iterator[DocFacts]:
        """(outlet, genre, is_repost, signals) per document in doc_id order; read from the store (no text)
        when the documents are lazy."""
        if self.source is not None:
            return self.source.doc_facts()  # type: ignore[return-value]
        return ((d.outlet, d.genre, d.is_repost, [(s.kind, s.detail) for s in d.signals])
                for d in self.documents.values())

    def outlets_of(self, incident: Incident) -> list[str]:
        names = {r.outlet or self.doc_outlet(r.doc_id) for r in incident.reports}
        return sorted(n for n in names if n)

    def doc_outlet(self, doc_id: str) -> str | None:
        """The outlet of a stored article (held when the documents are lazy), None when unknown."""
        if self.outlets is not None:
            return self.outlets.get(doc_id)
        doc = self.documents.get(doc_id)
        return doc.outlet if doc else None


class PlaceMatcher(Protocol):
    """Says whether a point lies in a named region (country or district outline)."""

    def contains(self, region: str, lat: float, lon: float) -> bool: ...


def _load_incidents(store: Any) -> list[Incident] | None:
    try:
        from fogline.store.incidents import load_incidents  # type: ignore[import-not-found]
    except ImportError:
        return None
    return list(load_incidents(store))


def incidents_from_documents(docs: Iterable[Document]) -> list[Incident]:
    """One incident per reported (non-background) event: the picture before the corpus layer runs."""
    return list(iter_derived(docs))


def iter_derived(docs: Iterable[Document]) -> Iterator[Incident]:
    """``incidents_from_documents`` one at a time, as ``docs`` are read."""
    for doc in docs:
        satire = doc.genre == "satire"
        for ev in doc.events:
            if ev.background:
                continue
            stances = {c.stance for c in ev.claims}
            n = ev.fatalities
            yield Incident(
                incident_id=f"{doc.doc_id}:{ev.event_id}", sub_event_type=ev.sub_event_type, date=ev.date,
                location=ev.location, actor1=ev.actor1, actor2=ev.actor2,
                reports=[Report(doc.doc_id, ev.event_id, doc.outlet, doc.published, doc.is_repost, satire=satire)],
                claims=[ClaimRecord(doc.doc_id, ev.event_id, c) for c in ev.claims],
                fatalities_low=n, fatalities_best=n, fatalities_high=n,
                injured_low=ev.injured, injured_best=ev.injured, injured_high=ev.injured,
                independent_sources=0 if satire else 1,
                contested=bool(stances & {"denies", "disputes"}) and "asserts" in stances,
                satire_only=satire, reasons=["single report: corpus layer not run"],
            )


def day_of(date: str | None) -> str | None:
    """``YYYY-MM-DD`` when the EDTF date names a full day with a known year, else None."""
    if not date or not _FULL_DATE.match(date):
        return None
    return date[:10]


def sortable(date: str | None) -> str | None:
    """The known leading part of an EDTF date (``2020``, ``2020-12``, ``2020-12-11``), else None."""
    if not date:
        return None
    m = _YEAR_MONTH.match(date)
    if not m:
        return None
    full = _FULL_DATE.match(date)
    return full.group(0) if full else m.group(0)


def passes(inc: Incident, f: Filters, places: PlaceMatcher | None = None) -> bool:
    """Whether one incident passes the filters."""
    if f.types and inc.event_type not in f.types and inc.sub_event_type not in f.types:
        return False
    if f.contested is not None and inc.contested != f.contested:
        return False
    if f.min_confidence is not None and inc.confidence < f.min_confidence:
        return False
    if (f.since or f.until) and not _in_dates(inc, f.since, f.until):
        return False
    if f.actor and not _mentions_actor(inc, f.actor.lower()):
        return False
    if f.outlet and not any(f.outlet.lower() in (r.outlet or "").lower() for r in inc.reports):
        return False
    return not f.region or in_region(inc, f.region, places)


def _in_dates(inc: Incident, since: str | None, until: str | None) -> bool:
    start = sortable(inc.date)
    if start is None:
        return False
    end = sortable(inc.date_end) or start
    if since and end < since[: len(end)]:
        return False
    return not (until and start > until[: len(start)])


def _mentions_actor(inc: Incident, needle: str) -> bool:
    names = [a.name for a in (inc.actor1, inc.actor2) if a]
    names += [c.claim.claimant for c in inc.claims]
    return any(needle in n.lower() for n in names)


def in_region(inc: Incident, region: str, places: PlaceMatcher | None = None) -> bool:
    """Whether the incident's place is named ``region`` or lies in it (country or district)."""
    loc = inc.location
    if loc is None:
        return False
    want = region.strip().lower()
    names = [loc.name, loc.admin1, loc.admin2, loc.country]
    if any(n and n.lower() == want for n in names):
        return True
    return places is not None and places.contains(region, loc.lat, loc.lon)
