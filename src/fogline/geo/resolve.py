"""Choosing the gazetteer entry a mention names, with document context, and saying why.

Each candidate is scored from: how the spelling matched (exact name, rule-made variant, fuzzy), its
place type against the cue words ("village of", "district"), population, whether it is a community or
the village its community is named after (it beats a hamlet named alike), the districts and countries
the article names elsewhere (``X, Y`` puts X inside Y, or near town Y when Y is a district seat), and
nearness to the places already resolved without doubt. Candidates closer than ``SAME_PLACE_KM`` (and
a district with its own seat) count as one place. A mention whose two best places are far apart and
nearly tied stays unresolved: no coordinate is better than a wrong one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache

from fogline.geo.gazetteer import Entry, Gazetteer
from fogline.geo.match import Mention

SAME_PLACE_KM = 10.0
SEAT_KM = 30.0  # a district and a town named alike this close are one place
REGION_KM = 60.0  # a region known only by its centre (world layer) counts as around it
PRIMARY_NAMES = 3  # the first names of an entry (English, Azerbaijani, Who's On First) are its own
MIN_SCORE = 0.9
MIN_MARGIN = 0.25
MIN_MARGIN_SAME_AREA = 0.02  # two records of one district under 50 km apart: take the better record
SEAT_BONUS = 0.3  # a community (localadmin) or the village that is its seat beats a hamlet named alike
PARENT_NEAR_KM = 40.0  # ``X, Y`` with Y a town: X's readings this close to one of Y's
LARGEST_BONUS, LARGEST_FACTOR, LARGEST_MIN_POPULATION = 0.3, 3.0, 50_000
FOCUS_BONUS = 0.4  # a place in a country the article is about beats a bigger namesake elsewhere
TYPE_PRIOR = {"country": 0.45, "macroregion": 0.2, "region": 0.3, "county": 0.15, "localadmin": 0.0,
              "locality": 0.1, "neighbourhood": -0.2}


@dataclass(slots=True)
class Candidate:
    """One entry a mention may name, with its score and the reasons for it."""

    idx: int
    entry: Entry
    rules: str
    name_idx: int = 0
    score: float = 0.0
    evidence: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Resolution:
    """The decision for one mention: the chosen candidate (or ``None``) and the reasons."""

    mention: Mention
    chosen: Candidate | None
    evidence: list[str]


@dataclass(slots=True)
class Context:
    """What the rest of the article says about where things are."""

    countries: set[str] = field(default_factory=set)
    admins: dict[str, str] = field(default_factory=dict)  # admin gid -> the words that named it
    admin_names: dict[str, str] = field(default_factory=dict)  # admin gid -> its admin1 name
    region_points: dict[str, tuple[float, float]] = field(default_factory=dict)  # world-layer regions
    anchors: list[tuple[float, float, int, str, float]] = field(default_factory=list)  # lat, lon, mention, name, weight
    readings: list[list[Entry]] = field(default_factory=list)  # per mention: the places (no admins) it may name
    focus: tuple[str, ...] = ()  # the countries the article is about, most voted first


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in kilometres (equirectangular under 500 km, great-circle beyond)."""
    dy = (lat2 - lat1) * 110.57
    dx = (lon2 - lon1) * 111.32 * math.cos(math.radians((lat1 + lat2) / 2))
    d = math.hypot(dx, dy)
    if d < 500:
        return d
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def apart(lat1: float, lat2: float, limit_km: float) -> bool:
    """``km`` between points at these latitudes is surely over ``limit_km`` (it never gives less than
    110.57 km a degree of latitude; one kilometre spare for rounding): no need to compute it."""
    return abs(lat2 - lat1) * 110.57 > limit_km + 1.0


def candidates(m: Mention, gaz: Gazetteer) -> list[Candidate]:
    best: dict[int, Candidate] = {}
    for h in m.hits:
        cur = best.get(h.entry)
        if cur is None or len(h.rules) < len(cur.rules):
            best[h.entry] = Candidate(h.entry, gaz.entry(h.entry), h.rules, h.name)
    return list(best.values())


def build_context(mentions: list[Mention], cands: list[list[Candidate]], focus: tuple[str, ...] = ()) -> Context:
    ctx = Context(focus=focus)
    for m, cs in zip(mentions, cands, strict=True):
        ctx.readings.append([c.entry for c in cs if not c.entry.is_admin])
        for c in cs:
            if c.entry.placetype == "country" and c.entry.country and not c.rules:
                ctx.countries.add(c.entry.country)
            elif c.entry.is_admin and c.entry.placetype != "macroregion":
                ctx.admins.setdefault(c.entry.gid, m.text)
                if c.entry.placetype == "region" and c.entry.admin1:
                    ctx.admin_names[c.entry.gid] = c.entry.admin1
                ctx.region_points[c.entry.gid] = (c.entry.lat, c.entry.lon)
    return ctx


def _match_score(c: Candidate, m: Mention) -> tuple[float, str]:
    if m.fuzzy is not None:
        return 0.4 + 3.5 * (m.fuzzy - 0.86), f"fuzzy match {m.fuzzy:.2f} to '{m.key}' after cue '{m.cue_text}'"
    primary = c.name_idx < PRIMARY_NAMES
    base, which = (1.0, "") if primary else (0.9, f" of alternate name '{c.entry.names[c.name_idx]}'")
    if not c.rules:
        return base, f"exact name{which}"
    n = len([r for r in c.rules.split("+") if not r.startswith("strip")])
    return base - 0.05 * n, f"spelling variant{which} by rule {c.rules}"


def is_seat(e: Entry) -> bool:
    """A community record, or the village its community is named after (``admin2`` is its own name)."""
    if e.placetype == "localadmin":
        return True
    return e.placetype == "locality" and e.admin2 is not None and _same_name(e.admin2, e.name)


@cache
def _same_name(a: str, b: str) -> bool:
    return [ch for ch in a.lower() if ch.isalnum()] == [ch for ch in b.lower() if ch.isalnum()]


def _type_score(c: Candidate, m: Mention) -> float:
    pt = c.entry.placetype
    s = TYPE_PRIOR.get(pt, 0.0) + (SEAT_BONUS if is_seat(c.entry) else 0.0)
    if m.cue == "district":
        s += 0.5 if c.entry.is_admin else -0.2
    elif m.cue in ("village", "town", "city"):
        s += 0.3 if pt in ("locality", "localadmin") else -0.3
    if pt == "locality" and c.entry.population >= 50_000:
        s += 0.2
    richness = 0.02 * min(len(c.entry.names), 10)
    return s + 0.05 * math.log10(1 + c.entry.population) + (0.1 if c.entry.current == 1 else 0.0) + richness


def _proximity(c: Candidate, m_text: str, ctx: Context) -> tuple[float, str | None]:
    lat, lon = c.entry.lat, c.entry.lon  # anchors 100 km away or more add nothing
    near = [(km(lat, lon, a, b), name, w) for a, b, _, name, w in ctx.anchors
            if name != m_text and not apart(lat, a, 100)]
    if not near:
        return 0.0, None
    best = 0.0
    why = None
    for d, name, w in near:
        bonus = w * (0.6 if d < 15 else 0.35 if d < 40 else 0.1 if d < 100 else 0.0)
        if bonus > best:
            best, why = bonus, f"{d:.0f} km from {name}" + ("" if w == 1.0 else " (one of its readings)")
    return best, why


def _around_region(c: Candidate, m: Mention, ctx: Context) -> str | None:
    for gid, words in ctx.admins.items():
        if gid.startswith("fogline:region:") and words != m.text and not c.entry.is_admin:
            lat, lon = ctx.region_points[gid]
            if km(c.entry.lat, c.entry.lon, lat, lon) < REGION_KM:
                return words
    return None


def _parent_town_km(c: Candidate, town: list[Entry]) -> float | None:
    """``X, Y`` with Y a town or village (a district seat): how far X's reading lies from Y's nearest."""
    if c.entry.is_admin:
        return None
    e = c.entry
    ds = [km(e.lat, e.lon, t.lat, t.lon) for t in town if t.gid != e.gid and t.country == e.country]
    d = min(ds, default=None)
    return d if d is not None and d < PARENT_NEAR_KM else None


def _context_score(c: Candidate, mi: int, m: Mention, ctx: Context, parent: Mention | None) -> tuple[float, list[str]]:
    s, why = 0.0, []
    inside = [g for g in c.entry.parents if g in ctx.admins and ctx.admins[g] != m.text]
    if not inside and c.entry.admin1:
        inside = [g for g, words in ctx.admins.items()
                  if words != m.text and g != c.entry.gid and ctx.admin_names.get(g) == c.entry.admin1]
    if inside:
        s += 0.8
        why.append(f"inside {ctx.admins[inside[0]]} named in the article")
        if parent is not None and ctx.admins[inside[0]] == parent.text:
            s += 0.4
            why.append(f"written as '{m.text}, {parent.text}'")
    elif (area := _around_region(c, m, ctx)) is not None:
        s += 0.5
        why.append(f"within {REGION_KM:.0f} km of {area} named in the article")
    elif parent is not None and (d := _parent_town_km(c, ctx.readings[mi + 1])) is not None:
        s += 0.4
        why.append(f"written as '{m.text}, {parent.text}', {d:.0f} km from a {parent.text}")
    elif parent is not None and any(w == parent.text for w in ctx.admins.values()) and not c.entry.is_admin:
        s -= 0.5
        why.append(f"not inside {parent.text} though written '{m.text}, {parent.text}'")
    if c.entry.country and c.entry.country in ctx.countries:
        s += 0.1
    if c.entry.country in ctx.focus and c.entry.placetype != "country" and m.fuzzy is None:
        s += FOCUS_BONUS
        why.append(f"in {c.entry.country}, a country the article is about")
    bonus, pwhy = _proximity(c, m.text, ctx)
    if pwhy:
        s += bonus
        why.append(pwhy)
    return s, why


def _largest_in_focus(cs: list[Candidate], ctx: Context) -> Candidate | None:
    """The town far bigger (``LARGEST_FACTOR``) than every namesake in the article's countries (names
    matched as the places' own, not as other names: "Bensalem" is no Salem)."""
    towns = sorted((c for c in cs if not c.entry.is_admin and c.entry.country in ctx.focus and c.name_idx == 0),
                   key=lambda c: -c.entry.population)
    if not towns or towns[0].entry.population < LARGEST_MIN_POPULATION:
        return None
    rival = max((c.entry.population for c in towns[1:] if not _same_place(c.entry, towns[0].entry)), default=0)
    return towns[0] if towns[0].entry.population >= LARGEST_FACTOR * rival else None


def score(cs: list[Candidate], mi: int, m: Mention, ctx: Context, parent: Mention | None) -> None:
    largest = _largest_in_focus(cs, ctx)
    for c in cs:
        ms, mwhy = _match_score(c, m)
        cs_, cwhy = _context_score(c, mi, m, ctx, parent)
        c.score = ms + _type_score(c, m) + cs_
        cue = f"; cue {m.cue} ('{m.cue_text}')" if m.cue_text else ""
        seat = " (seat of its community)" if is_seat(c.entry) else ""
        c.evidence = [mwhy, f"{c.entry.placetype}{seat}{cue}", *cwhy]
        if c is largest:
            c.score += LARGEST_BONUS
            c.evidence.append(f"the largest place of that name in {c.entry.country}")


def _same_place(a: Entry, b: Entry) -> bool:
    """One place under two records: near each other, or a district and the seat town named like it."""
    if a.placetype == b.placetype == "country":
        return a.country == b.country
    if (a.is_admin and a.gid in b.parents) or (b.is_admin and b.gid in a.parents):
        return True
    far = apart(a.lat, b.lat, SEAT_KM)  # then neither distance below holds
    if a.is_admin != b.is_admin and a.placetype != "country" != b.placetype:
        if a.admin1 == b.admin1 is not None:
            return True
        if a.country == b.country and not far and km(a.lat, a.lon, b.lat, b.lon) < SEAT_KM:
            return True
    return not far and km(a.lat, a.lon, b.lat, b.lon) < SAME_PLACE_KM


def clusters(cs: list[Candidate]) -> list[list[Candidate]]:
    """Candidates grouped into distinct places, best first."""
    groups: list[list[Candidate]] = []
    for c in sorted(cs, key=lambda c: -c.score):
        g = next((g for g in groups if _same_place(g[0].entry, c.entry)), None)
        if g is None:
            groups.append([c])
        else:
            g.append(c)
    return groups


def _representative(group: list[Candidate], m: Mention, is_parent: bool = False) -> Candidate:
    """The record that stands for a place: the admin one for a district word, the region for the Y of
    ``X, Y`` (else the district's seat town, as ACLED codes a district), else the locality."""
    admins = [c for c in group if c.entry.is_admin and (m.cue == "district" or c.entry.placetype == "region")]
    if admins and (m.cue == "district" or is_parent):
        return admins[0]
    locs = [c for c in group if c.entry.placetype == "locality" and c.score >= group[0].score - 0.35]
    return locs[0] if locs else group[0]


def decide(cs: list[Candidate], m: Mention, is_parent: bool = False) -> tuple[Candidate | None, list[str]]:
    """The chosen candidate and the evidence, or ``None`` with the reason it stays unresolved.

    ``is_parent``: the mention is the Y of ``X, Y`` (``near Zangakatun, Ararat``), so a district.
    """
    if not cs:
        return None, ["no gazetteer entry"]
    groups = clusters(cs)
    best = groups[0][0]
    if best.score < MIN_SCORE:
        return None, [f"best candidate {best.entry.gid} scores {best.score:.2f} < {MIN_SCORE}"]
    if len(groups) > 1:
        margin = best.score - groups[1][0].score
        rival = groups[1][0].entry
        same_area = rival.admin1 == best.entry.admin1 and km(rival.lat, rival.lon, best.entry.lat, best.entry.lon) < 50
        if margin < (MIN_MARGIN_SAME_AREA if same_area else MIN_MARGIN):
            return None, [f"ambiguous: {best.entry.gid} ({best.entry.admin1}) vs {rival.gid} ({rival.admin1}), "
                          f"margin {margin:.2f}"]
        extra = [f"beat {len(groups) - 1} other place(s) named alike, e.g. {rival.gid} in {rival.admin1}, "
                 f"by {margin:.2f}"]
    else:
        extra = []
    chosen = _representative(groups[0], m, is_parent)
    return chosen, chosen.evidence + extra
