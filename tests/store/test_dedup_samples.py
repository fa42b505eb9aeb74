"""Near-duplicate candidates from the stored samples: shared hashes grouped exactly, whatever the row order."""

from __future__ import annotations

import numpy as np
import pytest

from fogline.store import Store
from fogline.store import dedup as sql_dedup


def _brute_groups(h: np.ndarray, doc: np.ndarray) -> dict[int, list[int]]:
    """hash -> its articles, for the hashes held by 2 to ``MAX_SHARED_BY`` articles."""
    found: dict[int, list[int]] = {}
    for value, d in zip(h.tolist(), doc.tolist(), strict=True):
        found.setdefault(value, []).append(d)
    return {v: sorted(ds) for v, ds in found.items() if 2 <= len(ds) <= sql_dedup.MAX_SHARED_BY}


def _grouped(h: np.ndarray, doc: np.ndarray, n_docs: int) -> list[list[int]]:
    """The articles of each hash ``_shared_rows`` keeps (its hashes named by their top bits, or whole)."""
    docs, group, hashes, held = sql_dedup._shared_rows(h, doc, n_docs)
    assert np.array_equal(np.bincount(group, minlength=len(hashes)), held)
    assert len(np.unique(hashes)) == len(hashes)
    out: dict[int, list[int]] = {}
    for d, g in zip(docs.tolist(), group.tolist(), strict=True):
        out.setdefault(g, []).append(d)
    return sorted(sorted(ds) for ds in out.values())


@pytest.mark.parametrize("clashes", [pytest.param(0, id="no-shared-top-bits"), pytest.param(5, id="shared-top-bits")])
def test_shared_rows_group_every_hash_exactly(clashes: int) -> None:
    rng = np.random.default_rng(clashes)
    n_docs = 12
    pool = rng.integers(0, 2**63, size=30, dtype=np.uint64) * np.uint64(2)
    pool = np.concatenate([pool, pool[:clashes] + np.uint64(1)])  # differ in the low bits only: one top
    held = [rng.choice(len(pool), size=int(rng.integers(3, 15)), replace=False) for _ in range(n_docs)]
    h = np.concatenate([pool[i] for i in held])
    doc = np.concatenate([np.full(len(i), d) for d, i in enumerate(held)])
    order = rng.permutation(len(h))
    expected = _brute_groups(h, doc)
    if clashes:  # the named clashes reach the grouping: those values are shared
        assert any(int(v) + 1 in expected for v in pool[:clashes])
    assert _grouped(h[order], doc[order], n_docs) == sorted(expected.values())


@pytest.mark.parametrize("shuffle", [pytest.param(False, id="in-scan-order"), pytest.param(True, id="any-order")])
def test_row_ids_give_their_articles(shuffle: bool) -> None:
    first, k = np.array([0, 5, 9, 20]), np.array([3, 0, 2, 1], np.int32)
    rows = np.array([1, 4, 5, 8, 9, 10, 19, 20, 25])
    expected = [3, 3, 0, 0, 2, 2, 2, 1, 1]
    order = np.random.default_rng(1).permutation(len(rows)) if shuffle else np.arange(len(rows))
    assert sql_dedup._run_articles(first, k, rows[order]).tolist() == [expected[i] for i in order]


def _samples(n_docs: int) -> list[tuple[str, np.ndarray]]:
    rng = np.random.default_rng(7)
    base = [np.unique(rng.integers(0, 2**64 - 1, size=40, dtype=np.uint64)) for _ in range(n_docs // 2)]
    out = []
    for i, b in enumerate(base):  # each article and a near copy of it
        out.append((f"a{i:02d}", b))
        out.append((f"b{i:02d}", np.unique(np.concatenate([b[5:], rng.integers(0, 2**63, 4, dtype=np.uint64)]))))
    return out


def _candidates(sampled: list[tuple[str, np.ndarray]], split: bool) -> list[tuple[str, str]]:
    with Store.open(":memory:") as store:
        with store.transaction() as conn:
            if split:  # one article's rows written in two statements around the others': not consecutive
                doc, values = sampled[0]
                sql_dedup.insert_sampled(conn, [(doc, values[:10])])
                sql_dedup.insert_sampled(conn, sampled[1:])
                conn.execute("INSERT INTO corpus_shingles SELECT ?, unnest(?::UBIGINT[])", [doc, values[10:].tolist()])
                conn.execute("UPDATE corpus_sampled SET samples = ? WHERE doc_id = ?", [len(values), doc])
            else:
                sql_dedup.insert_sampled(conn, sampled)
        return sql_dedup.candidates(store, [d for d, _ in sampled])


def test_candidates_whatever_the_row_layout() -> None:
    sampled = _samples(12)
    found = _candidates(sampled, split=False)
    assert found == [(f"a{i:02d}", f"b{i:02d}") for i in range(6)]
    assert _candidates(sampled, split=True) == found
