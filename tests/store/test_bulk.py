"""Batches of articles: one transaction and bulk inserts, with one bad article rejected alone."""

from __future__ import annotations

import pytest
from test_store import make_doc

from fogline.model import Document
from fogline.store import Store, StoreError


def test_a_batch_stores_every_row_as_single_adds_do() -> None:
    with Store.open(":memory:") as bulk, Store.open(":memory:") as single:
        assert bulk.add_many([make_doc("d1"), make_doc("d2"), make_doc("d3")]) == [True, True, True]
        for doc_id in ("d1", "d2", "d3"):
            single.add(make_doc(doc_id))
        assert bulk.counts() == single.counts()
        for doc_id in ("d1", "d2", "d3"):
            got, want = bulk.get(doc_id), single.get(doc_id)
            assert got is not None and want is not None and got.to_contract() == want.to_contract()
        tables = ("signals", "removed", "places", "events", "claims")
        for table in tables:
            sql = f"SELECT * FROM {table} ORDER BY ALL"
            assert bulk.conn.execute(sql).fetchall() == single.conn.execute(sql).fetchall(), table


@pytest.mark.parametrize(
    ("ids", "stored_first", "expected"),
    [
        (["d1", "d2"], [], [True, True]),
        (["d1", "d1"], [], [True, False]),
        (["d1", "d2"], ["d2"], [True, False]),
    ],
    ids=["new", "repeated-in-batch", "already-stored"],
)
def test_batch_outcome_per_article(ids: list[str], stored_first: list[str], expected: list[bool]) -> None:
    with Store.open(":memory:") as store:
        for doc_id in stored_first:
            store.add(make_doc(doc_id))
        assert store.add_many([make_doc(d) for d in ids]) == expected
        assert store.counts()["documents"] == len(set(ids) | set(stored_first))


def test_replace_rewrites_the_stored_article() -> None:
    with Store.open(":memory:") as store:
        store.add(make_doc("d1"))
        doc = make_doc("d1")
        doc.events = []
        assert store.add_many([doc], replace=True) == [True]
        assert store.counts()["events"] == 0 and store.counts()["claims"] == 0


def test_a_bad_article_fails_alone_and_the_rest_of_the_batch_is_kept() -> None:
    bad = make_doc("d2")
    bad.title = "broken \udc80 name"  # a lone surrogate: no UTF-8 for it, so the bulk batch fails
    with Store.open(":memory:") as store:
        outcome = store.add_many([make_doc("d1"), bad, make_doc("d3")])
        assert outcome[0] is True and outcome[2] is True
        assert isinstance(outcome[1], StoreError) and "d2.txt" in str(outcome[1])
        assert sorted(d.doc_id for d in store.documents()) == ["d1", "d3"]


def test_implausible_figures_are_dropped_in_a_batch() -> None:
    doc: Document = make_doc("d1")
    doc.events[0].fatalities = 10**12
    with Store.open(":memory:") as store:
        assert store.add_many([doc]) == [True]
        back = store.get("d1")
        assert back is not None and back.events[0].fatalities is None
        assert any(s.kind == "implausible_figure" for s in back.signals)
