"""The per-event records the corpus layer works on: an event with what its article says about itself."""

from __future__ import annotations

import math
from dataclasses import dataclass

from fogline.corpus.dates import When, parse_when
from fogline.corpus.rules import MergeRules
from fogline.model import Event, Place


@dataclass(slots=True)
class DocInfo:
    """What the corpus layer needs of an article: outlet, date, genre, repost status and its origin."""

    doc_id: str
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    genre: str = "unknown"
    is_repost: bool = False
    origin_doc_id: str | None = None  # set by dedup when the article copies another
    signal_kinds: tuple[str, ...] = ()

    @property
    def satire(self) -> bool:
        return self.genre == "satire"

    @property
    def source_key(self) -> str:
        """Who independently stands behind the text: the origin's outlet, else the origin article."""
        return self.origin_doc_id or self.doc_id


@dataclass(slots=True)
class Item:
    """One event of one article, with its parsed date, place class and actor sides."""

    doc: DocInfo
    event: Event
    when: When | None
    coarse: bool
    sides: frozenset[str]
    order: int = 0  # position in the canonical order; set by ``canonical_order``
    topics: frozenset[str] | None = None  # content words of the evidence; set by ``match.topics`` on first use

    @property
    def key(self) -> tuple[str, str]:
        return self.doc.doc_id, self.event.event_id

    @property
    def fine(self) -> bool:
        """A named point and a date of a week or less: the items that found incidents."""
        return (self.event.location is not None and not self.coarse and self.when is not None
                and self.when.days <= 7)


def is_coarse(place: Place, rules: MergeRules) -> bool:
    return place.precision >= 3 or (place.placetype or "") in rules.coarse_placetypes


def actor_sides(event: Event, rules: MergeRules) -> frozenset[str]:
    """The sides an event names: actor countries (equivalents collapsed), else actor names."""
    out = set()
    for actor in (event.actor1, event.actor2):
        if actor is None:
            continue
        out.add(rules.side(actor.country) or actor.name.casefold())
    return frozenset(out)


_WHEN: dict[tuple[str | None, str], When | None] = {}
_WHEN_RULES: list[MergeRules] = []


def _when(event: Event, rules: MergeRules) -> When | None:
    """The event's date as a ``When`` (None past ``max_span_days``), parsed once per date and rules."""
    if not _WHEN_RULES or _WHEN_RULES[0] is not rules or len(_WHEN) > 100_000:
        _WHEN.clear()
        _WHEN_RULES[:] = [rules]
    key = (event.date, event.date_precision)
    if key in _WHEN:
        return _WHEN[key]
    when = parse_when(event.date, event.date_precision, rules)
    when = None if when is not None and when.days > rules.max_span_days else when
    _WHEN[key] = when
    return when


def make_item(doc: DocInfo, event: Event, rules: MergeRules) -> Item:
    when = _when(event, rules)
    coarse = event.location is not None and is_coarse(event.location, rules)
    return Item(doc, event, when, coarse, actor_sides(event, rules))


def sort_key(item: Item) -> tuple[object, ...]:
    """Content first, ids last: the canonical order never depends on the order articles arrived in. Fine items
    first, then by date (known years first), place (rounded) and type; one flat tuple."""
    ev, w = item.event, item.when
    loc = ev.location
    if w is None:
        known, lo, hi = 2, 0, 0
    else:
        known, lo, hi = 0 if w.year_known else 1, w.lo, w.hi
    if loc is None:
        return (1, known, lo, hi, 999.0, 999.0, 9, ev.sub_event_type, item.doc.doc_id, ev.event_id)
    fine = 0 if not item.coarse and w is not None and hi - lo < 7 else 1
    return (fine, known, lo, hi, round(loc.lat, 5), round(loc.lon, 5), loc.precision, ev.sub_event_type,
            item.doc.doc_id, ev.event_id)


def canonical_order(items: list[Item]) -> list[Item]:
    out = sorted(items, key=sort_key)
    for i, item in enumerate(out):
        item.order = i
    return out


def haversine_km(a: Place, b: Place) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))
