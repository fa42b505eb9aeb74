"""The corpus stage's stored keys and state (``store.keys``): partitions found by the keys they probe or are
indexed under, replaced per partition or all at once, state rows set and cleared."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from fogline.corpus.incremental import key_table
from fogline.store import Store
from fogline.store import keys as sql_keys


def _keys(store: Store) -> list[tuple[str, int, bool]]:
    return store.conn.execute("SELECT * FROM corpus_keys ORDER BY ALL").fetchall()


@pytest.fixture
def store() -> Iterator[Store]:
    s = Store.open(":memory:")
    rows = [(0, 11, True), (0, 12, False), (0, 12, False), (1, 12, True), (1, 13, False), (2, 14, False)]
    comp, key, probe = (np.array(c) for c in zip(*rows, strict=True))
    sql_keys.write_keys(s, None, key_table(["pa", "pb", "pc"], comp.astype(np.int64), key.astype(np.int64),
                                           probe.astype(bool)), {"keys": "k1"})
    yield s
    s.close()


def test_rows_alike_are_stored_once(store: Store) -> None:
    assert _keys(store) == [("pa", 11, True), ("pa", 12, False), ("pb", 12, True), ("pb", 13, False),
                            ("pc", 14, False)]
    assert sql_keys.state(store) == {"keys": "k1"}


@pytest.mark.parametrize(("probes", "index", "touched"), [
    pytest.param([11], [], ["pa"], id="a-probe-meets-a-probe"),
    pytest.param([13], [], ["pb"], id="a-probe-meets-an-index-key"),
    pytest.param([], [12], ["pb"], id="an-index-key-meets-a-probe-only"),
    pytest.param([], [13, 14], [], id="index-keys-meet-no-index-key"),
    pytest.param([12], [], ["pa", "pb"], id="one-key-of-two-partitions"),
])
def test_touched_parts(store: Store, probes: list[int], index: list[int], touched: list[str]) -> None:
    assert sql_keys.touched_parts(store, np.array(probes, np.int64), np.array(index, np.int64)) == touched


def test_keys_replaced_per_partition_and_state_cleared(store: Store) -> None:
    sql_keys.write_keys(store, ["pa", "pb"], key_table(["pab"], np.zeros(1, np.int64), np.array([15]),
                                                       np.ones(1, bool)), {})
    assert _keys(store) == [("pab", 15, True), ("pc", 14, False)]
    sql_keys.clear_state(store, ["keys"])
    assert sql_keys.state(store) == {}
