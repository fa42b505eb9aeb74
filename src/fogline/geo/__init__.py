"""Stage `geo`: toponyms in the cleaned text resolved to the gazetteer, with score and evidence.

``load(config)`` reads the compiled layers named in ``config.gazetteers`` once per process;
``run(doc, res)`` fills ``doc.places``. Matching and scoring live in ``match.py`` (the world layer's runs of
capitalised words in ``runs.py``) and ``resolve.py``; the compiler in ``build.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fogline.config import Config
from fogline.geo.gazetteer import Entry, Gazetteer, KeyHit, load_gazetteer
from fogline.geo.match import Mention, find_mentions, find_mentions_in_focus, in_route
from fogline.geo.resolve import Candidate, Context, apart, build_context, candidates, decide, score
from fogline.geo.textnorm import fold_codes
from fogline.model import Document, Place

if TYPE_CHECKING:
    from fogline.resources import Resources

PRIMARY_CUES = ("village", "town", "city", "in", "near", "district")
_COMMA = re.compile(r",\s*")


@dataclass(slots=True)
class GeoResources:
    """The loaded gazetteer (all configured layers) and its automaton."""

    gazetteer: Gazetteer


def load(config: Config) -> GeoResources:
    """The gazetteer, the fold's table of code points and the keys for fuzzy matching (built here, before
    workers fork, not in the first article that needs them)."""
    fold_codes()
    gaz = load_gazetteer(list(config.gazetteers))
    gaz.prepare_fuzzy()
    return GeoResources(gaz)


def _parents(text: str, mentions: list[Mention]) -> list[Mention | None]:
    """For ``X, Y`` (``near Koti, Noyemberyan``): Y is X's stated parent."""
    out: list[Mention | None] = []
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        ok = nxt is not None and _COMMA.fullmatch(text, m.end, nxt.start) is not None
        out.append(nxt if ok else None)
    return out


def _precision(c: Candidate, m: Mention) -> int:
    if c.entry.is_admin:
        return 3
    return 2 if m.cue == "near" else 1


def to_place(doc: Document, m: Mention, c: Candidate, evidence: list[str]) -> Place:
    e = c.entry
    return Place(name=e.name, lat=e.lat, lon=e.lon, precision=_precision(c, m),  # type: ignore[arg-type]
                 gazetteer_id=e.gid, country=e.country, admin1=e.admin1, admin2=e.admin2, placetype=e.placetype,
                 mention=doc.span(m.start, m.end), score=round(c.score, 3), evidence=evidence)


def _anchors(mentions: list[Mention], cands: list[list[Candidate]],
             decisions: list[tuple[Candidate | None, list[str]]]) -> list[tuple[float, float, int, str, float]]:
    """Places that pull their neighbours: resolved localities (weight 1), else every reading (weight 0.5)."""
    out: dict[tuple[float, float, str], tuple[float, float, int, str, float]] = {}
    for i, (m, cs, (c, _)) in enumerate(zip(mentions, cands, decisions, strict=True)):
        if c is not None and not c.entry.is_admin:
            out[(round(c.entry.lat, 2), round(c.entry.lon, 2), m.text)] = (c.entry.lat, c.entry.lon, i, m.text, 1.0)
        elif c is None and len(cs) <= 8:
            for x in cs:
                k = (round(x.entry.lat, 2), round(x.entry.lon, 2), m.text)
                if not x.entry.is_admin and k not in out:
                    out[k] = (x.entry.lat, x.entry.lon, i, m.text, 0.5)
    return list(out.values())


def _signature(m: Mention, parent: Mention | None, is_parent: bool) -> tuple[object, ...]:
    """What scoring reads of a mention: equal signatures give equal decisions within one article."""
    return m.text, m.key, m.cue, m.cue_text, m.fuzzy, parent.key if parent else None, is_parent


def _anchored(cs: list[Candidate], name: str, anchors: list[tuple[float, float, int, str, float]]) -> bool:
    """Some anchor other than the name itself may lie near one of the candidates (``resolve._proximity``
    adds nothing to any of them otherwise)."""
    return any(a_name != name and not apart(c.entry.lat, lat, 100) for c in cs for lat, _, _, a_name, _ in anchors)


def resolve_mentions(text: str, gaz: Gazetteer) -> list[tuple[Mention, Candidate | None, list[str]]]:
    """Every kept mention with its decision (two passes: unambiguous places first become anchors; the
    second scores again only the names an anchor may lie near)."""
    mentions, _rejected, focus = find_mentions_in_focus(text, gaz)
    cands = [candidates(m, gaz) for m in mentions]
    ctx: Context = build_context(mentions, cands, focus.countries)
    parents = _parents(text, mentions)
    is_parent = [i > 0 and parents[i - 1] is not None for i in range(len(mentions))]
    sigs = [_signature(m, parents[i], is_parent[i]) for i, m in enumerate(mentions)]
    decisions: list[tuple[Candidate | None, list[str]]] = []
    seen: dict[tuple[object, ...], tuple[Candidate | None, list[str]]] = {}
    for again in (False, True):
        decisions = []
        before, seen = seen, {}
        for i, (m, cs) in enumerate(zip(mentions, cands, strict=True)):
            if sigs[i] not in seen:  # the same name written the same way decides the same
                if again and not _anchored(cs, m.text, ctx.anchors):
                    seen[sigs[i]] = before[sigs[i]]  # no anchor near: scored as in the first pass
                else:
                    score(cs, i, m, ctx, parents[i])
                    seen[sigs[i]] = decide(cs, m, is_parent[i])
            decisions.append(seen[sigs[i]])
        ctx.anchors = _anchors(mentions, cands, decisions)
    return [(m, c, ev) for m, (c, ev) in zip(mentions, decisions, strict=True)]


def run(doc: Document, res: Resources) -> None:
    """Fill ``doc.places`` with every resolved mention of the cleaned text."""
    gaz = res.geo.gazetteer
    doc.places = [to_place(doc, m, c, ev) for m, c, ev in resolve_mentions(doc.text, gaz) if c is not None]


def _is_primary(m: Mention) -> bool:
    return m.cue in PRIMARY_CUES and not m.cue_after and not m.flags


def main_location(doc: Document, gaz: Gazetteer | None = None) -> Place | None:
    """The event's place when events exist; else the article's primary place.

    The primary place is the first mention after a place cue ("in", "near", "village of"), countries and
    ends of route names ("the Yerevan-Vanadzor highway") aside. With the gazetteer at hand, a primary
    mention left unresolved gives ``None`` rather than a fallback elsewhere. Without cues, the first
    locality; a district only when a cue points at it.
    """
    for ev in doc.events:
        if ev.location is not None and ev.location.placetype != "country":  # a country is no coordinate
            return ev.location
    placed = {p.mention.start: p for p in doc.places if p.mention is not None and p.placetype != "country"
              and not in_route(doc.text, p.mention.start, p.mention.end)}
    if gaz is not None:
        mentions, _ = find_mentions(doc.text, gaz)
        for m in mentions:
            if (_is_primary(m) and not all(h_entry(gaz, h).placetype == "country" for h in m.hits)
                    and not in_route(doc.text, m.start, m.end)):
                return placed.get(m.start)
    local = [p for p in placed.values() if p.precision in (1, 2)]
    if local:
        return min(local, key=lambda p: p.mention.start if p.mention else 0)
    cued = [p for p in placed.values() if any("; cue " in ev and "list after" not in ev for ev in p.evidence)]
    return min(cued, key=lambda p: p.mention.start if p.mention else 0) if cued else None


def h_entry(gaz: Gazetteer, hit: KeyHit) -> Entry:
    return gaz.entry(hit.entry)
