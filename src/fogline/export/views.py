"""The views the report and the web workspace share: summaries, evidence, contest, outlets, timeline.

Everything here is plain data (dicts of str/int/float/bool/list) so that Jinja (autoescaped) and the
browser (``textContent``) render it; nothing here builds HTML from article text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from fogline.export.ledger import Ledger, day_of
from fogline.model import Document, Event, Incident, Report, Span

TYPE_COLOURS: dict[str, str] = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4",
}
RATING_KINDS = ("rating", "state_media", "state_affiliated")
_PRIORITY = {"claim-asserts": 4, "claim-denies": 4, "claim-disputes": 4, "place": 2, "actor": 1, "evidence": 0.5}


def casualties(inc: Incident) -> int:
    """The figure a marker is sized by: best (else high) fatalities plus injured."""
    dead = inc.fatalities_best if inc.fatalities_best is not None else inc.fatalities_high
    hurt = inc.injured_best if inc.injured_best is not None else inc.injured_high
    return (dead or 0) + (hurt or 0)


def figure_range(low: int | None, best: int | None, high: int | None) -> str:
    """``12`` or ``12–20``: how the report prints a figure's range (empty when unknown)."""
    vals = [v for v in (low, best, high) if v is not None]
    if not vals:
        return ""
    lo, hi = min(vals), max(vals)
    return str(lo) if lo == hi else f"{lo}–{hi}"


def summary(inc: Incident, ledger: Ledger) -> dict[str, Any]:
    loc = inc.location
    return {
        "incident_id": inc.incident_id, "event_type": inc.event_type, "sub_event_type": inc.sub_event_type,
        "date": inc.date, "date_end": inc.date_end, "day": day_of(inc.date),
        "location": loc.name if loc else None, "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "geo_precision": loc.precision if loc else None, "country": loc.country if loc else None,
        "actor1": inc.actor1.name if inc.actor1 else None, "actor2": inc.actor2.name if inc.actor2 else None,
        "fatalities_low": inc.fatalities_low, "fatalities_best": inc.fatalities_best,
        "fatalities_high": inc.fatalities_high, "injured_low": inc.injured_low, "injured_best": inc.injured_best,
        "injured_high": inc.injured_high, "casualties": casualties(inc),
        "contested": inc.contested, "satire_only": inc.satire_only, "background": is_background(inc, ledger),
        "confidence": round(inc.confidence, 3),
        "independent_sources": inc.independent_sources, "reports": len(inc.reports),
        "outlets": ledger.outlets_of(inc), "claimants": sorted({c.claim.claimant for c in inc.claims}),
        "reasons": list(inc.reasons),
    }


def is_background(inc: Incident, ledger: Ledger) -> bool:
    """True when every report of the incident is a background mention (a past event recalled)."""
    flags = [ledger.is_background_event(r.doc_id, r.event_id) for r in inc.reports]
    known = [f for f in flags if f is not None]
    return bool(known) and all(known)


@dataclass(slots=True)
class _Mark:
    start: int
    end: int
    kind: str


def _marks(ev: Event) -> list[_Mark]:
    out = [_Mark(c.evidence.start, c.evidence.end, f"claim-{c.stance}") for c in ev.claims if c.evidence]
    if ev.location and ev.location.mention:
        out.append(_Mark(ev.location.mention.start, ev.location.mention.end, "place"))
    out += [_Mark(a.mention.start, a.mention.end, "actor") for a in (ev.actor1, ev.actor2) if a and a.mention]
    return out


def pieces(text: str, span: Span, marks: list[_Mark]) -> list[dict[str, str | None]]:
    """Split ``text[span]`` into runs, each with the strongest mark covering it (or None)."""
    start, end = max(span.start, 0), min(span.end, len(text))
    if end <= start:
        return [{"text": span.text, "mark": None}]
    kinds: list[str | None] = [None] * (end - start)
    for m in sorted(marks, key=lambda m: _PRIORITY.get(m.kind, 0.1)):
        for i in range(max(m.start, start), min(m.end, end)):
            kinds[i - start] = m.kind
    runs: list[dict[str, str | None]] = []
    pos = start
    for kind, group in groupby(kinds):
        n = sum(1 for _ in group)
        runs.append({"text": text[pos:pos + n], "mark": kind})
        pos += n
    return runs


def _evidence_spans(ev: Event) -> list[Span]:
    spans = list(ev.evidence)
    for c in ev.claims:
        e = c.evidence
        if e and not any(s.start <= e.start and e.end <= s.end for s in spans):
            spans.append(e)
    return sorted(spans, key=lambda s: s.start)


def event_evidence(doc: Document, ev: Event) -> list[list[dict[str, str | None]]]:
    """Each evidence sentence of ``ev`` as runs of text with claim, place and actor marks."""
    marks = _marks(ev)
    return [pieces(doc.text, s, marks) for s in _evidence_spans(ev)]


def report_views(inc: Incident, ledger: Ledger, article: bool = True) -> list[dict[str, Any]]:
    """For each report of an incident: its article's outlet, date, title and highlighted evidence, and
    (``article``, what the workspace's source view shows) the whole article with its cuts marked."""
    ledger.prefetch(r.doc_id for r in inc.reports)  # a lazy ledger reads them in one query
    return [report_view(r, ledger.documents.get(r.doc_id), article) for r in inc.reports]


def report_view(r: Report, doc: Document | None, article: bool = True) -> dict[str, Any]:
    """One report of an incident as ``report_views`` shows it (``doc`` None: the article is not stored)."""
    view = joined_view(report_side(r), article_side(doc, r.event_id) if doc else None)
    if doc and article:
        view["article"] = article_pieces(doc, _event_of(doc, r.event_id))
    return view


def _event_of(doc: Document, event_id: str) -> Event | None:
    return next((e for e in doc.events if e.event_id == event_id), None)


def report_side(r: Report) -> dict[str, Any]:
    """What a report's card shows from the incident's report itself (the rest comes from its article)."""
    return {"doc_id": r.doc_id, "event_id": r.event_id, "outlet": r.outlet, "published": r.published,
            "is_repost": r.is_repost, "satire": r.satire}


def article_side(doc: Document, event_id: str) -> dict[str, Any]:
    """What a report's card shows from its stored article: outlet, date, title, rating signals and the
    event's highlighted evidence (none when the article no longer holds that event)."""
    ev = _event_of(doc, event_id)
    return {"outlet": doc.outlet, "published": doc.published, "title": doc.title, "url": doc.url,
            "certainty": ev.certainty if ev else None, "ratings": ratings_of(doc),
            "sentences": event_evidence(doc, ev) if ev else []}


def joined_view(rep: dict[str, Any], art: dict[str, Any] | None) -> dict[str, Any]:
    """``report_view`` (without the whole article) from ``report_side`` and ``article_side`` (None: the
    article is not stored)."""
    return {
        "doc_id": rep["doc_id"], "event_id": rep["event_id"],
        "outlet": rep["outlet"] or (art["outlet"] if art else None),
        "published": rep["published"] or (art["published"] if art else None),
        "title": art["title"] if art else None, "url": art["url"] if art else None,
        "is_repost": rep["is_repost"], "satire": rep["satire"], "certainty": art["certainty"] if art else None,
        "ratings": art["ratings"] if art else [], "sentences": art["sentences"] if art else [], "article": [],
    }


def ratings_of(doc: Document) -> list[str]:
    """The outlet's rating signals (credibility ratings, state media) as ``kind: detail``."""
    return sorted({f"{s.kind}: {s.detail}" if s.detail else s.kind for s in doc.signals
                   if any(k in s.kind for k in RATING_KINDS)})


def article_pieces(doc: Document, ev: Event | None) -> list[dict[str, str | None]]:
    """The whole raw article as runs: cut spans marked ``cut-<kind>``, the event's evidence and claims
    marked too (their ``text`` offsets mapped back to ``raw``)."""
    marks = [_Mark(c.start, c.end, f"cut-{c.kind}") for c in doc.removed]
    if ev is not None:
        for m in [*(_Mark(s.start, s.end, "evidence") for s in _evidence_spans(ev)), *_marks(ev)]:
            marks.append(_Mark(doc.raw_offset(m.start), doc.raw_offset(m.end), m.kind))
    return pieces(doc.raw, Span(0, len(doc.raw), doc.raw), marks)


def claim_line(claimant: str, stance: str, fatalities: int | None, injured: int | None) -> str:
    figures = [f"{n} {w}" for n, w in ((fatalities, "killed"), (injured, "wounded")) if n is not None]
    return f"{claimant}: {', '.join([*figures, stance])}"


def contest_view(inc: Incident, ledger: Ledger, summarised: dict[str, Any] | None = None) -> dict[str, Any]:
    """The claims on one incident side by side, one column per claimant (``summarised``: its ``summary``,
    when made already)."""
    by_claimant: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in inc.claims:
        c = rec.claim
        by_claimant[c.claimant].append({
            "stance": c.stance, "fatalities": c.fatalities, "injured": c.injured,
            "country": c.claimant_country, "outlet": ledger.doc_outlet(rec.doc_id),
            "evidence": c.evidence.text if c.evidence else None,
        })
    sides = [{"claimant": k, "claims": v} for k, v in by_claimant.items()]
    line = "; ".join(claim_line(s["claimant"], s["claims"][0]["stance"], s["claims"][0]["fatalities"],
                                s["claims"][0]["injured"]) for s in sides)
    return {"summary": summarised or summary(inc, ledger), "sides": sides, "line": line}


def outlets_view(ledger: Ledger) -> list[dict[str, Any]]:
    """Every outlet in the store with its article count, genres, reposts and rating signals."""
    rows: dict[str, dict[str, Any]] = {}
    for outlet, genre, is_repost, signals in ledger.doc_facts():
        name = outlet or "(unknown outlet)"
        row = rows.setdefault(name, {"outlet": name, "documents": 0, "genres": Counter(), "reposts": 0,
                                     "ratings": set()})
        row["documents"] += 1
        row["genres"][genre] += 1
        row["reposts"] += int(is_repost)
        for kind, detail in signals:
            if any(k in kind for k in RATING_KINDS):
                row["ratings"].add(f"{kind}: {detail}" if detail else kind)
    out = []
    for row in sorted(rows.values(), key=lambda r: (-r["documents"], r["outlet"])):
        genres = ", ".join(f"{g} {n}" for g, n in row["genres"].most_common())
        out.append({**row, "genres": genres, "ratings": sorted(row["ratings"])})
    return out


class Timeline:
    """Incidents per day and type, counted one incident at a time; undated ones (or with an unknown year)
    counted apart."""

    def __init__(self) -> None:
        self.days: dict[str, Counter[str]] = defaultdict(Counter)
        self.undated = 0

    def add(self, inc: Incident) -> None:
        self.add_day(day_of(inc.date), inc.event_type)

    def add_day(self, day: str | None, event_type: str) -> None:
        if day is None:
            self.undated += 1
        else:
            self.days[day][event_type] += 1

    def view(self) -> dict[str, Any]:
        days = self.days
        series = [{"day": d, "counts": dict(days[d]), "total": sum(days[d].values())} for d in sorted(days)]
        return {"days": series, "undated": self.undated}


def timeline(incidents: Iterable[Incident]) -> dict[str, Any]:
    """Incidents per day and type; undated ones (or with an unknown year) counted apart."""
    counted = Timeline()
    for inc in incidents:
        counted.add(inc)
    return counted.view()


def document_view(doc: Document) -> dict[str, Any]:
    """One analysed article as the workspace shows it: metadata, signals, events with evidence."""
    events = []
    for ev in doc.events:
        loc = ev.location
        events.append({
            "event_id": ev.event_id, "event_type": ev.event_type, "sub_event_type": ev.sub_event_type,
            "date": ev.date, "certainty": ev.certainty, "background": ev.background,
            "location": loc.name if loc else None, "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
            "actor1": ev.actor1.name if ev.actor1 else None, "actor2": ev.actor2.name if ev.actor2 else None,
            "fatalities": ev.fatalities, "injured": ev.injured,
            "claims": [claim_line(c.claimant, c.stance, c.fatalities, c.injured) for c in ev.claims],
            "sentences": event_evidence(doc, ev),
        })
    return {
        "doc_id": doc.doc_id, "source": doc.source, "title": doc.title, "outlet": doc.outlet,
        "published": doc.published, "url": doc.url, "genre": doc.genre, "is_repost": doc.is_repost,
        "signals": [{"kind": s.kind, "detail": s.detail} for s in doc.signals],
        "removed": [{"kind": c.kind, "chars": c.end - c.start, "reason": c.reason} for c in doc.removed],
        "places": [{"name": p.name, "lat": p.lat, "lon": p.lon, "precision": p.precision} for p in doc.places],
        "events": events, "text": doc.text,
    }
