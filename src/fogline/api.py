"""The Python API: analyse one article in a notebook, or read a store as records or DataFrames.

    import fogline
    doc = fogline.analyze("Police fired tear gas at protesters in Minsk on Sunday ...", published="2020-09-13")
    doc.events[0].sub_event_type            # 'Protest with intervention'
    ledger = fogline.open("fogline.duckdb")
    ledger.events()                         # a pandas DataFrame (pip install fogline[pandas]) ...
    ledger.events(as_frame=False)           # ... or a list of typed ``EventRow`` records

``analyze`` runs the same ``pipeline.analyse`` as the CLI with resources loaded once per process
(``default_resources()``); ``open`` reads through the store's functions, never its SQL.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fogline.model import ArticleMeta, Document, Event, Incident, RawArticle, Rejected

if TYPE_CHECKING:
    from fogline.resources import Resources
    from fogline.store import Store

MAX_PATH_CHARS = 4096  # a longer string (or one with a newline) is article text, never a path


class AnalyzeError(ValueError):
    """The input could not be read as an article; the message names the source and the reason."""


@cache
def default_resources() -> Resources:
    """The process-wide resources (spaCy, gazetteer, catalogues), loaded on first use."""
    from fogline.resources import Resources

    return Resources()


def _is_path(x: str | Path) -> bool:
    if isinstance(x, Path):
        return True
    return len(x) < MAX_PATH_CHARS and "\n" not in x and Path(x).is_file()


def _read(x: str | Path, res: Resources) -> RawArticle:
    from fogline.ingest import read_bytes

    if _is_path(x):
        path = Path(x)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise AnalyzeError(f"{path}: cannot read: {exc.strerror or exc}") from exc
        items = read_bytes(data, str(path), res.config)
    else:
        items = read_bytes(str(x).encode("utf-8"), "<text>", res.config)
    first = items[0] if items else Rejected(str(x)[:80], "no article found")
    if isinstance(first, Rejected):
        raise AnalyzeError(f"{first.source}: {first.reason}")
    return first


def analyze(text_or_path: str | Path, *, title: str | None = None, published: str | None = None,
            outlet: str | None = None, url: str | None = None, resources: Resources | None = None) -> Document:
    """Analyse one article given as text or as a path; metadata given here overrides what was read."""
    res = resources or default_resources()
    raw = _read(text_or_path, res)
    given = ArticleMeta(url=url, title=title, published=_edtf(published), outlet=outlet)
    raw.meta = ArticleMeta(**{k: getattr(given, k) or getattr(raw.meta, k) for k in ("url", "title", "published",
                                                                                     "outlet")})
    from fogline.pipeline import analyse

    return analyse(raw, res)


def _edtf(published: str | None) -> str | None:
    if published is None:
        return None
    from fogline.ingest.dates import edtf_or_none

    value = edtf_or_none(published)
    if value is None:
        raise AnalyzeError(f"published: cannot read {published!r} as a date")
    return value


@dataclass(slots=True)
class EventRow:
    """One stored event, flattened for tables: the article it came from and the event's fields."""

    doc_id: str
    event_id: str
    event_type: str
    sub_event_type: str
    date: str | None
    background: bool
    actor1: str | None
    actor1_country: str | None
    actor2: str | None
    actor2_country: str | None
    location: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    injured: int | None
    certainty: str
    claimants: str


@dataclass(slots=True)
class DocumentRow:
    """One stored article's metadata and counts."""

    doc_id: str
    source: str
    title: str | None
    published: str | None
    outlet: str | None
    genre: str
    is_repost: bool
    events: int
    places: int


@dataclass(slots=True)
class IncidentRow:
    """One incident of the corpus layer, flattened."""

    incident_id: str
    event_type: str
    sub_event_type: str
    date: str | None
    date_end: str | None
    location: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    actor1: str | None
    actor2: str | None
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    reports: int
    independent_sources: int
    contested: bool
    confidence: float


def event_row(doc_id: str, ev: Event) -> EventRow:
    loc = ev.location
    a1, a2 = ev.actor1, ev.actor2
    return EventRow(
        doc_id, ev.event_id, ev.event_type, ev.sub_event_type, ev.date, ev.background,
        a1.name if a1 else None, a1.country if a1 else None, a2.name if a2 else None, a2.country if a2 else None,
        loc.name if loc else None, loc.country if loc else None, loc.lat if loc else None, loc.lon if loc else None,
        loc.precision if loc else None, ev.fatalities, ev.injured, ev.certainty,
        "; ".join(f"{c.claimant} ({c.stance})" for c in ev.claims),
    )


def document_row(doc: Document) -> DocumentRow:
    return DocumentRow(doc.doc_id, doc.source, doc.title, doc.published, doc.outlet, doc.genre, doc.is_repost,
                       len(doc.events), len(doc.places))


def incident_row(inc: Incident) -> IncidentRow:
    loc = inc.location
    return IncidentRow(
        inc.incident_id, inc.event_type, inc.sub_event_type, inc.date, inc.date_end, loc.name if loc else None,
        loc.country if loc else None, loc.lat if loc else None, loc.lon if loc else None,
        inc.actor1.name if inc.actor1 else None, inc.actor2.name if inc.actor2 else None, inc.fatalities_low,
        inc.fatalities_best, inc.fatalities_high, len(inc.reports), inc.independent_sources, inc.contested,
        round(inc.confidence, 3),
    )


def _frame(rows: list[Any], as_frame: bool) -> Any:
    if not as_frame:
        return rows
    try:
        import pandas as pd
    except ImportError as exc:  # the optional extra
        raise ImportError("DataFrames need pandas: pip install 'fogline[pandas]' (or pass as_frame=False)") from exc
    return pd.DataFrame([asdict(r) for r in rows])


class Ledger:
    """A fogline store opened for reading from Python."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def documents(self, as_frame: bool = True) -> Any:
        return _frame([document_row(d) for d in self.store.documents()], as_frame)

    def events(self, as_frame: bool = True, background: bool = True) -> Any:
        rows = [event_row(doc_id, ev) for doc_id, ev in self.store.events() if background or not ev.background]
        return _frame(rows, as_frame)

    def incidents(self, as_frame: bool = True) -> Any:
        from fogline.store.incidents import load_incidents

        return _frame([incident_row(i) for i in load_incidents(self.store)], as_frame)

    def document(self, doc_id: str) -> Document | None:
        """One analysed article (all its fields) by id or unique id prefix."""
        return self.store.document(doc_id)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: str | Path = "fogline.duckdb") -> Ledger:
    """Open an existing store; a missing file is an error, never a new empty store."""
    from fogline.store import Store

    if str(path) != ":memory:" and not Path(path).exists():
        raise FileNotFoundError(f"no store at {path}; run `fogline analyze PATHS --db {path}` first")
    return Ledger(Store.open(path, read_only=True))
