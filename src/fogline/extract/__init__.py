"""Stage `extract`: ACLED-typed events with actors, dates, casualties, places and claims.

Reads ``doc.sentences`` (parsed where the nlp cascade let them through) and ``doc.places`` (geo);
fills ``doc.events``. Data: data/extract/events.json (cues per sub_event_type), actors.json (the
actor catalogue), reporting.json (claim frames); dates.py, numbers.py and casualties.py parse the
figures. Actor names follow ACLED without the period suffix: "Military Forces of Azerbaijan".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from fogline.config import Config
from fogline.extract import assemble, events, retrospect
from fogline.extract.catalogue import Catalogue, load_catalogue
from fogline.extract.claims import Reporting, load_reporting, quote_speakers
from fogline.extract.dateindex import line_breaks
from fogline.extract.detect import EventCues, build_cues
from fogline.model import Document, Event

if TYPE_CHECKING:
    from fogline.resources import Resources


@dataclass(slots=True)
class ExtractResources:
    """The actor catalogue, event cues and reporting frames, loaded once per process."""

    catalogue: Catalogue
    cues: EventCues
    reporting: Reporting
    families: retrospect.Families


def load(config: Config) -> ExtractResources:
    from fogline.nlp import build_cue_index, load_event_data

    data = load_event_data()
    cues = build_cues(data, build_cue_index(data))
    return ExtractResources(load_catalogue(), cues, load_reporting(), retrospect.Families.load())


UNDATED = "date: the publication month (the text does not date this event)"
SIBLING_MONTH = "date: the month of the article's dated events of the same kind (the text does not date this one)"


def _casualty_finder() -> Callable[[str, int, int], list[Any]]:
    try:
        from fogline.extract.casualties import find_casualties
    except ImportError:  # pragma: no cover - the casualty parser is optional while it is being written
        return lambda text, start, end: []
    return find_casualties


def _date_index(doc: Document) -> Any:
    from fogline.extract.dateindex import date_index

    return date_index(doc.text, doc.published)


def context(doc: Document, xres: ExtractResources) -> events.Context:
    mentions = xres.catalogue.find(doc.text)
    breaks = line_breaks(doc.text)
    speakers = quote_speakers(doc.text, doc.sentences, mentions)
    return events.Context(
        doc.text,
        doc.sentences,
        mentions,
        doc.places,
        partial(_date_index, doc),
        speakers,
        xres.cues,
        xres.reporting,
        xres.catalogue,
        breaks,
        _casualty_finder(),
        len(doc.text.split()),
    )


def run(doc: Document, res: Resources) -> None:
    """Fill ``doc.events``."""
    if not doc.sentences or not any(s.parse is not None for s in doc.sentences):
        doc.events = []
        return
    xres = res.extract
    ctx = context(doc, xres)
    found = events.drafts(ctx)
    if not found:  # no event after all: the article's dates are never scanned (``Context.dates``)
        doc.events = []
        return
    drafts = assemble.merge(found, xres.cues, xres.catalogue, ctx.dates.pub)
    retrospect.backdate(drafts, xres.families, ctx.sents, republished=bool(doc.published) and ctx.dates.pub is None)
    for d in drafts:  # an event the text does not date, or dates only by a neighbour's lent date: the month of
        if (d.date is None or d.date.borrowed) and not d.background and ctx.dates.default is not None:
            sibling = assemble.sibling_month(d, drafts)  # its dated tellings of the same kind, else of publication
            d.date = sibling or ctx.dates.default
            d.notes.append(SIBLING_MONTH if sibling else UNDATED)
    named = xres.catalogue.countries_named(doc.text, ctx.mentions)
    country = assemble.main_country(doc.places, named)
    cat, rep = xres.catalogue, xres.reporting
    doc.events = [assemble.to_event(d, doc.doc_id, doc.text, country, cat, named, rep) for d in drafts]
    unique_ids(doc.events)


def unique_ids(evs: list[Event]) -> None:
    """Two events the same evidence, subtype and place still tell apart (a suffix in article order)."""
    seen: dict[str, int] = {}
    for ev in evs:
        n = seen[ev.event_id] = seen.get(ev.event_id, 0) + 1
        if n > 1:
            ev.event_id = f"{ev.event_id}-{n}"
