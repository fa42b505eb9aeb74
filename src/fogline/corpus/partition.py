"""Partitions: the independent pieces of the corpus stage, cut along the blocking keys.

Two events are ever compared only when one probes a blocking key (day bucket x geographic cell, or a
coarse area and a month; see ``blocking``) the other is indexed under. A partition is a connected
component of the graph joining each event to the keys it probes and to the probed keys it is indexed
under, with each event of a copy joined to the events of its origin article it may repeat (copies follow
their origin's events). No candidate pair crosses partitions and the grouping of one partition never looks at
another, so grouping each partition on its own gives exactly the incidents of one global pass: this is
what lets the stage re-group only the partitions new articles touch, stream them in batches, and send
them to Dask workers.

A partition is named by its smallest event id, so an untouched partition keeps its name from run to run.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from fogline.corpus.blocking import Key, item_keys, radius_km
from fogline.corpus.dates import When, parse_when
from fogline.corpus.items import DocInfo, Item, haversine_km, is_coarse
from fogline.corpus.match import area_level
from fogline.corpus.rules import MergeRules
from fogline.model import Event, Place


@dataclass(frozen=True, slots=True)
class KeyRow:
    """What blocking needs of one stored event (``store.corpus.key_rows``)."""

    event_id: str
    doc_id: str
    date: str | None
    date_precision: str
    lat: float | None
    lon: float | None
    precision: int | None
    placetype: str | None
    country: str | None
    admin1: str | None
    sub_event_type: str
    digest: str


HASH_MEMO = 100_000
"""Rows alike whose key hashes ``KeyMaker`` remembers at most (then it starts again)."""


class KeyMaker:
    """Blocking keys of light event rows; dates and places repeat, so both are parsed once each."""

    def __init__(self, rules: MergeRules) -> None:
        self.rules = rules
        self._when: dict[tuple[str | None, str], When | None] = {}
        self._doc = DocInfo("")
        self._hashes: dict[tuple[object, ...], tuple[list[int], list[int]]] = {}

    def when(self, row: KeyRow) -> When | None:
        k = (row.date, row.date_precision)
        if k not in self._when:
            w = parse_when(row.date, row.date_precision, self.rules)
            self._when[k] = None if w is not None and w.days > self.rules.max_span_days else w
        return self._when[k]

    def keys(self, row: KeyRow) -> tuple[list[Key], list[Key]]:
        """(probe keys, index keys) of one event; none when it has no date or no place."""
        w = self.when(row)
        if w is None or row.lat is None or row.lon is None:
            return [], []
        place = Place("", row.lat, row.lon, row.precision or 1, None, row.country, row.admin1, None, row.placetype)
        item = Item(self._doc, Event("", row.sub_event_type), w, is_coarse(place, self.rules), frozenset())
        item.event.location = place
        return item_keys(item, self.rules)

    def hashes(self, row: KeyRow) -> tuple[list[int], list[int]]:
        """``keys`` as hashes, remembered for rows alike (reports of one place and date)."""
        sig = (row.date, row.date_precision, row.lat, row.lon, row.precision, row.placetype, row.country,
               row.admin1, row.sub_event_type)
        if sig not in self._hashes:
            if len(self._hashes) >= HASH_MEMO:
                self._hashes.clear()
            probes, index = self.keys(row)
            self._hashes[sig] = ([hash(k) for k in probes], [hash(k) for k in index])
        return self._hashes[sig]


def _edges(rows: list[KeyRow], rules: MergeRules) -> tuple[np.ndarray, np.ndarray, int]:
    """(row, key node) edges of the blocking graph, and how many key nodes: every probe key, and every
    index key some row probes. Keys are hashed; two keys of one hash only ever join two partitions, which
    grouping them together undoes nothing of."""
    maker = KeyMaker(rules)
    p_row, p_key, i_row, i_key = array("q"), array("q"), array("q"), array("q")
    for n, row in enumerate(rows):
        probes, index = maker.hashes(row)
        p_row.extend([n] * len(probes))
        p_key.extend(probes)
        i_row.extend([n] * len(index))
        i_key.extend(index)
    probed = np.unique(np.frombuffer(p_key, dtype=np.int64))
    index_keys = np.frombuffer(i_key, dtype=np.int64)
    kept = np.isin(index_keys, probed)
    keys, node = np.unique(np.concatenate([np.frombuffer(p_key, dtype=np.int64), index_keys[kept]]),
                           return_inverse=True)
    src = np.concatenate([np.frombuffer(p_row, dtype=np.int64), np.frombuffer(i_row, dtype=np.int64)[kept]])
    return src, node.reshape(-1) + len(rows), len(keys)


def partitions(rows: list[KeyRow], copies: dict[str, str], rules: MergeRules) -> list[list[int]]:
    """Positions in ``rows`` of each partition, every partition sorted, partitions by their first row."""
    src, dst, n_keys = _edges(rows, rules)
    c_src: list[int] = []
    c_dst: list[int] = []
    _link_copies(rows, copies, rules, c_src, c_dst)
    src, dst = np.concatenate([src, np.array(c_src, np.int64)]), np.concatenate([dst, np.array(c_dst, np.int64)])
    size = len(rows) + n_keys
    graph = coo_matrix((np.ones(len(src), dtype=np.int32), (src, dst)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for n, label in enumerate(labels[:len(rows)].tolist()):
        groups.setdefault(label, []).append(n)
    return sorted(groups.values(), key=lambda g: g[0])


def _place(row: KeyRow) -> Place:
    assert row.lat is not None and row.lon is not None
    return Place("", row.lat, row.lon, row.precision or 1, None, row.country, row.admin1, None, row.placetype)


def _twin_candidate(copy: KeyRow, origin: KeyRow, rules: MergeRules) -> bool:
    """Whether ``clustering`` could take ``origin`` for the event ``copy`` repeats (``match.place_match``
    loosened to what the light rows tell): compatible types, both placed or neither, no two different
    countries, and unless one is an admin area, no farther apart than any radius or point limit."""
    if rules.type_group(copy.sub_event_type, origin.sub_event_type) is None:
        return False
    if copy.lat is None or origin.lat is None:
        return copy.lat is None and origin.lat is None
    if copy.country and origin.country and copy.country != origin.country:
        return False
    a, b = _place(copy), _place(origin)
    if any(is_coarse(p, rules) and area_level(p) != "radius" for p in (a, b)):
        return True
    return haversine_km(a, b) <= max(radius_km(rules), *rules.same_point_km.values())


def _link_copies(rows: list[KeyRow], copies: dict[str, str], rules: MergeRules, src: list[int],
                 dst: list[int]) -> None:
    """Join each event of a copy to the events of its origin article it may repeat (``_twin_candidate``)."""
    if not copies:
        return
    origins = set(copies.values())
    by_doc: dict[str, list[int]] = {}
    for n, row in enumerate(rows):
        if row.doc_id in copies or row.doc_id in origins:
            by_doc.setdefault(row.doc_id, []).append(n)
    for doc_id, members in by_doc.items():
        for c in members if doc_id in copies else ():
            for o in by_doc.get(copies[doc_id], ()):
                if _twin_candidate(rows[c], rows[o], rules):
                    src.append(c)
                    dst.append(o)


def part_names(rows: list[KeyRow], parts: Iterable[list[int]]) -> list[str]:
    """Each partition's name: its smallest event id."""
    return [min(rows[n].event_id for n in part) for part in parts]
