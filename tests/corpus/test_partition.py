"""Partitions: grouping each on its own, incrementally or on Dask, gives the incidents of one global pass."""

from __future__ import annotations

import pytest
from synthetic import articles

from fogline.corpus import build_corpus, partition
from fogline.corpus.blocking import index_keys, probe_keys
from fogline.corpus.incidents import build_incidents
from fogline.corpus.items import DocInfo, make_item
from fogline.corpus.partition import KeyMaker, KeyRow, copy_twins, partitions, signature_keys
from fogline.corpus.rules import default_rules
from fogline.store import Store

BASE, MORE = articles(150), articles(6, seed=5, start=150, villages=range(3))


def _incidents(store: Store) -> dict[str, tuple[str, str]]:
    rows = store.conn.execute("SELECT incident_id, fingerprint, record FROM incidents").fetchall()
    return {i: (fp, rec) for i, fp, rec in rows}


def _rowids(store: Store) -> dict[str, int]:
    return dict(store.conn.execute("SELECT incident_id, rowid FROM incidents").fetchall())


def test_partitions_equal_one_global_pass() -> None:
    with Store.open(":memory:") as store:
        store.add_many(BASE)
        result = build_corpus(store)
        stored = sorted(inc for inc, _ in _incidents(store).values())
        docs = {d.doc_id: DocInfo(d.doc_id, d.outlet, d.published, d.url, d.title) for d in BASE}
        for doc_id, origin in store.conn.execute("SELECT doc_id, origin_doc_id FROM corpus_copies").fetchall():
            docs[doc_id].origin_doc_id = origin
    rules = default_rules()
    items = [make_item(docs[d.doc_id], ev, rules) for d in BASE for ev in d.events]
    from fogline.store.incidents import fingerprint

    assert sorted(fingerprint(inc)[1] for inc in build_incidents(items, docs, rules)) == stored
    assert result.partitions > 10


def test_adding_articles_regroups_only_their_partitions() -> None:
    with Store.open(":memory:") as store:
        store.add_many(BASE)
        build_corpus(store)
        before, rowids = _incidents(store), _rowids(store)
        store.add_many(MORE)
        result = build_corpus(store)
        after, rowids_after = _incidents(store), _rowids(store)
    with Store.open(":memory:") as fresh:
        fresh.add_many(BASE + MORE)
        build_corpus(fresh)
        assert _incidents(fresh) == after  # incremental == full recompute
    assert 0 < result.regrouped < result.partitions / 2
    kept = [i for i in before if i in after and before[i] == after[i]]
    assert len(kept) >= len(before) - result.written - result.deleted
    untouched = [i for i in kept if rowids[i] == rowids_after[i]]
    assert len(untouched) >= len(before) - result.written - result.deleted  # rows never rewritten


def test_nothing_new_regroups_nothing() -> None:
    with Store.open(":memory:") as store:
        store.add_many(BASE)
        build_corpus(store)
        again = build_corpus(store)
    assert (again.regrouped, again.written, again.deleted) == (0, 0, 0)


def test_replaced_article_regroups_its_partition() -> None:
    with Store.open(":memory:") as store:
        store.add_many(BASE)
        build_corpus(store)
        changed = articles(150)[7]
        changed.events = changed.events[:1]
        store.add_many([changed], replace=True)
        result = build_corpus(store)
        after = _incidents(store)
    with Store.open(":memory:") as fresh:
        fresh.add_many([*BASE[:7], changed, *BASE[8:]])
        build_corpus(fresh)
        assert _incidents(fresh) == after
    assert 0 < result.regrouped < result.partitions


@pytest.mark.parametrize("batch_events", [pytest.param(1, id="one-partition-a-batch"),
                                          pytest.param(100000, id="one-batch")])
def test_batch_size_does_not_change_incidents(batch_events: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import fogline.corpus as corpus

    found = []
    for size in (4000, batch_events):
        monkeypatch.setattr(corpus, "BATCH_EVENTS", size)
        with Store.open(":memory:") as store:
            store.add_many(BASE)
            build_corpus(store)
            found.append(_incidents(store))
    assert found[0] == found[1]


def _row(event_id: str, doc_id: str, lat: float, kind: str = "Armed clash") -> KeyRow:
    return KeyRow(event_id, doc_id, "2020-10-04", "day", lat, 46.4, 1, "locality", "ARM", "Syunik", kind, None, None,
                  "stated", "x")


@pytest.mark.parametrize(("copy_event", "joined"), [
    pytest.param(_row("c1", "copy", 39.2), True, id="copy-event-at-the-origin-place-follows-it"),
    pytest.param(_row("c1", "copy", 40.9), False, id="copy-event-200-km-away-stays-apart"),
    pytest.param(_row("c1", "copy", 39.6), False, id="copy-event-45-km-away-repeats-nothing"),
    pytest.param(_row("c1", "copy", 39.6, "Peaceful protest"), False, id="copy-event-of-another-type-stays-apart"),
])
def test_copy_joined_only_to_the_origin_event_it_repeats(copy_event: KeyRow, joined: bool) -> None:
    rows = [_row("o1", "origin", 39.2), _row("x1", "other", 40.0), copy_event]
    docs = {d: DocInfo(d) for d in ("origin", "other", "copy")}
    docs["copy"].origin_doc_id = "origin"
    parts = partitions(rows, docs, default_rules())
    assert (sorted(p for p in parts if 0 in p)[0] == [0, 2]) is joined


@pytest.mark.parametrize(("copy_admin2", "joined"), [
    pytest.param("Alder County", True, id="town-in-the-county-named-follows-the-origin"),
    pytest.param("Birch County", False, id="town-in-the-neighbouring-county-stays-apart"),
])
def test_copy_twin_of_a_county_without_admin2_is_judged_by_its_name(copy_admin2: str, joined: bool) -> None:
    origin = KeyRow("o1", "origin", "2020-10-04", "day", 39.2, 46.4, 2, "county", "ARM", "Syunik", "Armed clash",
                    None, None, "stated", "x", "Alder County")
    copy = KeyRow("c1", "copy", "2020-10-04", "day", 39.25, 46.4, 1, "locality", "ARM", "Syunik", "Armed clash",
                  None, copy_admin2, "stated", "x", "Cedar")
    docs = {d: DocInfo(d) for d in ("origin", "copy")}
    docs["copy"].origin_doc_id = "origin"
    assert (copy_twins([origin, copy], docs, default_rules()) == {1: 0}) is joined


def _reference_parts(rows: list[KeyRow]) -> list[list[int]]:
    """Partitions by their definition, row by row: two rows are joined when one probes a key the other probes
    or is indexed under (no copies here)."""
    maker, rules = KeyMaker(default_rules()), default_rules()
    items = [maker.item(r) for r in rows]
    keys = [(probe_keys(it, rules), index_keys(it, rules)) if it.when and it.event.location else ([], [])
            for it in items]
    probed = {k for probes, _ in keys for k in probes}
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    owner: dict[object, int] = {}
    for n, (probes, index) in enumerate(keys):
        for key in [*probes, *(k for k in index if k in probed)]:
            if key in owner:
                parent[find(n)] = find(owner[key])
            else:
                owner[key] = n
    groups: dict[int, list[int]] = {}
    for n in range(len(rows)):
        groups.setdefault(find(n), []).append(n)
    return sorted(groups.values(), key=lambda g: g[0])


def _at(event_id: str, lat: float | None, date: str | None = "2020-10-04", kind: str = "Armed clash",
        precision: int = 1) -> KeyRow:
    return KeyRow(event_id, "d" + event_id, date, "day" if date else "unknown", lat, None if lat is None else 46.4,
                  precision, "locality" if precision == 1 else "region", "ARM", "Syunik", kind, None, None, "stated",
                  "x")


@pytest.mark.parametrize("rows", [
    pytest.param([_at("a", 39.2), _at("b", 39.2), _at("c", 39.2)], id="reports-alike-share-one-partition"),
    pytest.param([_at("a", None), _at("b", None), _at("c", 39.2)], id="rows-without-a-place-stay-alone-though-alike"),
    pytest.param([_at("a", 39.2, None), _at("b", 39.2, None)], id="undated-rows-stay-alone-though-alike"),
    pytest.param([_at("a", 39.2), _at("b", 39.21), _at("c", 41.5)], id="neighbours-join-the-far-one-stays-apart"),
    pytest.param([_at("a", 39.2), _at("b", 39.2, "2020-10-20")], id="two-weeks-apart-stay-apart"),
    pytest.param([_at("a", 39.2), _at("b", 39.2, kind="Peaceful protest")], id="incompatible-types-stay-apart"),
    pytest.param([_at("a", 39.2), _at("b", 39.3, precision=3), _at("c", 39.4)], id="a-region-joins-the-points-in-it"),
    pytest.param([_at(f"e{i}", 39.0 + i * 0.05) for i in range(12)], id="a-chain-of-neighbours-is-one-partition"),
])
def test_partitions_are_the_components_of_the_row_graph(rows: list[KeyRow]) -> None:
    docs = {r.doc_id: DocInfo(r.doc_id) for r in rows}
    assert partitions(rows, docs, default_rules()) == _reference_parts(rows)


def _mixed_rows() -> tuple[list[KeyRow], dict[str, DocInfo]]:
    """Points, a region, undated and placeless rows, and a copy whose event follows its origin's."""
    rows = [_at("a", 39.2), _at("b", 39.21), _at("c", 41.5), _at("d", 39.3, precision=3), _at("e", None),
            _at("f", 39.2, None), _at("g", 40.0, kind="Peaceful protest"), _row("o1", "origin", 40.9),
            _row("c1", "copy", 40.9)]
    docs = {r.doc_id: DocInfo(r.doc_id) for r in rows}
    docs["copy"].origin_doc_id = "origin"
    return rows, docs


@pytest.mark.parametrize("seed_of_workers", [
    pytest.param(None, id="keys-made-in-tasks-give-the-same-partitions"),
    pytest.param(7, id="keys-of-workers-hashing-otherwise-are-made-again-here"),
])
def test_keys_made_on_workers(monkeypatch: pytest.MonkeyPatch, seed_of_workers: int | None) -> None:
    rows, docs = _mixed_rows()
    monkeypatch.setattr(partition, "KEYS_PER_TASK", 2)  # several tasks, answered out of order
    calls: list[int] = []

    def mapper(fn, tasks):  # noqa: ANN001, ANN202 - a stand-in for the workers
        done = [fn(t) for t in tasks]
        calls.append(len(done))
        return reversed([(n, seed if seed_of_workers is None else seed_of_workers, keys) for n, seed, keys in done])

    keyed = signature_keys(rows, default_rules(), mapper)
    assert calls == ([1, 4] if seed_of_workers is None else [1])  # asked how they hash first
    assert partitions(rows, docs, default_rules(), keyed) == partitions(rows, docs, default_rules())
