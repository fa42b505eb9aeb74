"""Partitions: the independent pieces of the corpus stage, cut along the blocking keys.

Two events are ever compared only when one probes a blocking key (day bucket x geographic cell, or a
coarse area and a month; see ``blocking``) the other is indexed under. A partition is a connected
component of the graph joining each event to the keys it probes and to the probed keys it is indexed
under; an event of a copy that repeats an event of its origin article is not grouped but follows its
twin's incident (``clustering.origin_twin``), so it is joined to its twin alone. No candidate pair
crosses partitions and the grouping of one partition never looks at another, so grouping each partition
on its own gives exactly the incidents of one global pass: this is what lets the stage re-group only the
partitions new articles touch, stream them in batches, and send them to Dask workers.

A partition is named by its smallest event id, so an untouched partition keeps its name from run to run.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from fogline.corpus.blocking import Key, index_keys, probe_keys, probed_areas
from fogline.corpus.clustering import origin_twin
from fogline.corpus.dates import When, parse_when
from fogline.corpus.items import DocInfo, Item, is_coarse
from fogline.corpus.rules import MergeRules, default_rules
from fogline.model import Event, Place


@dataclass(slots=True)
class KeyRow:
    """What blocking needs of one stored event (``store.corpus.light_rows``; the ``digest`` is the record's md5
    until ``store.corpus.digests`` gives the event's own, once the near-duplicates are known)."""

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
    gazetteer_id: str | None
    admin2: str | None
    certainty: str
    digest: str
    place_name: str = ""


class KeyMaker:
    """Blocking keys of light event rows; dates and places repeat, so both are parsed once each."""

    def __init__(self, rules: MergeRules) -> None:
        self.rules = rules
        self._when: dict[tuple[str | None, str], When | None] = {}
        self._doc = DocInfo("")

    def when(self, row: KeyRow) -> When | None:
        k = (row.date, row.date_precision)
        if k not in self._when:
            w = parse_when(row.date, row.date_precision, self.rules)
            self._when[k] = None if w is not None and w.days > self.rules.max_span_days else w
        return self._when[k]

    def item(self, row: KeyRow, doc: DocInfo | None = None) -> Item:
        """A light item of the row: what blocking and ``clustering.origin_twin`` read of it."""
        place = None if row.lat is None or row.lon is None else Place(
            row.place_name, row.lat, row.lon, row.precision or 1, row.gazetteer_id, row.country, row.admin1, row.admin2,
            row.placetype)
        event = Event(row.event_id, row.sub_event_type, location=place, certainty=row.certainty)  # type: ignore[arg-type]
        return Item(doc or self._doc, event, self.when(row), place is not None and is_coarse(place, self.rules),
                    frozenset())

    def table(self, rows: list[KeyRow], every_area: bool = False) -> _Keys:
        """The keys of each row (rows of distinct signatures), hashed; of the area index keys, only those of
        areas some row probes (no other could join anything), or with ``every_area`` those of every area (for
        rows keyed in parts: the extra keys match no probe key). Probe keys are hashed as they are made and
        items made again for the index keys, so no more than one row's keys are held at a time."""
        table, areas = _Keys(), set()
        for row in rows:
            keys = probe_keys(item, self.rules) if (item := self._keyed(row)) is not None else []
            areas |= probed_areas(keys)
            table.add_probes(keys)
        for row in rows:
            item = self._keyed(row)
            table.add_index([] if item is None else index_keys(item, self.rules, None if every_area else areas))
        return table

    def _keyed(self, row: KeyRow) -> Item | None:
        """The row's light item, when it has the date and place that keys need."""
        item = self.item(row)
        return item if item.when is not None and item.event.location is not None else None

    @staticmethod
    def signature(row: KeyRow) -> tuple[object, ...]:
        """What a row's keys are made of: rows alike (reports of one place and date) share their keys."""
        return (row.date, row.date_precision, row.lat, row.lon, row.precision, row.placetype, row.country,
                row.admin1, row.sub_event_type)


class _Keys:
    """The keys of each signature once, as hashes: all probe keys in one flat array, then all index keys,
    with where each signature's run starts."""

    def __init__(self) -> None:
        self.probes, self.index = array("q"), array("q")
        self.p_start, self.i_start = array("q", [0]), array("q", [0])

    def add_probes(self, probes: list[Key]) -> None:
        """The next signature's probe keys (every signature's probe keys come before any index key)."""
        self.probes.extend([hash(k) for k in probes])
        self.p_start.append(len(self.probes))

    def add_index(self, index: list[Key]) -> None:
        """The next signature's index keys."""
        self.index.extend([hash(k) for k in index])
        self.i_start.append(len(self.index))

    def extend(self, other: _Keys) -> None:
        """The signatures of ``other`` after these."""
        for flat, start, more, more_start in ((self.probes, self.p_start, other.probes, other.p_start),
                                              (self.index, self.i_start, other.index, other.i_start)):
            base = len(flat)
            flat.extend(more)
            start.extend([base + n for n in more_start[1:]])


KEYS_PER_TASK = 4000
"""Signatures keyed per task when the keys are made on the workers."""
HASH_PROBE = ("fogline", "blocking key", None, 0.5, (None, 3))
"""Hashed on both sides, of what keys hold (strings, None, numbers, tuples): keys made by a process that hashes
them otherwise (another interpreter's string seed; before Python 3.12, ``hash(None)`` is its address, the same
only in a forked child) are made again here."""


@dataclass(slots=True)
class KeyTask:
    """Signatures (a row of each) to key on a worker (``task_keys``): ``n``, the task's place in order."""

    n: int
    rows: list[KeyRow]

    @property
    def records(self) -> list[KeyRow]:
        """What a pool counts of a task (``batch.corpus_pool``)."""
        return self.rows


def task_keys(task: KeyTask, config: object = None) -> tuple[int, int, _Keys]:
    """(the task's place, ``hash(HASH_PROBE)`` here, the keys of its signatures, every area's index keys)."""
    return task.n, hash(HASH_PROBE), KeyMaker(default_rules()).table(task.rows, every_area=True)


Mapped = Callable[[Callable[..., tuple[int, int, _Keys]], Iterator[KeyTask]], Iterator[tuple[int, int, _Keys]]]
"""Runs ``task_keys`` over key tasks (a ``corpus.Mapper`` with the configuration bound), results in any order."""

@dataclass(slots=True)
class SignatureKeys:
    """The blocking keys of every row's signature (rows alike share every key), hashed: ``sig`` holds each
    row's signature number, ``keys`` each signature's keys (``KeyMaker.table``). Made of the light rows alone,
    before the near-duplicates are known (the stage makes them meanwhile); ``partitions`` then leaves out the
    rows attached to a twin."""

    sig: np.ndarray
    keys: _Keys
    n_sigs: int


def signature_keys(rows: list[KeyRow], rules: MergeRules, mapper: Mapped | None = None,
                   every_area: bool = True) -> SignatureKeys:
    """The keys of every row's signature, made here or by ``mapper`` (``KeyTask``s of ``KEYS_PER_TASK``
    signatures, on the workers). The area index keys are those of the areas any signature probes (of every
    area on the workers): a superset of what the rows a copy's twin leaves keyed probe, whose extra keys no
    kept probe key matches; keys are stable hashes (``blocking.name_id``), so a partition's can be stored. With
    ``every_area`` (the default) every area's index keys are made here too: stored, they let an area probed
    only later find the partitions indexed under it."""
    maker = KeyMaker(rules)
    seen: dict[tuple[object, ...], int] = {}
    sigs, first = array("q"), []
    for row in rows:
        sig = maker.signature(row)
        k = seen.get(sig)
        if k is None:
            k = seen[sig] = len(seen)
            first.append(row)
        sigs.append(k)
    table = _mapped_table(first, mapper) if mapper is not None and first else None
    return SignatureKeys(np.frombuffer(sigs, dtype=np.int64), table or maker.table(first, every_area), len(first))


def _mapped_table(first: list[KeyRow], mapper: Mapped) -> _Keys | None:
    """The keys of ``first`` made by ``mapper``, in order; None when its workers hash strings otherwise (asked
    first with an empty task, so that their keys are not made twice)."""
    if any(seed != hash(HASH_PROBE) for _, seed, _ in mapper(task_keys, iter([KeyTask(0, [])]))):
        return None
    tasks = (KeyTask(n, first[at:at + KEYS_PER_TASK]) for n, at in enumerate(range(0, len(first), KEYS_PER_TASK)))
    table = _Keys()
    for _, _, keys in sorted(mapper(task_keys, tasks), key=lambda r: r[0]):
        table.extend(keys)
    return table


def _edges(keyed: SignatureKeys, n_rows: int, attached: set[int]) -> tuple[np.ndarray, np.ndarray, int]:
    """Edges of the blocking graph, and how many nodes it has past the rows: each row is joined to its key
    signature (rows alike share every key), each signature to every key it probes and to every key it is
    indexed under that some row probes (rows ``attached`` to a twin take no part, nor a signature of theirs
    alone). Keys are made once per signature and hashed; two keys of one hash only ever join two partitions,
    which grouping them together undoes nothing of."""
    n_sigs, row_sig = keyed.n_sigs, keyed.sig
    live = np.ones(n_rows, dtype=bool)
    live[np.fromiter(attached, dtype=np.int64, count=len(attached))] = False
    used = np.bincount(row_sig[live], minlength=n_sigs) > 0
    p_sig, p_key = _runs(keyed.keys.probes, keyed.keys.p_start)
    i_sig, i_key = _runs(keyed.keys.index, keyed.keys.i_start)
    p_used, i_used = used[p_sig], used[i_sig]
    p_sig, p_key, i_sig, i_key = p_sig[p_used], p_key[p_used], i_sig[i_used], i_key[i_used]
    nodes, p_node, i_node, kept = _key_nodes(p_key, i_key)
    has_keys = (np.bincount(p_sig, minlength=n_sigs) + np.bincount(i_sig[kept], minlength=n_sigs)) > 0
    joined = live & has_keys[row_sig]  # a row without a key stays alone
    src = np.concatenate([np.flatnonzero(joined), p_sig + n_rows, i_sig[kept] + n_rows])
    dst = np.concatenate([row_sig[joined] + n_rows, p_node + n_rows + n_sigs, i_node + n_rows + n_sigs])
    return src, dst, n_sigs + nodes


def _key_nodes(p_key: np.ndarray, i_key: np.ndarray) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """(how many probed keys, node of each probe key, node of each index key some row probes, which index
    keys those are): the probed keys, sorted, are the key nodes. One sort and a binary search (``np.isin`` and
    ``np.unique`` without an inverse hash every key, several times slower)."""
    nodes, p_node = np.unique(p_key, return_inverse=True)
    at = np.searchsorted(nodes, i_key).clip(max=max(len(nodes) - 1, 0))
    kept = nodes[at] == i_key if len(nodes) else np.zeros(len(i_key), dtype=bool)
    return len(nodes), p_node.reshape(-1), at[kept], kept


def _runs(flat: array, start: array) -> tuple[np.ndarray, np.ndarray]:
    """(signature, key hash) of every key in the signatures' runs."""
    starts = np.frombuffer(start, dtype=np.int64)
    return np.repeat(np.arange(len(starts) - 1, dtype=np.int64), np.diff(starts)), np.frombuffer(flat, dtype=np.int64)


def partitions(rows: list[KeyRow], docs: dict[str, DocInfo], rules: MergeRules,
               keyed: SignatureKeys | None = None) -> list[list[int]]:
    """Positions in ``rows`` of each partition, every partition sorted, partitions by their first row;
    ``keyed``: the rows' ``signature_keys``, when made already."""
    return components(keyed or signature_keys(rows, rules), len(rows), copy_twins(rows, docs, rules))


def components(keyed: SignatureKeys, n_rows: int, twins: dict[int, int]) -> list[list[int]]:
    """The connected pieces of the blocking graph of ``n_rows`` rows (``keyed``: their signatures' keys), rows
    ``twins`` attaches following their twin: positions, every piece sorted, pieces by their first row."""
    src, dst, n_nodes = _edges(keyed, n_rows, set(twins))
    src = np.concatenate([src, np.array(list(twins), np.int64)])
    dst = np.concatenate([dst, np.array(list(twins.values()), np.int64)])
    size = n_rows + n_nodes
    graph = coo_matrix((np.ones(len(src), dtype=np.int32), (src, dst)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for n, label in enumerate(labels[:n_rows].tolist()):
        groups.setdefault(label, []).append(n)
    return sorted(groups.values(), key=lambda g: g[0])


def copy_twins(rows: list[KeyRow], docs: dict[str, DocInfo], rules: MergeRules) -> dict[int, int]:
    """Row of each copy's event -> row of the origin event it repeats, as ``clustering`` attaches it (the
    same satire class, certainties it groups): such an event only follows its twin's incident, so its
    partition is its twin's."""
    maker = KeyMaker(rules)
    by_doc: dict[str, list[int]] = {}
    origins = {d.origin_doc_id for d in docs.values() if d.origin_doc_id}
    for n, row in enumerate(rows):
        if (docs[row.doc_id].origin_doc_id or row.doc_id in origins) and row.certainty not in rules.excluded_certainty:
            by_doc.setdefault(row.doc_id, []).append(n)
    items = {n: maker.item(rows[n], docs[rows[n].doc_id]) for members in by_doc.values() for n in members}
    out: dict[int, int] = {}
    for doc_id, members in by_doc.items():
        origin = docs[doc_id].origin_doc_id
        others = [n for n in by_doc.get(origin or "", []) if docs[rows[n].doc_id].satire == docs[doc_id].satire]
        for n in members if others else ():
            twin = origin_twin(items[n], [items[o] for o in others], rules)
            if twin is not None:
                out[n] = next(o for o in others if items[o] is twin)
    return out


def part_names(rows: list[KeyRow], parts: Iterable[list[int]]) -> list[str]:
    """Each partition's name: its smallest event id."""
    return [min(rows[n].event_id for n in part) for part in parts]
