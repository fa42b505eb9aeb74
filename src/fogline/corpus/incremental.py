"""Which partitions to group again, worked out from what changed alone.

A full computation (``full_plan``) reads every event's light row, makes every signature's keys and every
partition (``corpus.partition``), and finds the dirty ones by digest. It also stores each partition's blocking
keys (stable hashes, ``store.keys``), so that the next run (``region_plan``) need read only:

- the events that may have changed (of new or re-analysed articles, of articles whose origin changed and of
  the copies of those) and those not in a stored partition (new, or their partition lost an event); with them,
  the *broken* partitions (the stored partitions any of them is in) whole;
- the stored partitions those events' keys meet (they probe a key a partition holds, or a partition probes a key
  they are indexed under), and those holding the origin events their copies may follow: these are unchanged and
  whole, so each stands in the graph as one node with its stored keys (its members are joined already, and it
  meets nothing outside but through a changed event: two events of different stored partitions sharing a
  probed key would have been one partition).

The connected pieces of that graph are the partitions a full computation would find around the change (every
other stored partition is untouched, so clean), and each is dirty exactly when the full computation finds it
so: a member new or changed, or not exactly one stored partition. Digests change only when an article is stored
again (its samples are dropped, so it is new to the near-duplicates) or its origin changes, which is what the
changed events are; the events of untouched partitions are never read. A store without stored keys, or whose
keys were made under other rules, ratings or Python (tuple hashes), takes the full computation once; a store
whose incidents were grouped under other rules or ratings is grouped again whole.
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pyarrow as pa

from fogline.config import Config
from fogline.corpus.items import DocInfo
from fogline.corpus.partition import KeyRow, SignatureKeys, _Keys, components, copy_twins, part_names, signature_keys
from fogline.corpus.rules import RULES_FILE, MergeRules
from fogline.store import Store
from fogline.store import corpus as sql_parts
from fogline.store import keys as sql_keys

KEY_SCHEME = "1"
"""Bumped when blocking keys are made otherwise: stored keys of another scheme are made again."""


@dataclass(frozen=True, slots=True)
class Fingerprints:
    grouping: str
    """The merge rules and the outlet ratings incidents are grouped and assembled with."""
    keys: str
    """``grouping``, the key scheme and the Python version (whose tuple hashes the stored keys are)."""


def fingerprints(config: Config) -> Fingerprints:
    h = hashlib.md5(b"fogline grouping\n")
    data = resources.files("fogline").joinpath("data")
    h.update(data.joinpath("corpus", RULES_FILE).read_bytes())
    shipped = data.joinpath("ratings", "outlets.csv")
    h.update(shipped.read_bytes() if shipped.is_file() else b"no shipped ratings")
    if config.outlet_ratings is not None:
        path = Path(config.outlet_ratings)
        h.update(path.read_bytes() if path.is_file() else f"missing {path}".encode())
    grouping = h.hexdigest()
    version = f"{grouping} keys {KEY_SCHEME} python {sys.version_info[0]}.{sys.version_info[1]}"
    return Fingerprints(grouping, hashlib.md5(version.encode()).hexdigest())


@dataclass(slots=True)
class Member:
    """An event of a partition to group: what ``corpus._batches`` reads of it."""

    event_id: str
    doc_id: str
    digest: str


@dataclass(slots=True)
class Plan:
    """The dirty partitions (positions in ``rows``, sorted, by first row), the stored (partition, digest) of their
    events, the events whose decisions may replay, and the keys to store: ``keys`` (part, key, probe) replacing
    those of the ``stale`` partitions (None: of all)."""

    rows: list[KeyRow] | list[Member]
    dirty: list[list[int]]
    old: dict[str, tuple[str, str]]
    reusable: set[str]
    keys: pa.Table | None
    stale: list[str] | None
    partitions: int = 0


def _dirty(part: list[int], rows: list[KeyRow], old: dict[str, tuple[str, str]], sizes: Counter[str]) -> bool:
    """Whether a partition must be grouped again: a member is new or changed, or it is not exactly one
    partition of the last run (two were joined, or one lost members)."""
    names = set()
    for n in part:
        if (name := _old_part(rows[n], old)) is None:
            return True
        names.add(name)
    return len(names) != 1 or sizes[names.pop()] != len(part)


def _old_part(row: KeyRow | Member, old: dict[str, tuple[str, str]]) -> str | None:
    """The partition of last run an event was in, when it is unchanged since (None: new or changed)."""
    was = old.get(row.event_id)
    return was[0] if was is not None and was[1] == row.digest else None


def _reusable(part: list[int], rows: list[KeyRow], old: dict[str, tuple[str, str]], sizes: Counter[str]) -> list[str]:
    """Events of a partition whose last decisions may be replayed: those of the partitions of last run
    that are here whole and unchanged (an event of theirs removed, changed or elsewhere: none of them)."""
    found: dict[str, list[str]] = {}
    for n in part:
        if (name := _old_part(rows[n], old)) is not None:
            found.setdefault(name, []).append(rows[n].event_id)
    return [e for name, ids in found.items() if len(ids) == sizes[name] for e in ids]


def full_plan(store: Store, rows: list[KeyRow], parts: list[list[int]], keyed: SignatureKeys, attached: set[int],
              regroup: bool) -> Plan:
    """Every partition worked out; the dirty ones by digest (all of them, and no replay, with ``regroup``). The
    keys stored are those of the rows not ``attached`` to a twin (the others take no part in the graph)."""
    old = sql_parts.stored_parts(store)
    sizes = Counter(p for p, _ in old.values())
    dirty = parts if regroup else [p for p in parts if _dirty(p, rows, old, sizes)]
    reusable = set() if regroup else {e for p in dirty for e in _reusable(p, rows, old, sizes)}
    comp = np.empty(len(rows), dtype=np.int64)
    for n, part in enumerate(parts):
        comp[part] = n
    comp[list(attached)] = -1
    keys = key_table(part_names(rows, parts), *_sig_keys(keyed.sig, comp, keyed.keys, keyed.n_sigs))
    return Plan(rows, dirty, old, reusable, keys, None, len(parts))


def _sig_keys(row_sig: np.ndarray, row_comp: np.ndarray, keys: _Keys,
              n_sigs: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(piece, key, probe) of every key of the signatures of the rows of each piece (``row_comp``; -1: none)."""
    sel = row_comp >= 0
    pair = np.unique(row_comp[sel] * max(n_sigs, 1) + row_sig[sel])
    comp, sig = pair // max(n_sigs, 1), pair % max(n_sigs, 1)
    out = []
    for flat, start, probe in ((keys.probes, keys.p_start, True), (keys.index, keys.i_start, False)):
        st, fl = np.frombuffer(start, dtype=np.int64), np.frombuffer(flat, dtype=np.int64)
        lo, cnt = st[sig], st[sig + 1] - st[sig]
        total = int(cnt.sum())
        idx = np.repeat(lo - (np.cumsum(cnt) - cnt), cnt) + np.arange(total, dtype=np.int64)
        out.append((np.repeat(comp, cnt), fl[idx], np.full(total, probe)))
    return tuple(np.concatenate(col) for col in zip(*out, strict=True))  # type: ignore[return-value]


def key_table(names: list[str], comp: np.ndarray, key: np.ndarray, probe: np.ndarray) -> pa.Table:
    """(part, key, probe) rows, each once, the part named by ``names[comp]`` (sorted by a mix of the three, so
    that rows alike are neighbours: one sort of one column, several times quicker than sorting by all three)."""
    mix = (key.view(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) ^ (comp.astype(np.uint64) * np.uint64(
        0xC2B2AE3D27D4EB4F)) ^ probe.astype(np.uint64)
    order = np.argsort(mix)
    comp, key, probe = comp[order], key[order], probe[order]
    keep = np.ones(len(key), dtype=bool)
    keep[1:] = (comp[1:] != comp[:-1]) | (key[1:] != key[:-1]) | (probe[1:] != probe[:-1])
    part = pa.DictionaryArray.from_arrays(pa.array(comp[keep].astype(np.int32)), pa.array(names, pa.string()))
    return pa.table({"part": part, "key": pa.array(key[keep], pa.int64()), "probe": pa.array(probe[keep])})


def changed_docs(new: set[str], before: dict[str, str], after: dict[str, str]) -> set[str]:
    """Articles whose events' digests may have changed (new or stored again, or their origin changed), and the
    copies of those (their events may follow other twins)."""
    changed = new | {d for d in before.keys() | after.keys() if before.get(d) != after.get(d)}
    return changed | {c for copies in (before, after) for c, o in copies.items() if o in changed}


def region_plan(store: Store, docs: dict[str, DocInfo], rules: MergeRules, changed: set[str]) -> Plan:
    """The partitions around ``changed`` articles' events and the events not in a stored partition, worked out
    from them, the partitions they were in and the stored partitions they meet (see the module)."""
    raw = sorted(sql_keys.region_rows(store, sorted(changed)), key=lambda r: (r[1], r[0]))
    rows = [KeyRow(*r[:16]) for r in raw]
    stored = {r[0]: (r[16], r[17]) for r in raw if r[16] is not None}
    for row, digest in zip(rows, sql_parts.digests(store, [r.doc_id for r in rows], [r.digest for r in rows]),
                           strict=True):
        row.digest = digest
    keyed = signature_keys(rows, rules)
    broken = {p for p, _ in stored.values()}
    seen = {r.event_id for r in rows}
    origins = sorted({o for r in rows if (o := docs[r.doc_id].origin_doc_id)})
    more = [r for r in sql_keys.doc_rows(store, origins) if r[0] not in seen and r[16] is not None]
    touched = set(sql_keys.touched_parts(store, np.frombuffer(keyed.keys.probes, dtype=np.int64),
                                         np.frombuffer(keyed.keys.index, dtype=np.int64)))
    sizes = sql_keys.part_sizes(store, sorted(broken | touched | {r[16] for r in more}))
    pseudo = sorted(p for p in (touched | {r[16] for r in more}) - broken if p in sizes)
    empty = sorted(touched - sizes.keys())  # keys of a partition no longer stored
    tpos, pkey, pprobe = _pseudo_keys(sql_keys.part_keys(store, pseudo), pseudo)
    graph = SignatureKeys(np.concatenate([keyed.sig, keyed.n_sigs + np.arange(len(pseudo), dtype=np.int64)]),
                          _extended(keyed.keys, tpos, pkey, pprobe, len(pseudo)), keyed.n_sigs + len(pseudo))
    twins = _twins(rows, [KeyRow(*r[:16]) for r in more], [r[16] for r in more], pseudo, docs, rules)
    pieces = _dirty_pieces(components(graph, len(rows) + len(pseudo), twins), rows, stored, pseudo, sizes)
    plan = _expanded(store, pieces, rows, stored, pseudo, sizes)
    comp = np.full(len(rows), -1, dtype=np.int64)
    for c, (real, _) in enumerate(pieces):
        comp[real] = c
    comp[list(twins)] = -1
    of_pseudo = np.full(len(pseudo), -1, dtype=np.int64)
    for c, (_, ps) in enumerate(pieces):
        of_pseudo[ps] = c
    pcomp = of_pseudo[tpos]
    sel = pcomp >= 0
    real_keys = _sig_keys(keyed.sig, comp, keyed.keys, keyed.n_sigs)
    plan.keys = key_table(part_names(plan.rows, plan.dirty), *(np.concatenate([a, b[sel]]) for a, b in
                                                               zip(real_keys, (pcomp, pkey, pprobe), strict=True)))
    plan.dirty.sort(key=lambda p: p[0])
    plan.stale = sorted({stored[rows[n].event_id][0] for real, _ in pieces for n in real
                         if rows[n].event_id in stored} | {pseudo[t] for _, ps in pieces for t in ps} | set(empty))
    return plan


def _pseudo_keys(table: pa.Table, pseudo: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(position in ``pseudo``, key, probe) of each stored key of those partitions."""
    if not table.num_rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    coded = table.column("part").combine_chunks().dictionary_encode()
    where = {p: n for n, p in enumerate(pseudo)}
    lookup = np.array([where[p] for p in coded.dictionary.to_pylist()], dtype=np.int64)
    tpos = lookup[coded.indices.to_numpy(zero_copy_only=False)]
    return (tpos, table.column("key").to_numpy().astype(np.int64),
            table.column("probe").to_numpy(zero_copy_only=False).astype(bool))


def _extended(keys: _Keys, tpos: np.ndarray, key: np.ndarray, probe: np.ndarray, m: int) -> _Keys:
    """``keys`` with a signature more per stored partition (its stored probe keys, then its index keys)."""
    more = _Keys()
    for flat, start, sel in ((more.probes, more.p_start, probe), (more.index, more.i_start, ~probe)):
        order = np.argsort(tpos[sel], kind="stable")
        flat.frombytes(np.ascontiguousarray(key[sel][order], dtype=np.int64).tobytes())
        start.frombytes(np.cumsum(np.bincount(tpos[sel], minlength=m)).astype(np.int64).tobytes())
    keys.extend(more)
    return keys


def _twins(rows: list[KeyRow], extra: list[KeyRow], extra_part: list[str], pseudo: list[str],
           docs: dict[str, DocInfo], rules: MergeRules) -> dict[int, int]:
    """``partition.copy_twins`` of the rows, their copies' origin events (``extra``, in stored partitions) among
    the candidates, in the order a full computation lists them; a twin in a stored partition is its node."""
    n = len(rows)
    where = {p: n + i for i, p in enumerate(pseudo)}
    order = [k for _, _, k in sorted([(r.doc_id, r.event_id, i) for i, r in enumerate(rows)] +
                                     [(r.doc_id, r.event_id, n + j) for j, r in enumerate(extra)])]
    both = [rows[k] if k < n else extra[k - n] for k in order]
    out: dict[int, int] = {}
    for a, b in copy_twins(both, docs, rules).items():
        src, dst = order[a], order[b]
        if src < n:
            out[src] = dst if dst < n else where[extra_part[dst - n]]
    return out


def _dirty_pieces(pieces: list[list[int]], rows: list[KeyRow], stored: dict[str, tuple[str, str]],
                  pseudo: list[str], sizes: dict[str, int]) -> list[tuple[list[int], list[int]]]:
    """(rows, stored partitions) of each piece the full computation finds dirty: one with a new or changed
    event, or that is not exactly one stored partition."""
    n, out = len(rows), []
    for piece in pieces:
        real, ps = [k for k in piece if k < n], [k - n for k in piece if k >= n]
        counts: Counter[str] = Counter({pseudo[t]: sizes[pseudo[t]] for t in ps})
        changed = False
        for k in real:
            was = stored.get(rows[k].event_id)
            changed = changed or was is None or was[1] != rows[k].digest
            if was is not None:
                counts[was[0]] += 1
        if changed or len(counts) != 1 or next(iter(counts.values())) != sizes[next(iter(counts))]:
            out.append((real, ps))
    return out


def _expanded(store: Store, pieces: list[tuple[list[int], list[int]]], rows: list[KeyRow],
              stored: dict[str, tuple[str, str]], pseudo: list[str], sizes: dict[str, int]) -> Plan:
    """The plan of the dirty pieces: their events (a stored partition's read by id), in the order of a full
    computation; what may replay: the events of stored partitions here whole and unchanged."""
    members: list[tuple[Member, int]] = []
    old: dict[str, tuple[str, str]] = {}
    for c, (real, _) in enumerate(pieces):
        for k in real:
            r = rows[k]
            members.append((Member(r.event_id, r.doc_id, r.digest), c))
            if r.event_id in stored:
                old[r.event_id] = stored[r.event_id]
    piece_of = {pseudo[t]: c for c, (_, ps) in enumerate(pieces) for t in ps}
    for event_id, doc_id, part, digest in sql_keys.part_members(store, sorted(piece_of)):
        members.append((Member(event_id, doc_id, digest), piece_of[part]))
        old[event_id] = (part, digest)
    members.sort(key=lambda m: (m[0].doc_id, m[0].event_id))
    dirty: list[list[int]] = [[] for _ in pieces]
    for n, (_, c) in enumerate(members):
        dirty[c].append(n)
    reusable: set[str] = set()
    for piece in dirty:
        found: dict[str, list[str]] = {}
        for n in piece:
            if (name := _old_part(members[n][0], old)) is not None:
                found.setdefault(name, []).append(members[n][0].event_id)
        reusable.update(e for name, ids in found.items() if len(ids) == sizes[name] for e in ids)
    return Plan([m for m, _ in members], dirty, old, reusable,
                key_table([], np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, bool)), [])


__all__ = ["Fingerprints", "Member", "Plan", "changed_docs", "fingerprints", "full_plan", "key_table"]
