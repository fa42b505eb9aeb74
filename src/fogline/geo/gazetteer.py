"""The compiled gazetteer: entries, their skeleton keys, and the Aho-Corasick automaton over the keys.

A compiled layer is one gzip'd JSON file (``data/gazetteer/<layer>.json.gz`` or a user-built path)::

    {"version": 1, "layer": "az-am", "sources": [...],
     "entries": [[gazetteer_id, name, lat, lon, placetype, country, admin1, admin2, population,
                  [parent ids], geonames_id, wikidata_id, current, [names]], ...],
     "keys": {skeleton_key: [[entry_index, name_index, "rule+rule"], ...], ...}}

Keys are precomputed by the compiler (``fogline.geo.build``) so loading is a JSON parse plus an
automaton build. Several layers load into one ``Gazetteer``. The shipped ``world`` layer is three files:
countries (``world.json.gz``), admin-1 regions (``admin1.json.gz``) and the populated places of the
world (``cities.npz``, see ``fogline.geo.cities``), which is looked up by key instead of scanned.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources as ir
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import ahocorasick

if TYPE_CHECKING:
    from fogline.geo.cities import CityLayer

FORMAT_VERSION = 1
PLACETYPE_RANK = {"country": 0, "macroregion": 1, "region": 2, "county": 3, "localadmin": 4, "locality": 5,
                  "neighbourhood": 6}
ADMIN_TYPES = frozenset({"country", "macroregion", "region", "county"})
MEMO_SIZE = 1 << 16
WORLD_PARTS = ("world", "admin1")  # the JSON parts of the shipped world layer; cities.npz comes with them


class GazetteerError(ValueError):
    """A gazetteer file that cannot be used; the message names the file and the reason."""


@dataclass(slots=True)
class Entry:
    """One gazetteer record."""

    gid: str
    name: str
    lat: float
    lon: float
    placetype: str
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    parents: tuple[str, ...] = ()
    geonames: int | None = None
    wikidata: str | None = None
    current: int = -1
    names: tuple[str, ...] = ()

    def row(self) -> list[Any]:
        return [self.gid, self.name, round(self.lat, 5), round(self.lon, 5), self.placetype, self.country,
                self.admin1, self.admin2, self.population, list(self.parents), self.geonames, self.wikidata,
                self.current, list(self.names)]

    @classmethod
    def from_row(cls, r: list[Any]) -> Entry:
        return cls(r[0], r[1], float(r[2]), float(r[3]), r[4], r[5], r[6], r[7], int(r[8] or 0), tuple(r[9]),
                   r[10], r[11], int(r[12]), tuple(r[13]))

    @property
    def is_admin(self) -> bool:
        return self.placetype in ADMIN_TYPES


class KeyHit(NamedTuple):
    """An entry reachable by a skeleton key: which of its names, through which variant rules."""

    entry: int
    name: int
    rules: str


class Entries(list[Any]):
    """A layer's entries, kept as their compiled rows and made into ``Entry`` objects on first use:
    loading does not pay for the many places an article never names."""

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        row = super().__getitem__(i)
        if isinstance(row, Entry):
            return row
        e = Entry.from_row(row)
        super().__setitem__(i, e)
        return e

    def __iter__(self) -> Iterator[Entry]:
        return (self[i] for i in range(len(self)))

    def raw(self, i: int) -> Any:
        """The compiled row or the entry made of it (both index the country at 5, or ``.country``)."""
        return super().__getitem__(i)


class KeyIndex(dict[str, Any]):
    """Skeleton key -> its hits; each layer's hits stay as compiled (``[entry, name, rules]``) until the
    key is first looked up."""

    def __getitem__(self, k: str) -> list[KeyHit]:
        v = super().__getitem__(k)
        if v and not isinstance(v[0], KeyHit):
            v = [KeyHit(base + h[0], h[1], h[2]) for base, hits in v for h in hits]
            super().__setitem__(k, v)
        return v

    def get(self, k: str, default: Any = None) -> Any:
        try:
            return self[k]
        except KeyError:
            return default

    def merge(self, base: int, keys: dict[str, list[list[Any]]]) -> None:
        """Add a layer's compiled keys, its entries numbered from ``base``."""
        common = self.keys() & keys.keys()
        for k in common:
            v = super().__getitem__(k)
            if isinstance(v[0], KeyHit):
                v.extend(KeyHit(base + h[0], h[1], h[2]) for h in keys[k])
            else:
                v.append((base, keys[k]))
        self.update({k: [(base, hits)] for k, hits in keys.items() if k not in common})


@dataclass(frozen=True, slots=True)
class FuzzyKeys:
    """A country's keys for fuzzy matching, shortest first (equal lengths in their order): the keys of
    some lengths are one slice."""

    keys: list[str]
    order: list[int]  # each key's position among the country's keys as ``Gazetteer.fuzzy_keys`` lists them
    spans: dict[int, tuple[int, int]]  # a length -> the slice of ``keys`` that long

    @classmethod
    def of(cls, keys: list[str]) -> FuzzyKeys:
        order = sorted(range(len(keys)), key=lambda i: len(keys[i]))
        by_length = [keys[i] for i in order]
        spans: dict[int, tuple[int, int]] = {}
        for i, k in enumerate(by_length):
            a, _ = spans.get(len(k), (i, i))
            spans[len(k)] = (a, i + 1)
        return cls(by_length, order, spans)


@dataclass(slots=True)
class Gazetteer:
    """Entries of one or more layers, indexed by skeleton key and by id."""

    entries: Entries = field(default_factory=Entries)
    keys: KeyIndex = field(default_factory=KeyIndex)
    by_gid: dict[str, int] = field(default_factory=dict)
    layers: list[str] = field(default_factory=list)
    automaton: Any = None
    fuzzy: dict[str, list[str]] | None = None  # country -> its keys long enough for fuzzy matching
    cities: CityLayer | None = None
    city_base: int = 1 << 30  # entry indices from here on are rows of ``cities``
    _city_entries: dict[int, Entry] = field(default_factory=dict)
    _city_hits: dict[str, list[KeyHit]] = field(default_factory=dict)  # key -> hits, for keys seen lately
    run_places: dict[str, tuple[tuple[int, int, str], ...]] = field(default_factory=dict)  # a run of
    # capitalised words -> (start, end, key) of the cities-layer places in it (geo.match), for runs seen lately
    _detailed: tuple[str, ...] | None = None
    _memo: dict[str, dict[Any, Any]] = field(default_factory=dict)
    _fuzzy_country: dict[str, FuzzyKeys] = field(default_factory=dict)

    def entry(self, i: int) -> Entry:
        """The entry at index ``i`` of any layer (a cities row is made once, on first use)."""
        if i < self.city_base:
            e = list.__getitem__(self.entries, i)
            return e if type(e) is Entry else self.entries[i]
        e = self._city_entries.get(i)
        if e is None:
            assert self.cities is not None
            e = self._city_entries[i] = self.cities.entry(i - self.city_base)
        return e

    def memo(self, purpose: str) -> dict[Any, Any]:
        """A table of answers that depend on this gazetteer alone (a name and its readings -> what they say),
        kept for the articles to come; emptied once it holds ``MEMO_SIZE`` answers (asked once an article)."""
        table = self._memo.get(purpose)
        if table is None or len(table) >= MEMO_SIZE:
            table = self._memo[purpose] = {}
        return table

    def city_hits(self, k: str) -> list[KeyHit]:
        """Hits of the cities layer for skeleton key ``k`` (none without that layer); the list is shared
        (kept for the next lookup): read it, do not change it."""
        if self.cities is None:
            return []
        hits = self._city_hits.get(k)
        if hits is None:
            if len(self._city_hits) >= 1 << 16:
                self._city_hits.clear()
            hits = self._city_hits[k] = [KeyHit(self.city_base + row, ni, "") for row, ni in self.cities.lookup(k)]
        return hits

    def add_layer(self, data: dict[str, Any], label: str) -> None:
        base = len(self.entries)
        rows = data["entries"]
        for i, row in enumerate(rows):
            self.by_gid.setdefault(row[0], base + i)
        self.entries.extend(rows)
        self.keys.merge(base, data["keys"])
        self.layers.append(label)
        self.automaton = None
        self.fuzzy = None
        self._fuzzy_country = {}
        self._detailed = None

    def build_automaton(self) -> Any:
        """The Aho-Corasick automaton over every skeleton key, each after a space (built once): scanned
        over the skeleton after a space, it finds a key only where a word starts (skeleton text holds
        letters, digits and spaces only), and yields the key itself."""
        if self.automaton is None:
            a = ahocorasick.Automaton()
            for k in self.keys:
                a.add_word(" " + k, k)
            a.make_automaton()
            self.automaton = a
        return self.automaton

    def fuzzy_keys(self, countries: tuple[str, ...]) -> list[str]:
        """Keys long enough for fuzzy matching (five characters or more) of places in ``countries``."""
        if self.fuzzy is None:
            self.fuzzy = {}
            for k in self.keys:
                for c in {self._country(i) for i in self._key_entries(k)} if len(k) >= 5 else ():
                    self.fuzzy.setdefault(c or "", []).append(k)
        return [k for c in countries for k in self.fuzzy.get(c, [])]

    def prepare_fuzzy(self) -> None:
        """Every country's ``country_fuzzy_keys`` built now (before workers fork, not in an article)."""
        self.fuzzy_keys(())
        for c in list(self.fuzzy or ()):
            self.country_fuzzy_keys(c)

    def country_fuzzy_keys(self, country: str) -> FuzzyKeys:
        """``fuzzy_keys((country,))`` ordered by length (built once a country)."""
        got = self._fuzzy_country.get(country)
        if got is None:
            got = self._fuzzy_country[country] = FuzzyKeys.of(self.fuzzy_keys((country,)))
        return got

    def _country(self, i: int) -> str | None:
        row = self.entries.raw(i)
        return row.country if isinstance(row, Entry) else row[5]

    def _key_entries(self, k: str) -> list[int]:
        v = dict.__getitem__(self.keys, k)
        return [h.entry for h in v] if isinstance(v[0], KeyHit) else [base + h[0] for base, hits in v for h in hits]

    def detailed_countries(self) -> tuple[str, ...]:
        """Countries of the layers other than the world's (``az-am``): where fuzzy matching may look
        when an article names no country."""
        if self._detailed is None:
            rows = (self.entries.raw(i) for i in range(len(self.entries)))
            pairs = ((r.gid, r.country) if isinstance(r, Entry) else (r[0], r[5]) for r in rows)
            world = ("ne:", "ne1:", "fogline:")
            self._detailed = tuple(sorted({c for gid, c in pairs if c and not gid.startswith(world)}))
        return self._detailed

    def get(self, gid: str) -> Entry | None:
        i = self.by_gid.get(gid)
        if i is not None:
            return self.entries[i]
        if self.cities is not None and gid.startswith("geonames:") and gid[9:].isdigit():
            row = self.cities.row_of(int(gid[9:]))
            return None if row is None else self.entry(self.city_base + row)
        return None

    def is_admin(self, i: int) -> bool:
        return i < self.city_base and self.entries[i].is_admin


def write_layer(path: Path, layer: str, entries: list[Entry], keys: dict[str, list[list[Any]]],
                sources: list[str]) -> None:
    """Write a compiled layer file (gzip'd JSON, deterministic)."""
    doc = {"version": FORMAT_VERSION, "layer": layer, "sources": sources,
           "entries": [e.row() for e in entries], "keys": dict(sorted(keys.items()))}
    raw = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=0) as fh:
        fh.write(raw)


def read_layer(path: Path) -> dict[str, Any]:
    """Read a compiled layer file; raises ``GazetteerError`` naming the file and the reason."""
    try:
        with gzip.open(path, "rb") as fh:
            data = json.loads(fh.read())
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"{path}: cannot read gazetteer: {exc}") from exc
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        raise GazetteerError(f"{path}: not a fogline gazetteer of format version {FORMAT_VERSION}")
    return data


def layer_path(name: str) -> Path:
    """A shipped layer by name (``az-am``, ``world``) or a path to a user-built file."""
    shipped = ir.files("fogline.data.gazetteer").joinpath(f"{name}.json.gz")
    if shipped.is_file():
        return Path(str(shipped))
    p = Path(name).expanduser()
    if not p.is_file():
        raise GazetteerError(f"{name}: no shipped gazetteer layer of that name and no such file")
    return p


def load_gazetteer(names: list[str]) -> Gazetteer:
    """Load the named layers into one gazetteer and build its automaton (``world`` brings its parts)."""
    from fogline.geo.cities import CityLayer, shipped_cities

    gaz = Gazetteer()
    for name in names:
        if name.endswith(".npz"):
            gaz.cities = CityLayer(layer_path(name))
            continue
        for part in WORLD_PARTS if name == "world" else (name,):
            gaz.add_layer(read_layer(layer_path(part)), part)
        if name == "world" and (cities := shipped_cities()) is not None:
            gaz.cities = CityLayer(cities)
    gaz.build_automaton()
    return gaz


def read_csv_facts(name: str) -> list[dict[str, str]]:
    """The rows of a CSV file of ``fogline.data.gazetteer``, its ``#`` comment lines left out."""
    text = ir.files("fogline.data.gazetteer").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO("".join(ln for ln in text.splitlines(True) if not ln.startswith("#")))))


@cache
def country_points() -> dict[str, tuple[str, float, float]]:
    """ISO3 -> (name, lat, lon): the centre point coders give a country-level event (``country_points.csv``)."""
    return {r["iso3"]: (r["name"], float(r["lat"]), float(r["lon"])) for r in read_csv_facts("country_points.csv")}
