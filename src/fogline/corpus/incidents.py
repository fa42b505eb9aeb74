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
from fogline.corpus.reliability import Lookup, no_ratings
from fogline.corpus.rules import MergeRules, default_rules
from fogline.model import ClaimRecord, Incident, Place, Report


def incident_id(items: list[Item]) -> str:
    first = min(it.key for it in items)
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
    seen: set[str] = set()
    sources, lead = [], []
    ordered = items if len(items) == 1 else sorted(items, key=lambda it: (it.doc.origin_doc_id is not None, it.order))
    for item in ordered:
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


def _dates(items: list[Item]) -> tuple[str | None, str | None]:
    days = sorted({it.when.lo for it in items if it.when and it.when.year_known and it.when.days == 1})
    if days:
        first, last = date.fromordinal(days[0]).isoformat(), date.fromordinal(days[-1]).isoformat()
        return first, (last if last != first else None)
    return items[0].event.date, None


def _location(items: list[Item]) -> Place | None:
    placed = [it for it in items if it.event.location is not None]
    if not placed:
        return None
    best = min(placed, key=lambda it: (it.coarse, it.event.location.precision, -it.event.location.score,  # type: ignore[union-attr]
                                       it.order))
    return best.event.location


def _sub_event_type(items: list[Item]) -> str:
    """The most frequent sub_event_type, the first to reach it on a tie."""
    types = [it.event.sub_event_type for it in items]
    if len(types) == 1:
        return types[0]
    counts: dict[str, int] = {}
    for t in types:
        counts[t] = counts.get(t, 0) + 1
    top = max(counts.values())
    return next(t for t in types if counts[t] == top)


def assemble(group: Group, docs: dict[str, DocInfo], ratings: Lookup, rules: MergeRules) -> Incident:
    """One incident from one group of items."""
    items = group.items
    real = [it for it in items if not it.doc.satire]
    own = [it for it in real if it.doc.origin_doc_id is None] or real  # copies repeat their origin
    counted = own or items
    reports, sources, lead = _reports(items, docs)
    sides = frozenset(s for it in real for s in it.sides if s.isupper() and len(s) == 3)
    views = claimant_views(own, sides, rules, ratings)
    fat, inj = casualty_range(views, "fatalities"), casualty_range(views, "injured")
    why_contested = contest(own, views)
    infos = [ratings(it.doc.outlet) if it.doc.outlet else None for it in lead]
    party_media = [i.name for i in infos if i and i.state_controlled and rules.side(i.state_country) in sides]
    evidence = Evidence(
        sources=sources, ratings=infos, copies=sum(1 for r in reports if not r.independent and not r.satire),
        satire_only=not real, satire_reports=len(items) - len(real), party_media=party_media,
        contest=why_contested, certainties=[it.event.certainty for it in own],
        anonymous=sum(1 for it in lead if "anonymous_sourcing" in it.doc.signal_kinds),
        figures_differ=fat.low is not None and fat.low != fat.high,
    )
    confidence, reasons = score(evidence)
    first, last = _dates(counted)
    anchor = counted[0].event
    return Incident(
        incident_id=incident_id(items), sub_event_type=_sub_event_type(counted), date=first, date_end=last,
        location=_location(counted), actor1=anchor.actor1, actor2=anchor.actor2, reports=reports,
        claims=[ClaimRecord(it.doc.doc_id, it.event.event_id, c) for it in own for c in it.event.claims],
        claimants=views, fatalities_low=fat.low, fatalities_best=fat.best, fatalities_high=fat.high,
        injured_low=inj.low, injured_best=inj.best, injured_high=inj.high, best_basis=fat.basis or inj.basis,
        independent_sources=len(sources), outlets=sorted({r.outlet for r in reports if r.outlet}),
        contested=bool(why_contested), satire_only=not real, confidence=confidence, reasons=reasons,
        merge_reasons=list(group.reasons),
    )


def build_incidents(items: list[Item], docs: dict[str, DocInfo], rules: MergeRules | None = None,
                    ratings: Lookup = no_ratings) -> list[Incident]:
    """Group items and assemble one incident per group, sorted by (date, id)."""
    rules = rules or default_rules()
    return sorted((assemble(g, docs, ratings, rules) for g in group_items(items, rules)), key=incident_order)


def incident_order(incident: Incident) -> tuple[str, str]:
    """How incidents are listed: by date (undated last), then id."""
    return incident.date or "~", incident.incident_id
