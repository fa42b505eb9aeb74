"""The corpus tables: build_corpus over a store, incremental updates, and the read functions."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "corpus"))
from corpus_data import documents  # noqa: E402

from fogline.config import Config  # noqa: E402
from fogline.corpus import build_corpus  # noqa: E402
from fogline.store import Store  # noqa: E402
from fogline.store.incidents import copies, load_incident, load_incidents  # noqa: E402


@pytest.fixture()
def store() -> Store:
    s = Store.open(":memory:")
    yield s
    s.close()


def _ids(store: Store) -> list[tuple[str, int]]:
    return [(i.incident_id, len(i.reports)) for i in load_incidents(store)]


def test_build_and_read(store: Store) -> None:
    for doc in documents():
        store.add(doc)
    result = build_corpus(store, Config())
    assert result.incidents == 5 and result.copies == 1
    assert copies(store) == {"d02-blog-repost": "d01-hayk-martakert"}
    contested = load_incidents(store, contested=True)
    assert len(contested) == 1 and contested[0].fatalities_best == 1
    assert {i.location.name for i in load_incidents(store, place="drmbon") if i.location} == {"Drmbon"}
    one = load_incident(store, contested[0].incident_id[:10])
    assert one is not None and one.to_dict() == contested[0].to_dict()


def test_incremental_equals_full_and_rewrites_little(store: Store) -> None:
    docs = documents()
    for doc in docs[:4]:
        store.add(doc)
    build_corpus(store)
    for doc in docs[4:]:
        store.add(doc)
    second = build_corpus(store)
    assert second.new_articles == len(docs) - 4
    full = Store.open(":memory:")
    for doc in reversed(docs):
        full.add(doc)
    build_corpus(full)
    assert _ids(store) == _ids(full)
    again = build_corpus(store)
    assert again.written == 0 and again.deleted == 0 and again.new_articles == 0
    full.close()


def test_since_filter(store: Store) -> None:
    for doc in documents():
        store.add(doc)
    build_corpus(store)
    assert all((i.date or "") >= "2020-10-03" for i in load_incidents(store, since="2020-10-03"))
    assert load_incidents(store, since="2020-10-03")


def test_stored_record_is_the_incident_dict(store: Store) -> None:
    import json

    for doc in documents():
        store.add(doc)
    build_corpus(store)
    rows = store.conn.execute("SELECT record FROM incidents").fetchall()
    assert rows
    for (record,) in rows:
        inc = load_incident(store, json.loads(record)["incident_id"])
        assert inc is not None and json.loads(record) == inc.to_dict() == json.loads(inc.to_json())


@pytest.mark.parametrize("odd", [{"fatalities_best": 2 ** 70}, {"reasons": ["a lone \ud800 surrogate"]}],
                         ids=["integer-past-64-bits", "lone-surrogate"])
def test_a_record_orjson_refuses_is_written_all_the_same(store: Store, odd: dict) -> None:
    import dataclasses
    import json

    for doc in documents():
        store.add(doc)
    build_corpus(store)
    inc = dataclasses.replace(load_incidents(store)[0], **odd)
    assert json.loads(inc.to_json()) == inc.to_dict()
