"""Incidents: the groups of ``clustering`` turned into ``Incident`` records with reports, claims by
side, casualty ranges, independent sources and confidence.

Ids are stable: ``inc_`` + a hash of the smallest (doc_id, event_id) among the incident's reports,
so the same articles give the same ids whatever order they arrived in.
"""

from __future__ import annotations

import hashlib
from datetime import date

from fogline.corpus.clustering import Group, group_items
from fogline.corpus.confidence import Evidence, score
from fogline.corpus.items import DocInfo, Item
from fogline.corpus.ranges import casualty_range, claimant_views, contest
from fogline.corpus.reliability import Lookup, OutletInfo, no_ratings
from fogline.corpus.rules import MergeRules, default_rules
from fogline.model import ClaimRecord, Incident, Place, Report


def incident_id(items: list[Item]) -> str:
    first = items[0].key if len(items) == 1 else min(it.key for it in items)
    return "inc_" + hashlib.sha1("\x1f".join(first).encode("utf-8")).hexdigest()[:12]


def _source_name(doc: DocInfo, docs: dict[str, DocInfo]) -> str:
    origin = docs.get(doc.origin_doc_id or "", doc)
    return origin.outlet or f"article {origin.doc_id[:12]}"


def _report(item: Item, independent: bool) -> Report:
    ev, doc = item.event, item.doc
    return Report(  # positional, in field order: one per event of every incident written
        doc.doc_id, ev.event_id, doc.outlet, doc.published, doc.is_repost, doc.origin_doc_id, doc.satire, doc.title,
        doc.url, ev.sub_event_type, ev.date, ev.location.name if ev.location else None, ev.fatalities, ev.injured,
        ev.certainty, ev.evidence[0].text if ev.evidence else None, independent,
    )


def _reports(items: list[Item], docs: dict[str, DocInfo]) -> tuple[list[Report], list[str], list[Item]]:
    """Reports in canonical order; the first report of each source is the independent one."""
    if len(items) == 1:  # most incidents: one report, independent unless satire
        item = items[0]
        if item.doc.satire:
            return [_report(item, False)], [], []
        return [_report(item, True)], [_source_name(item.doc, docs)], items
    seen: set[str] = set()
    sources, lead = [], []
    for item in sorted(items, key=lambda it: (it.doc.origin_doc_id is not None, it.order)):
        if item.doc.satire:
            continue
        name = _source_name(item.doc, docs)
        folded = name.casefold()
        if folded not in seen:
            seen.add(folded)
            sources.append(name)
            lead.append(item)
    lead_ids = {id(it) for it in lead}
    reports = [_report(it, id(it) in lead_ids) for it in items]
    return reports, sources, lead


_ISO: dict[int, str] = {}
"""Day ordinal -> ISO date, as incidents' dates are written (a few thousand days at most)."""


def _iso(day: int) -> str:
    if (text := _ISO.get(day)) is None:
        text = _ISO[day] = date.fromordinal(day).isoformat()
    return text


def _dates(items: list[Item]) -> tuple[str | None, str | None]:
    """First and last day the items name exactly (the last None when the same), else the first item's date."""
    days = [w.lo for it in items if (w := it.when) is not None and w.year_known and w.lo == w.hi]
    if not days:
        return items[0].event.date, None
    first, last = min(days), max(days)
    return _iso(first), (_iso(last) if last != first else None)


def _location(items: list[Item]) -> Place | None:
    if len(items) == 1:
        return items[0].event.location
    placed = [it for it in items if it.event.location is not None]
    if not placed:
        return None
    best = min(placed, key=lambda it: (it.coarse, it.event.location.precision, -it.event.location.score,  # type: ignore[union-attr]
                                       it.order))
    return best.event.location


def _sub_event_type(items: list[Item]) -> str:
    """The most frequent sub_event_type, the first to reach it on a tie."""
    if len(items) == 1:
        return items[0].event.sub_event_type
    types = [it.event.sub_event_type for it in items]
    counts: dict[str, int] = {}
    for t in types:
        counts[t] = counts.get(t, 0) + 1
    top = max(counts.values())
    return next(t for t in types if counts[t] == top)


def _members(items: list[Item]) -> tuple[list[Item], list[Item]]:
    """(real, own): the items not satire, and of those the ones no copy (all of them when every one is)."""
    if len(items) == 1:
        return ([], []) if items[0].doc.satire else (items, items)
    real = [it for it in items if not it.doc.satire]
    return real, [it for it in real if it.doc.origin_doc_id is None] or real  # copies repeat their origin


def _evidence(items: list[Item], real: list[Item], own: list[Item], lead: list[Item], reports: list[Report],
              sources: list[str], ratings: Lookup, rules: MergeRules, sides: frozenset[str], why_contested: list[str],
              figures_differ: bool) -> Evidence:
    """What the incident's confidence is computed from."""
    infos: list[OutletInfo | None] = []
    party_media: list[str] = []
    anonymous = 0
    for it in lead:
        info = ratings(it.doc.outlet) if it.doc.outlet else None
        infos.append(info)
        if info and info.state_controlled and rules.side(info.state_country) in sides:
            party_media.append(info.name)
        if "anonymous_sourcing" in it.doc.signal_kinds:
            anonymous += 1
    copies = 0 if len(reports) == 1 else sum(1 for r in reports if not r.independent and not r.satire)
    return Evidence(sources, infos, copies, not real, len(items) - len(real), party_media, why_contested,
                    [it.event.certainty for it in own], anonymous, figures_differ)


def assemble(group: Group, docs: dict[str, DocInfo], ratings: Lookup, rules: MergeRules) -> Incident:
    """One incident from one group of items."""
    if len(group.items) == 1 and not group.items[0].doc.satire:
        return _single(group, docs, ratings, rules)
    return _assemble(group, docs, ratings, rules)


def _single(group: Group, docs: dict[str, DocInfo], ratings: Lookup, rules: MergeRules) -> Incident:
    """``_assemble`` of one report that is not satire (most incidents): the same incident, without the passes
    that weigh reports against each other (its source is independent, it is its own anchor, nothing copies)."""
    item = group.items[0]
    ev, doc = item.event, item.doc
    sides = frozenset(s for s in item.sides if s.isupper() and len(s) == 3)
    views = claimant_views(group.items, sides, rules, ratings)
    fat, inj = casualty_range(views, "fatalities"), casualty_range(views, "injured")
    why_contested = contest(group.items, views)
    info = ratings(doc.outlet) if doc.outlet else None
    party_media = [info.name] if info and info.state_controlled and rules.side(info.state_country) in sides else []
    confidence, reasons = score(Evidence(
        [_source_name(doc, docs)], [info], 0, False, 0, party_media, why_contested, [ev.certainty],
        1 if "anonymous_sourcing" in doc.signal_kinds else 0, fat.low is not None and fat.low != fat.high))
    w = item.when
    return Incident(  # positional, in field order
        incident_id(group.items), ev.sub_event_type, _iso(w.lo) if w and w.year_known and w.lo == w.hi else ev.date,
        None, ev.location, ev.actor1, ev.actor2, [_report(item, True)],
        [ClaimRecord(doc.doc_id, ev.event_id, c) for c in ev.claims], views, fat.low, fat.best, fat.high, inj.low,
        inj.best, inj.high, fat.basis or inj.basis, 1, [doc.outlet] if doc.outlet else [], bool(why_contested), False,
        confidence, reasons, list(group.reasons),
    )


def _assemble(group: Group, docs: dict[str, DocInfo], ratings: Lookup, rules: MergeRules) -> Incident:
    """One incident from any group of items."""
    items = group.items
    real, own = _members(items)
    counted = own or items
    reports, sources, lead = _reports(items, docs)
    sides = frozenset(s for it in real for s in it.sides if s.isupper() and len(s) == 3)
    views = claimant_views(own, sides, rules, ratings)
    fat, inj = casualty_range(views, "fatalities"), casualty_range(views, "injured")
    why_contested = contest(own, views)
    confidence, reasons = score(_evidence(items, real, own, lead, reports, sources, ratings, rules, sides,
                                          why_contested, fat.low is not None and fat.low != fat.high))
    first, last = _dates(counted)
    anchor = counted[0].event
    return Incident(  # positional, in field order
        incident_id(items), _sub_event_type(counted), first, last, _location(counted), anchor.actor1, anchor.actor2,
        reports, [ClaimRecord(it.doc.doc_id, it.event.event_id, c) for it in own for c in it.event.claims], views,
        fat.low, fat.best, fat.high, inj.low, inj.best, inj.high, fat.basis or inj.basis, len(sources),
        sorted({r.outlet for r in reports if r.outlet}), bool(why_contested), not real, confidence, reasons,
        list(group.reasons),
    )


def build_incidents(items: list[Item], docs: dict[str, DocInfo], rules: MergeRules | None = None,
                    ratings: Lookup = no_ratings) -> list[Incident]:
    """Group items and assemble one incident per group, sorted by (date, id)."""
    rules = rules or default_rules()
    return sorted((assemble(g, docs, ratings, rules) for g in group_items(items, rules)), key=incident_order)


def incident_order(incident: Incident) -> tuple[str, str]:
    """How incidents are listed: by date (undated last), then id."""
    return incident.date or "~", incident.incident_id
