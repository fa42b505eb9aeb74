"""The world layer of populated places: GeoNames cities500 in one compact columnar file, read lazily.

About 230,000 places with their Latin-script names would cost seconds and hundreds of MB as Python
objects, so ``cities.npz`` keeps them as numpy columns::

    lat, lon (float32), population (int32), geonames (int32), country (uint16 -> countries),
    admin1 (uint16 -> admin1_names), name_off (int32, n + 1 offsets into names_blob),
    names_blob (uint8: each place's names, UTF-8, joined by "\\n"),
    key_hash (uint32, sorted: crc32 of a name's skeleton key), key_entry (int32), key_name (uint8),
    first_hash (uint32, sorted, unique: crc32 of a name key's first word), first_words (uint8: the most
    words of a name key starting with that word)

A lookup hashes the skeleton key of a stretch of text, finds the equal hashes by binary search and
keeps the hits whose name really has that key (the hash only narrows). Entries are made on demand.
``max_words(word_key)`` says at once whether a stretch starting with that word can name a place and
how long it may be: the matcher tries no other stretch.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from importlib import resources as ir
from pathlib import Path

import numpy as np

from fogline.geo.gazetteer import Entry, GazetteerError
from fogline.geo.textnorm import key

FILE_NAME = "cities.npz"
FORMAT_VERSION = 2


def key_hash(k: str) -> int:
    return zlib.crc32(k.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class City:
    """One place of the layer before compiling: its display name first among ``names``."""

    geonames: int
    names: tuple[str, ...]
    lat: float
    lon: float
    population: int
    country: str
    admin1: str


def write_cities(path: Path, cities: Iterable[City]) -> int:
    """Compile ``cities`` into the columnar file (deterministic order: as given)."""
    rows = list(cities)
    countries = sorted({c.country for c in rows})
    admins = sorted({c.admin1 for c in rows})
    ci, ai = {c: i for i, c in enumerate(countries)}, {a: i for i, a in enumerate(admins)}
    blob = io.BytesIO()
    offsets = [0]
    keys: list[tuple[int, int, int]] = []
    for i, c in enumerate(rows):
        blob.write("\n".join(c.names).encode("utf-8"))
        offsets.append(blob.tell())
        seen: set[str] = set()
        for ni, name in enumerate(c.names[:255]):
            k = key(name)
            if len(k) >= 3 and k not in seen:
                seen.add(k)
                keys.append((key_hash(k), i, ni))
    keys.sort()
    arr = np.array(keys, dtype=np.int64).reshape(-1, 3)
    first_hash, first_words = _first_words(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        np.savez_compressed(
            fh, version=np.array([FORMAT_VERSION]), countries=np.array(countries), admin1_names=np.array(admins),
            lat=np.array([c.lat for c in rows], dtype=np.float32),
            lon=np.array([c.lon for c in rows], dtype=np.float32),
            population=np.array([c.population for c in rows], dtype=np.int32),
            geonames=np.array([c.geonames for c in rows], dtype=np.int32),
            country=np.array([ci[c.country] for c in rows], dtype=np.uint16),
            admin1=np.array([ai[c.admin1] for c in rows], dtype=np.uint16),
            name_off=np.array(offsets, dtype=np.int32), names_blob=np.frombuffer(blob.getvalue(), dtype=np.uint8),
            key_hash=arr[:, 0].astype(np.uint32), key_entry=arr[:, 1].astype(np.int32),
            key_name=arr[:, 2].astype(np.uint8), first_hash=first_hash, first_words=first_words)
    return len(rows)


def _first_words(rows: list[City]) -> tuple[np.ndarray, np.ndarray]:
    """Each name key's first word (hashed, sorted) with the most words of the keys it starts."""
    most: dict[int, int] = {}
    for c in rows:
        for name in c.names[:255]:
            k = key(name)
            if len(k) < 3:
                continue
            words = k.split(" ")
            h = key_hash(words[0])
            most[h] = min(255, max(most.get(h, 0), len(words)))
    hashes = sorted(most)
    return np.array(hashes, dtype=np.uint32), np.array([most[h] for h in hashes], dtype=np.uint8)


class CityLayer:
    """The columnar layer; the file is read on first use (``lookup``/``entry``)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @cached_property
    def _cols(self) -> dict[str, np.ndarray]:
        try:
            with np.load(self.path, allow_pickle=False) as z:
                cols = {k: z[k] for k in z.files}
        except (OSError, ValueError, zlib.error) as exc:
            raise GazetteerError(f"{self.path}: cannot read the cities layer: {exc}") from exc
        if int(cols.get("version", np.array([0]))[0]) != FORMAT_VERSION:
            raise GazetteerError(f"{self.path}: not a cities layer of format version {FORMAT_VERSION}")
        return cols

    @cached_property
    def _labels(self) -> tuple[list[str], list[str], bytes]:
        c = self._cols
        return [str(x) for x in c["countries"]], [str(x) for x in c["admin1_names"]], c["names_blob"].tobytes()

    @cached_property
    def _first(self) -> dict[int, int]:
        c = self._cols
        return dict(zip(c["first_hash"].tolist(), c["first_words"].tolist(), strict=True))

    def max_words(self, first_word_key: str) -> int:
        """The most words a place name starting with this word's skeleton key has (0: no such name)."""
        return self._first.get(key_hash(first_word_key), 0)

    def __len__(self) -> int:
        return int(self._cols["lat"].shape[0])

    @cached_property
    def _name_off(self) -> list[int]:
        return self._cols["name_off"].tolist()  # type: ignore[no-any-return]

    def names(self, i: int) -> tuple[str, ...]:
        off = self._name_off
        return tuple(self._labels[2][off[i]:off[i + 1]].decode("utf-8").split("\n"))

    def lookup(self, k: str) -> list[tuple[int, int]]:
        """(row, name index) of every place one of whose names has skeleton key ``k``."""
        c = self._cols
        hashes = c["key_hash"]
        h = np.uint32(key_hash(k))
        lo = int(hashes.searchsorted(h))
        if lo == len(hashes) or hashes[lo] != h:  # most stretches name no place: no range to read
            return []
        hi = int(hashes.searchsorted(h, side="right"))
        pairs = zip(c["key_entry"][lo:hi].tolist(), c["key_name"][lo:hi].tolist(), strict=True)
        return [(row, ni) for row, ni in pairs if key(self.name(row, ni)) == k]

    def name(self, i: int, ni: int) -> str:
        """Name ``ni`` of row ``i`` (only the names before it are split off)."""
        blob, a, end = self._labels[2], self._name_off[i], self._name_off[i + 1]
        for _ in range(ni):
            a = blob.index(b"\n", a, end) + 1
        b = blob.find(b"\n", a, end)
        return blob[a:end if b < 0 else b].decode("utf-8")

    def row_of(self, geonames: int) -> int | None:
        """The row of a GeoNames id (rows are in id order)."""
        col = self._cols["geonames"]
        i = int(np.searchsorted(col, geonames))
        return i if i < len(col) and int(col[i]) == geonames else None

    def entry(self, i: int) -> Entry:
        """Row ``i`` as an Entry (``ndarray.item``: the Python number at once, no numpy scalar between)."""
        c = self._cols
        countries, admins, _ = self._labels
        gn, names = c["geonames"].item(i), self.names(i)
        return Entry(gid=f"geonames:{gn}", name=names[0], lat=c["lat"].item(i), lon=c["lon"].item(i),
                     placetype="locality", country=countries[c["country"].item(i)] or None,
                     admin1=admins[c["admin1"].item(i)] or None, population=c["population"].item(i),
                     geonames=gn, current=1, names=names)


def shipped_cities() -> Path | None:
    p = ir.files("fogline.data.gazetteer").joinpath(FILE_NAME)
    return Path(str(p)) if p.is_file() else None
