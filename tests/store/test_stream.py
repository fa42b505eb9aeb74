"""store.stream: incidents read a page at a time, in ``load_incidents``' order, and the export that uses it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import fogline.store.documents as documents_mod
import fogline.store.stream as stream_mod
from fogline.export import export, export_ledger
from fogline.export.ledger import Ledger
from fogline.model import Actor, Document, Event, Incident, Place, Report
from fogline.store import Store
from fogline.store.corpus import incident_count
from fogline.store.incidents import load_incidents, write_incidents
from fogline.store.stream import export_memory_limit, iter_incidents, report_index, single_reader

DAYS = ["2021-05-03", None, "2021-05-01", "XXXX-05-02", "2021-05-01", "2021-04"]


def _doc(i: int) -> Document:
    text = f"Gunfire was heard in Lachin on day {i}, residents told reporters."
    ev = Event(f"d{i}-e1", "Armed clash", DAYS[i % len(DAYS)], "day", Actor("Military Forces of Armenia", "ARM"),
               Actor("Military Forces of Azerbaijan", "AZE"), Place("Lachin", 39.64, 46.55, 1, country="AZE"))
    return Document(doc_id=f"d{i}", source=f"tests/d{i}.txt", raw=text, text=text, outlet=f"o{i % 3}.example",
                    published="2021-05-04", events=[ev])


def _incidents(docs: list[Document]) -> list[Incident]:
    """One incident per pair of articles, dated as the first; ids out of date order on purpose."""
    out = []
    for n, (a, b) in enumerate(zip(docs[::2], docs[1::2], strict=True)):
        ev = a.events[0]
        out.append(Incident(f"inc-{9 - n}", ev.sub_event_type, ev.date, None, ev.location, ev.actor1, ev.actor2,
                            reports=[Report(d.doc_id, d.events[0].event_id, d.outlet, d.published) for d in (a, b)],
                            independent_sources=2, confidence=0.4, reasons=["two outlets"]))
    return out


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("stream") / "s.duckdb")
    docs = [_doc(i) for i in range(12)]
    with Store.open(db) as store:
        store.add_many(docs)
        write_incidents(store, _incidents(docs))
    return db


@pytest.mark.parametrize("page", [pytest.param(p, id=f"page-{p}") for p in (1, 2, 5, 500)])
def test_incidents_stream_in_load_order_whatever_the_page(store_file: str, page: int) -> None:
    with Store.open(store_file, read_only=True) as store:
        assert list(iter_incidents(store, page)) == load_incidents(store)
        assert incident_count(store) == 6


def test_the_report_index_names_each_reported_events_incident(store_file: str) -> None:
    with Store.open(store_file, read_only=True) as store:
        want = {(r.doc_id, r.event_id): inc.incident_id for inc in load_incidents(store) for r in inc.reports}
        assert report_index(store) == want and len(want) == 12


class _Pages:
    """A connection that records how many incident records each query hands back."""

    def __init__(self, conn: Any) -> None:
        self._conn, self.sizes = conn, []

    def execute(self, sql: str, params: Any = None) -> Any:
        result = self._conn.execute(sql, params or [])
        if re.search(r"\brecord FROM incidents\b", sql):
            rows = result.fetchall()
            self.sizes.append(len(rows))
            return _Rows(rows)
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


class _Rows:
    def __init__(self, rows: list[Any]) -> None:
        self._rows = rows

    def fetchall(self) -> list[Any]:
        return self._rows


@pytest.mark.parametrize(("fmt", "what"), [pytest.param(f, w, id=f"{f}-{w}") for f, w in [
    ("jsonl", "incidents"), ("csv", "incidents"), ("parquet", "incidents"), ("geojson", "incidents"),
    ("acled", "incidents"), ("csv", "events"), ("jsonl", "events"), ("geojson", "events")]])
def test_exports_hold_a_page_of_incidents_and_write_what_the_eager_ledger_writes(
        store_file: str, tmp_path: Path, fmt: str, what: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream_mod, "INCIDENT_PAGE", 2)
    with Store.open(store_file, read_only=True) as store:
        pages = _Pages(store.conn)
        store._conn = pages  # type: ignore[assignment] - the store reads through the counting connection
        n = export(store, what, fmt, tmp_path / f"lazy.{fmt}")
    with Store.open(store_file, read_only=True) as plain:
        eager = export_ledger(Ledger.from_store(plain), what, fmt, tmp_path / f"eager.{fmt}")
    assert n == eager > 0
    assert max(pages.sizes, default=0) <= 2, pages.sizes
    assert (tmp_path / f"lazy.{fmt}").read_bytes() == (tmp_path / f"eager.{fmt}").read_bytes()


@pytest.mark.parametrize(("fmt", "what"), [pytest.param(f, w, id=f"{f}-{w}") for f, w in [
    ("jsonl", "incidents"), ("geojson", "incidents"), ("csv", "events"), ("acled", "incidents")]])
def test_a_store_before_the_corpus_stage_exports_one_incident_per_event(tmp_path: Path, fmt: str, what: str) -> None:
    db = str(tmp_path / "bare.duckdb")
    with Store.open(db) as store:
        store.add_many([_doc(i) for i in range(5)])
    with Store.open(db, read_only=True) as store:
        n = export(store, what, fmt, tmp_path / f"lazy.{fmt}")
        eager = export_ledger(Ledger.from_store(store), what, fmt, tmp_path / f"eager.{fmt}")
    assert n == eager > 0
    assert (tmp_path / f"lazy.{fmt}").read_bytes() == (tmp_path / f"eager.{fmt}").read_bytes()


class _Statements:
    """A connection (and its cursors) that records every statement it runs."""

    def __init__(self, conn: Any, seen: list[str] | None = None) -> None:
        self._conn, self.seen = conn, [] if seen is None else seen

    def execute(self, sql: str, params: Any = None) -> Any:
        self.seen.append(sql)
        return self._conn.execute(sql, params or [])

    def cursor(self) -> _Statements:
        return _Statements(self._conn.cursor(), self.seen)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


@pytest.mark.parametrize(("fmt", "what"), [pytest.param(f, w, id=f"{f}-{w}") for f, w in [
    ("jsonl", "documents"), ("parquet", "documents"), ("csv", "events"), ("jsonl", "claims")]])
def test_exports_never_read_the_raw_text(store_file: str, tmp_path: Path, fmt: str, what: str) -> None:
    with Store.open(store_file, read_only=True) as store:
        statements = _Statements(store.conn)
        store._conn = statements  # type: ignore[assignment] - the store reads through the recording connection
        export(store, what, fmt, tmp_path / f"out.{fmt}")
    reads = [s for s in statements.seen if "FROM documents" in s]
    assert reads and not any(re.search(r"\braw\b", s.partition("FROM")[0]) for s in reads), reads


class _Fetches:
    """A connection whose cursors record how many rows each ``fetchmany`` of a streaming query asks for."""

    def __init__(self, conn: Any, sizes: list[int] | None = None) -> None:
        self._conn, self.sizes = conn, [] if sizes is None else sizes

    def cursor(self) -> _Fetches:
        return _Fetches(self._conn.cursor(), self.sizes)

    def execute(self, sql: str, params: Any = None) -> Any:
        result = self._conn.execute(sql, params or [])
        return _Fetches(result, self.sizes) if result is not None else None

    def fetchmany(self, size: int) -> Any:
        self.sizes.append(size)
        return self._conn.fetchmany(size)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


@pytest.mark.parametrize(("fmt", "what"), [pytest.param(f, w, id=f"{f}-{w}") for f, w in [
    ("jsonl", "documents"), ("parquet", "documents"), ("csv", "events"), ("parquet", "events")]])
def test_exports_read_the_articles_in_bounded_fetches(store_file: str, tmp_path: Path, fmt: str, what: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents_mod, "DOCUMENT_BATCH", 3)
    monkeypatch.setattr(stream_mod, "EVENT_BATCH", 3)  # events exports read the events table, not the articles
    with Store.open(store_file, read_only=True) as store:
        fetches = _Fetches(store.conn)
        store._conn = fetches  # type: ignore[assignment] - the store reads through the counting connection
        single_reader(store)
        n = export(store, what, fmt, tmp_path / f"paged.{fmt}")
        threads = store.conn.execute("SELECT current_setting('threads')").fetchone()
    with Store.open(store_file, read_only=True) as plain:
        assert export_ledger(Ledger.from_store(plain), what, fmt, tmp_path / f"eager.{fmt}") == n > 0
    assert fetches.sizes and set(fetches.sizes) == {3}, fetches.sizes  # 12 articles, never more than 3 at once
    assert threads == (1,)
    assert (tmp_path / f"paged.{fmt}").read_bytes() == (tmp_path / f"eager.{fmt}").read_bytes()


@pytest.mark.parametrize(("what", "limit"), [pytest.param("incidents", "24MB", id="incidents"),
                                             pytest.param("documents", "48MB", id="documents"),
                                             pytest.param("events", "24MB", id="events"),
                                             pytest.param("claims", "24MB", id="claims")])
def test_an_export_caps_duckdb_at_room_for_what_it_reads(what: str, limit: str) -> None:
    assert export_memory_limit(what) == limit  # a vector of 2,048 records compressed one by one: 16 MB


def test_incidents_read_in_the_stores_order_are_the_loaded_ones(store_file: str) -> None:
    with Store.open(store_file, read_only=True) as store:
        stored = list(stream_mod.iter_stored_incidents(store, batch=2))
        assert sorted(stored, key=lambda i: i.incident_id) == sorted(load_incidents(store), key=lambda i: i.incident_id)


def test_events_come_by_article_in_the_stores_order_with_their_incidents(store_file: str) -> None:
    with Store.open(store_file, read_only=True) as store:
        found = stream_mod.events_by_document(store, batch=5)
        assert found is not None
        rows = list(found)
        docs = list(store.documents())
        index = report_index(store)
    assert [(d, [e.event_id for e in evs]) for d, evs, _ in rows] == [(d.doc_id, [e.event_id for e in d.events])
                                                                       for d in docs if d.events]
    assert all(inc == {e.event_id: index[d, e.event_id] for e in evs if (d, e.event_id) in index}
               for d, evs, inc in rows)


def test_events_out_of_the_articles_order_are_read_from_the_articles(tmp_path: Path) -> None:
    db = str(tmp_path / "moved.duckdb")
    docs = [_doc(i) for i in range(4)]
    with Store.open(db) as store:
        store.add_many(docs)
        with store.transaction() as conn:  # the first article's events written again, after the others'
            conn.execute("CREATE TEMP TABLE moved AS SELECT * FROM events WHERE doc_id = 'd0'")
            conn.execute("DELETE FROM events WHERE doc_id = 'd0'")
            conn.execute("INSERT INTO events SELECT * FROM moved")
    with Store.open(db, read_only=True) as store:
        assert stream_mod.events_by_document(store) is None
        export(store, "events", "csv", tmp_path / "lazy.csv")
        export_ledger(Ledger.from_store(store), "events", "csv", tmp_path / "eager.csv")
    lazy = (tmp_path / "lazy.csv").read_text(encoding="utf-8")
    assert lazy == (tmp_path / "eager.csv").read_text(encoding="utf-8")
    assert [line.split(",")[0] for line in lazy.splitlines()[1:]] == ["d0", "d1", "d2", "d3"]
