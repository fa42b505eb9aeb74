"""The compiled gazetteer: entries, their skeleton keys, and the Aho-Corasick automaton over the keys.

A compiled layer is one gzip'd JSON file (``data/gazetteer/<layer>.json.gz`` or a user-built path)::

    {"version": 1, "layer": "az-am", "sources": [...],
     "entries": [[gazetteer_id, name, lat, lon, placetype, country, admin1, admin2, population,
                  [parent ids], geonames_id, wikidata_id, current, [names]], ...],
     "keys": {skeleton_key: [[entry_index, name_index, "rule+rule"], ...], ...}}

Keys are precomputed by the compiler (``fogline.geo.build``) so loading is a JSON parse plus an
automaton build. Several layers load into one ``Gazetteer``.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from importlib import resources as ir
from pathlib import Path
from typing import Any

import ahocorasick

FORMAT_VERSION = 1
PLACETYPE_RANK = {"country": 0, "macroregion": 1, "region": 2, "county": 3, "localadmin": 4, "locality": 5,
                  "neighbourhood": 6}
ADMIN_TYPES = frozenset({"country", "macroregion", "region", "county"})


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


@dataclass(frozen=True, slots=True)
class KeyHit:
    """An entry reachable by a skeleton key: which of its names, through which variant rules."""

    entry: int
    name: int
    rules: str


@dataclass(slots=True)
class Gazetteer:
    """Entries of one or more layers, indexed by skeleton key and by id."""

    entries: list[Entry] = field(default_factory=list)
    keys: dict[str, list[KeyHit]] = field(default_factory=dict)
    by_gid: dict[str, int] = field(default_factory=dict)
    layers: list[str] = field(default_factory=list)
    automaton: Any = None
    fuzzy: list[str] | None = None

    def add_layer(self, data: dict[str, Any], label: str) -> None:
        base = len(self.entries)
        for row in data["entries"]:
            e = Entry.from_row(row)
            self.by_gid.setdefault(e.gid, len(self.entries))
            self.entries.append(e)
        for k, hits in data["keys"].items():
            self.keys.setdefault(k, []).extend(KeyHit(base + h[0], h[1], h[2]) for h in hits)
        self.layers.append(label)
        self.automaton = None
        self.fuzzy = None

    def build_automaton(self) -> Any:
        """The Aho-Corasick automaton over every skeleton key (built once)."""
        if self.automaton is None:
            a = ahocorasick.Automaton()
            for k in self.keys:
                a.add_word(k, k)
            a.make_automaton()
            self.automaton = a
        return self.automaton

    def fuzzy_keys(self) -> list[str]:
        """Keys long enough for fuzzy matching (five characters or more), built once."""
        if self.fuzzy is None:
            self.fuzzy = [k for k in self.keys if len(k) >= 5]
        return self.fuzzy

    def get(self, gid: str) -> Entry | None:
        i = self.by_gid.get(gid)
        return None if i is None else self.entries[i]


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
    """Load the named layers into one gazetteer and build its automaton."""
    gaz = Gazetteer()
    for name in names:
        path = layer_path(name)
        gaz.add_layer(read_layer(path), name)
    gaz.build_automaton()
    return gaz
