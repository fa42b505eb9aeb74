from __future__ import annotations

from pathlib import Path

import pytest

from fogline.model import Actor, Claim, Cut, Document, Event, Place, Rejected, Signal, Span
from fogline.store import Store
from fogline.store.db import migrations


def make_doc(doc_id: str = "d1") -> Document:
    doc = Document(doc_id=doc_id, source=f"{doc_id}.txt", raw="Title\nShells hit Martuni.\n0 $", title="Title")
    doc.text = "Shells hit Martuni."
    doc.removed = [Cut("boilerplate", 26, 29, "0 $", "donation widget")]
    doc.signals = [Signal("donation_appeal", "widget", 26, 29)]
    place = Place("Martuni", 39.795, 47.113, 1, "wof:1", "AZE", "Khojavend", None, mention=Span(11, 18, "Martuni"))
    doc.places = [place]
    doc.events = [Event(
        f"{doc_id}-e0", "Shelling/artillery/missile attack", "2020-10-05", "day",
        Actor("Military Forces of Azerbaijan", "AZE", "military"), None, place, 0, 2, "claimed",
        [Claim("Ministry of Defence of Armenia", "ARM", "asserts", Span(0, 19, "Shells hit Martuni."))],
        [Span(0, 19, "Shells hit Martuni.")])]
    return doc


def test_migrations_are_numbered_and_ordered() -> None:
    versions = [v for v, _, _ in migrations()]
    assert versions == sorted(versions) and versions[0] == 1


def test_add_is_idempotent_and_round_trips() -> None:
    with Store.open(":memory:") as store:
        assert store.add(make_doc()) is True
        assert store.add(make_doc()) is False
        counts = store.counts()
        assert counts["documents"] == 1 and counts["events"] == 1 and counts["claims"] == 1
        back = store.document("d1")
        assert back is not None
        assert back.to_contract() == make_doc().to_contract()
        assert store.tally("removed") == {"boilerplate": 1}


def test_replace_rewrites_rows() -> None:
    with Store.open(":memory:") as store:
        store.add(make_doc())
        doc = make_doc()
        doc.events = []
        assert store.add(doc, replace=True) is True
        assert store.counts()["events"] == 0 and store.counts()["claims"] == 0


def test_failed_article_leaves_nothing_behind() -> None:
    with Store.open(":memory:") as store:
        doc = make_doc()
        doc.events.append(doc.events[0])  # duplicate event_id violates the primary key
        with pytest.raises(Exception, match="cannot store"):
            store.add(doc)
        assert store.counts()["documents"] == 0 and store.counts()["places"] == 0


def test_rejected_and_file_persistence(tmp_path: Path) -> None:
    path = tmp_path / "f.duckdb"
    with Store.open(path) as store:
        store.add(make_doc())
        store.add_rejected(Rejected("bad.bin", "binary content", 10))
    with Store.open(path) as store:
        assert store.counts()["documents"] == 1
        assert store.rejected() == [Rejected("bad.bin", "binary content", 10)]


def test_one_thread_holds_across_a_release_and_ends_with_the_block(tmp_path) -> None:
    from fogline.store import Store

    store = Store.open(tmp_path / "t.duckdb")
    before = store.conn.execute("SELECT current_setting('threads')").fetchone()
    with store.one_thread():
        store.release()
        assert store.conn.execute("SELECT current_setting('threads')").fetchone() == (1,)
    assert store.conn.execute("SELECT current_setting('threads')").fetchone() == before
    store.close()
