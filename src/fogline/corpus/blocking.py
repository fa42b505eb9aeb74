"""Blocking keys: which pairs of events are ever compared. Never all pairs.

Each item is *indexed* under keys and *probes* keys; a pair is a candidate when one item probes a
key the other is indexed under. A key is (geo part, date part):

- geo: a named point sits in a grid cell (``cell_degrees``) and probes the 3x3 cells around it, under each
  type tag of its sub_event_type (see below: points of incompatible types never meet); a
  coarse place (district, region, country) probes its admin1 area (or country) and every item is
  indexed there too.
- date: a known date of a week or less probes and is indexed under each of its days; a month
  probes its months, a year its year; a year-unknown date (``XXXX-12-11``) probes days of the year.

Point-and-day keys are indexed eagerly (one or a few per item); every other index key is built only
when some item probes it, so memory stays linear in the number of items. Comparisons per item are
bounded by how many events share a day and a neighbourhood (or an admin1 area and a month for the
rare coarse items), not by the size of the corpus.

Area keys (the ones coarse items probe) are narrowed further by what ``match.compare`` rejects anyway,
so no pair it could accept is ever lost: each carries a type tag (each group of ``type_groups`` holding
the sub_event_type, or the type itself; two items share a tag exactly when their types are compatible),
and a coarse place judged by distance alone (``match.area_level`` "radius": a locality known only
roughly) probes only the ``RADIUS_CELL`` cells within the largest radius limit of ``coarse_km``, plus the
items whose place is an admin area (those are judged by area name, from any distance).
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Container, Iterable, Iterator
from datetime import date
from functools import cache, lru_cache
from itertools import chain

from fogline.corpus.dates import When
from fogline.corpus.items import Item
from fogline.corpus.match import area_level
from fogline.corpus.rules import MergeRules
from fogline.model import Place

Key = tuple[object, ...]
RADIUS_CELL = 1.0
"""Degrees of the cells a coarse place judged by distance probes (wider than any radius limit needs)."""
EARTH_KM = 6371.0
P, DAY, MONTH, YEAR, DOY, DOY_MONTH, RADIUS, AREA, COUNTRY, GROUP, TYPE, ADMIN_TAG = range(1, 13)
"""What each part of a key is: keys hold only numbers and tuples (names as ``name_id``s, no place left empty
but ``NO_GEO``), so ``hash(key)`` is the same in every process of one Python version and can be stored
(``corpus.incremental``)."""
NO_GEO: Key = ()
ADMIN: Key = (ADMIN_TAG,)
"""The geo tag of an item whose place is an admin area: every radius item nearby in its area probes it."""


@cache
def name_id(name: str) -> int:
    """A name as a number that is the same in every process (a string's ``hash`` is seeded per process)."""
    return int.from_bytes(hashlib.blake2b(name.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big") >> 1


def _cell(item: Item, rules: MergeRules) -> tuple[int, int]:
    loc = item.event.location
    assert loc is not None
    return math.floor(loc.lat / rules.cell_degrees), math.floor(loc.lon / rules.cell_degrees)


def _area_keys(item: Item) -> list[Key]:
    loc = item.event.location
    assert loc is not None
    out: list[Key] = [(COUNTRY, name_id(loc.country or ""))]
    if loc.admin1:
        out.append((AREA, name_id(loc.country or ""), name_id(loc.admin1.casefold())))
    return out


def _months(w: When) -> list[Key]:
    if w.year_known:
        a, b = date.fromordinal(w.lo), date.fromordinal(w.hi)
        return [(MONTH, y, m) for y in range(a.year, b.year + 1) for m in range(1, 13)
                if (a.year, a.month) <= (y, m) <= (b.year, b.month)]
    a, b = date.fromordinal(date(2000, 1, 1).toordinal() + w.lo - 1), date.fromordinal(
        date(2000, 1, 1).toordinal() + w.hi - 1)
    return [(DOY_MONTH, m) for m in range(a.month, b.month + 1)]


@lru_cache(maxsize=4096)
def _date_probes(w: When) -> list[Key]:
    if w.year_known:
        if w.days <= 7:
            return [(DAY, d) for d in range(w.lo, w.hi + 1)]
        if w.days <= 62:
            return _months(w)
        return [(YEAR, y) for y in range(date.fromordinal(w.lo).year, date.fromordinal(w.hi).year + 1)]
    if w.days <= 7:
        return [(DOY, d) for d in range(w.lo, w.hi + 1)]
    return _months(w)


@lru_cache(maxsize=4096)
def _date_index(w: When) -> list[Key]:
    """Every date key an item may be found under (the lazy ones are kept only when probed)."""
    keys: list[Key] = []
    doy = w.day_of_year_range()
    if w.year_known:
        if w.days <= 7:
            keys += [(DAY, d) for d in range(w.lo, w.hi + 1)]
        if w.days <= 62:
            keys += _months(w)
        keys += [(YEAR, y) for y in range(date.fromordinal(w.lo).year, date.fromordinal(w.hi).year + 1)]
    if doy is not None and doy[1] - doy[0] < 7:
        keys += [(DOY, d) for d in range(doy[0], doy[1] + 1)]
    if doy is not None and doy[1] - doy[0] < 62:
        keys += _months(w) if not w.year_known else [(DOY_MONTH, k[2]) for k in _months(w)]
    return keys


_RULES: dict[int, tuple[MergeRules, float, dict[str, list[Key]]]] = {}


def _of_rules(rules: MergeRules) -> tuple[float, dict[str, list[Key]]]:
    """(``radius_km``, type tags by sub_event_type so far) of ``rules``, worked out once."""
    hit = _RULES.get(id(rules))
    if hit is None or hit[0] is not rules:
        hit = _RULES[id(rules)] = (rules, radius_km(rules), {})
    return hit[1], hit[2]


def _type_tags(item: Item, rules: MergeRules) -> list[Key]:
    """The groups of ``type_groups`` holding the item's type (the type itself when none does): two items
    share a tag exactly when ``rules.type_group`` finds their types compatible."""
    kind = item.event.sub_event_type
    tags = _of_rules(rules)[1]
    if kind not in tags:
        tags[kind] = [(GROUP, name_id(name)) for name in sorted(rules.type_groups)
                      if kind in rules.type_groups[name]] or [(TYPE, name_id(kind))]
    return tags[kind]


def _radius(item: Item) -> bool:
    loc = item.event.location
    return item.coarse and loc is not None and area_level(loc) == "radius"


def radius_km(rules: MergeRules) -> float:
    """The largest distance at which ``match.covers`` lets a radius place hold another."""
    admin = {k for k in rules.coarse_km if area_level(Place("", 0.0, 0.0, 3, placetype=k)) != "radius"}
    return max([60.0] + [v for k, v in rules.coarse_km.items() if k not in admin])


def _radius_cell(lat: float, lon: float) -> Key:
    return (RADIUS, math.floor(lat / RADIUS_CELL), math.floor(lon / RADIUS_CELL) % round(360 / RADIUS_CELL))


def _radius_cells(item: Item, rules: MergeRules) -> list[Key]:
    """The radius cells holding every point within ``radius_km`` of a radius item (a bounding box on the
    sphere, a little wider)."""
    loc = item.event.location
    assert loc is not None
    delta = _of_rules(rules)[0] / EARTH_KM * 1.01
    lat = math.radians(loc.lat)
    dlat = math.degrees(delta)
    wide = abs(lat) + delta >= math.pi / 2 or math.sin(delta) >= math.cos(lat)
    dlon = 180.0 if wide else math.degrees(math.asin(math.sin(delta) / math.cos(lat)))
    n_lon = round(360 / RADIUS_CELL)
    lons = range(n_lon) if wide else range(math.floor((loc.lon - dlon) / RADIUS_CELL),
                                             math.floor((loc.lon + dlon) / RADIUS_CELL) + 1)
    lats = range(math.floor((loc.lat - dlat) / RADIUS_CELL), math.floor((loc.lat + dlat) / RADIUS_CELL) + 1)
    cols = sorted({x % n_lon for x in lons})
    return [(RADIUS, a, b) for a in lats for b in cols] + [ADMIN]


def _tagged(area: list[Key], dates: list[Key], geo: list[Key], tags: list[Key]) -> list[Key]:
    ends = [(g, t) for g in geo for t in tags]
    return [a + d + end for a in area for d in dates for end in ends]


def _geo_probes(item: Item, rules: MergeRules, dates: list[Key]) -> list[Key]:
    if item.coarse:
        geo: list[Key] = list(_radius_cells(item, rules)) if _radius(item) else [NO_GEO]
        return _tagged([_area_keys(item)[-1]], dates, geo, _type_tags(item, rules))
    cx, cy = _cell(item, rules)
    ends = [d + t for d in dates for t in _type_tags(item, rules)]
    return [(P, cx + dx, cy + dy) + end for dx in (-1, 0, 1) for dy in (-1, 0, 1) for end in ends]


def _geo_index(item: Item, rules: MergeRules, dates: list[Key], areas: Container[Key] | None = None) -> list[Key]:
    """Point keys, then area keys plain (for admin-area probes) and with the item's own geo tag (for radius
    probes), each with every type tag of the item (of the ``areas`` only, when given)."""
    tags = _type_tags(item, rules)
    own: list[Key] = []
    if not item.coarse:
        cell = (P, *_cell(item, rules))
        own = [cell + d + t for d in dates for t in tags]
    loc = item.event.location
    assert loc is not None
    tag = ADMIN if item.coarse and not _radius(item) else _radius_cell(loc.lat, loc.lon)
    mine = _area_keys(item) if areas is None else [a for a in _area_keys(item) if a in areas]
    return own + _tagged(mine, dates, [NO_GEO, tag], tags)


def _probes(item: Item, rules: MergeRules) -> list[Key]:
    """Probe keys; items that are not symmetric (coarse place or long date) also probe the days of
    the year of a known date, to meet year-unknown reports (symmetric ones are met from that side)."""
    assert item.when is not None
    return _geo_probes(item, rules, _probe_dates(item.when, _symmetric(item) is None))


@lru_cache(maxsize=4096)
def _probe_dates(w: When, asymmetric: bool) -> list[Key]:
    dates = list(_date_probes(w))
    doy = w.day_of_year_range() if w.year_known and asymmetric else None
    if doy is not None and doy[1] - doy[0] < 7:
        dates += [(DOY, d) for d in range(doy[0], doy[1] + 1)]
    elif doy is not None and doy[1] - doy[0] < 62:
        dates += [(DOY_MONTH, k[2]) for k in _months(w)]
    return dates


def _eager(key: Key) -> bool:
    """Point-and-day keys: indexed for every item, since nearly every item probes them."""
    return key[0] == P and key[3] == DAY


def _symmetric(item: Item) -> str | None:
    """Point items with short dates probe exactly the keys they are indexed under: two of the same
    class find each other from both sides, so each pair is taken from one side only."""
    if item.coarse or item.when is None or item.when.days > 7:
        return None
    return "d" if item.when.year_known else "u"


def candidate_pairs(items: list[Item], rules: MergeRules) -> Iterator[tuple[int, int]]:
    """(i, j) positions in ``items`` of the pairs worth comparing; each pair at most twice."""
    usable = [i for i, it in enumerate(items) if it.when is not None and it.event.location is not None]
    probes = {i: _probes(items[i], rules) for i in usable}
    wanted = {k for keys in probes.values() for k in keys if not _eager(k)}
    index: dict[Key, list[int]] = defaultdict(list)
    for i in usable:
        it = items[i]
        assert it.when is not None
        for key in _geo_index(it, rules, _date_index(it.when)):
            if _eager(key) or key in wanted:
                index[key].append(i)
    for i in usable:
        sym = _symmetric(items[i])
        seen: set[int] = set()
        for key in probes[i]:
            for j in index.get(key, ()):
                if j == i or j in seen or (sym and j < i and _symmetric(items[j]) == sym):
                    continue
                seen.add(j)
                yield i, j


class Earlier:
    """The candidates of each item among the items before it (by position), the same pairs
    ``candidate_pairs`` yields: what greedy grouping, walking the items in order, asks of each item once.

    Items alike (one ``signature``) share their keys, so the pairs are worked out between signatures: a later
    item meets an earlier one when it probes a key the earlier one is indexed under, or the earlier one probes
    a lazy key (not point-and-day) the later one is indexed under (as ``candidate_pairs`` meets it from the
    probing side). ``sigs`` holds each item's signature number (-1 for an item without a date or a place),
    ``members`` the positions of each signature's items in order, so the earlier ones are a prefix."""

    def __init__(self, items: list[Item], rules: MergeRules) -> None:
        numbers: dict[tuple[object, ...], int] = {}
        self.sigs: list[int] = []
        self.members: list[list[int]] = []
        first: list[Item] = []  # an item of each signature
        for i, it in enumerate(items):
            if it.when is None or it.event.location is None:
                self.sigs.append(-1)
                continue
            n = numbers.setdefault(signature(it), len(numbers))
            if n == len(self.members):
                self.members.append([])
                first.append(it)
            self.sigs.append(n)
            self.members[n].append(i)
        self._probing: dict[Key, list[int]] = defaultdict(list)
        self._indexed: dict[Key, list[int]] = defaultdict(list)
        probes = [probe_keys(it, rules) for it in first]
        for n, keys in enumerate(probes):
            for key in keys:
                if key[0] != P or key[3] != DAY:  # not ``_eager``, inlined
                    self._probing[key].append(n)
        areas = probed_areas(self._probing)
        self._keys = [(keys, self._index(n, index_keys(it, rules, areas)))
                      for n, (it, keys) in enumerate(zip(first, probes, strict=True))]
        self._met: dict[int, frozenset[int]] = {}

    def _index(self, n: int, keys: list[Key]) -> list[Key]:
        """Index signature ``n`` under its eager keys and the keys some item probes; returns the latter (all
        ``met`` looks up of them)."""
        probed = []
        for key in keys:
            if key in self._probing:
                self._indexed[key].append(n)
                probed.append(key)
            elif key[0] == P and key[3] == DAY:
                self._indexed[key].append(n)
        return probed

    def met(self, n: int) -> frozenset[int]:
        """The signatures a later item of signature ``n`` meets among earlier ones, worked out once."""
        found = self._met.get(n)
        if found is None:
            probes, indexed = self._keys[n]
            at, by = self._indexed.get, self._probing.get
            found = self._met[n] = frozenset(chain.from_iterable(
                [at(k, ()) for k in probes] + [by(k, ()) for k in indexed]))
        return found

    def meets(self, i: int, j: int) -> bool:
        """Whether item ``j`` is a candidate of item ``i`` that comes before it."""
        n, m = self.sigs[i], self.sigs[j]
        return j < i and n >= 0 and m >= 0 and m in self.met(n)

    def done(self, i: int) -> None:
        """Item ``i`` has had its turn: once it is the last of its signature, that signature's ``met`` is
        dropped (no later item asks for it), so what is held stays what the items still to come need."""
        n = self.sigs[i]
        if n >= 0 and self.members[n][-1] == i:
            self._met.pop(n, None)


def signature(item: Item) -> tuple[object, ...]:
    """What an item's keys are made of: items alike (reports of one place and date) share their keys."""
    loc = item.event.location
    assert loc is not None
    return (item.when, item.coarse, loc.lat, loc.lon, loc.precision, loc.placetype, loc.country, loc.admin1,
            item.event.sub_event_type)


def probe_keys(item: Item, rules: MergeRules) -> list[Key]:
    """Every key ``item`` probes."""
    assert item.when is not None
    return _probes(item, rules)


def index_keys(item: Item, rules: MergeRules, areas: Container[Key] | None = None) -> list[Key]:
    """Every key ``item`` may be indexed under, the lazy ones included; with ``areas`` (``probed_areas``), only
    the area keys of those areas (no item probes the others)."""
    assert item.when is not None
    return _geo_index(item, rules, _date_index(item.when), areas)


def probed_areas(probes: Iterable[Key]) -> set[Key]:
    """The areas (a country, an admin1 area) ``probes`` name: an area index key of any other area is probed
    by none of them."""
    return {key[:2] if key[0] == COUNTRY else key[:3] for key in probes if key[0] == AREA or key[0] == COUNTRY}
