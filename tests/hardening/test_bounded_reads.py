"""The report and the exports read the store a page at a time, never every article at once (issue 11, item 9).

A counting connection records how many article rows (``record``, ``raw``) each query hands back; the
report and every export must stay under their page size, and give the same output as the eager path
that loads the whole store.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

import fogline.export.report as report_mod
import fogline.store.documents as documents_mod
from fogline.cli.main import app
from fogline.export import export, export_ledger
from fogline.export.ledger import Ledger
from fogline.export.report import render_report, write_report
from fogline.model import Actor, Claim, ClaimRecord, Document, Event, Incident, Place, Report, Signal, Span
from fogline.store import Store
from fogline.store.incidents import write_incidents

ARTICLES = 24
PAGE = 4
TOWNS = [("Martuni", 39.79, 47.11), ("Fuzuli", 39.60, 47.14), ("Tartar", 40.34, 46.93)]
_GENERATED = re.compile(r"Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")


def _article(i: int) -> Document:
    town, lat, lon = TOWNS[i % len(TOWNS)]
    text = (f"Shells hit {town} on {i % 27 + 1} October, the regional office said in report number {i}. "
            f"The defence ministry denied that its guns fired at {town}.")
    said = text.index("the regional office said")
    denied = text.index("The defence ministry denied")
    ev = Event(f"a{i:03d}-e1", "Shelling/artillery/missile attack", f"2020-10-{i % 27 + 1:02d}", "day",
               Actor("Military Forces of Armenia", "ARM", "military"), None,
               Place(town, lat, lon, 1, None, "AZE", "Region"), fatalities=i % 4 or None, certainty="claimed",
               evidence=[Span(0, text.index(".") + 1, text[:text.index(".") + 1])])
    ev.claims = [Claim("Regional office", "AZE", "asserts", Span(said, said + 24, text[said:said + 24])),
                 Claim("Ministry of Defence of Armenia", "ARM", "denies",
                       Span(denied, denied + 27, text[denied:denied + 27]))]
    return Document(doc_id=f"a{i:03d}", source=f"tests/a{i:03d}.txt", raw=text, title=f"Shelling report {i}",
                    published=f"2020-10-{i % 27 + 1:02d}", outlet=f"outlet{i % 5}.example", genre="report",
                    text=text, events=[ev], signals=[Signal("state_media", "ministry-run")] if i % 5 == 0 else [])


def _incidents(docs: list[Document]) -> list[Incident]:
    """One incident per pair of articles (two reports each), contested."""
    out = []
    for a, b in zip(docs[::2], docs[1::2], strict=True):
        ev = a.events[0]
        claims = [ClaimRecord(d.doc_id, d.events[0].event_id, c) for d in (a, b) for c in d.events[0].claims]
        out.append(Incident(f"inc-{a.doc_id}", ev.sub_event_type, ev.date, None, ev.location, ev.actor1, None,
                            [Report(d.doc_id, d.events[0].event_id, d.outlet, d.published) for d in (a, b)],
                            claims,
                            fatalities_low=ev.fatalities, fatalities_best=ev.fatalities, fatalities_high=ev.fatalities,
                            independent_sources=2, contested=True, confidence=0.5, reasons=["two outlets"]))
    return out


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("bounded") / "s.duckdb")
    docs = [_article(i) for i in range(ARTICLES)]
    with Store.open(db) as store:
        store.add_many(docs)
        write_incidents(store, _incidents(docs))
    return db


class _Counted:
    """A DuckDB result that records how many article rows each fetch hands back."""

    def __init__(self, result: Any, sizes: list[int] | None) -> None:
        self._result, self._sizes = result, sizes

    def _seen(self, rows: list[Any]) -> list[Any]:
        if self._sizes is not None and rows:
            self._sizes.append(len(rows))
        return rows

    def fetchall(self) -> list[Any]:
        return self._seen(self._result.fetchall())

    def fetchmany(self, n: int = 1) -> list[Any]:
        return self._seen(self._result.fetchmany(n))

    def fetchone(self) -> Any:
        row = self._result.fetchone()
        self._seen([row] if row is not None else [])
        return row

    def __iter__(self) -> Any:
        return iter(self.fetchall())


class CountingConnection:
    """A DuckDB connection that records, per query reading article text, the rows each fetch returned."""

    def __init__(self, conn: Any, sizes: list[int] | None = None) -> None:
        self._conn = conn
        self.sizes: list[int] = [] if sizes is None else sizes

    def execute(self, sql: str, params: Any = None) -> _Counted:
        head, _, tail = sql.partition("FROM")
        wide = bool(re.search(r"\b(record|raw|text)\b", head)) and tail.split()[0] == "documents"
        self._conn.execute(sql, params or [])
        return _Counted(self._conn, self.sizes if wide else None)

    def cursor(self) -> CountingConnection:
        return CountingConnection(self._conn.cursor(), self.sizes)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def _counting_store(db: str) -> tuple[Store, CountingConnection]:
    store = Store.open(db, read_only=True)
    counting = CountingConnection(store.conn)
    store._conn = counting  # type: ignore[assignment] - the store reads through the counting connection
    return store, counting


def _same(text: str) -> str:
    return _GENERATED.sub("Generated <time>", text)


@pytest.mark.parametrize("fmt", [pytest.param("html", id="html"), pytest.param("md", id="markdown")])
def test_the_report_reads_a_batch_of_articles_at_a_time(store_file: str, tmp_path: Path, fmt: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents_mod, "DOCUMENT_BATCH", PAGE)
    store, counting = _counting_store(store_file)
    try:
        assert write_report(store, tmp_path / f"r.{fmt}", fmt=fmt) == ARTICLES // 2
    finally:
        store.close()
    with Store.open(store_file, read_only=True) as plain:
        eager = render_report(Ledger.from_store(plain), fmt=fmt)
    assert counting.sizes, "the report read no article"
    assert max(counting.sizes) <= PAGE, counting.sizes
    assert sum(counting.sizes) <= ARTICLES  # each article read once, in one pass
    assert _same((tmp_path / f"r.{fmt}").read_text(encoding="utf-8")) == _same(eager)


def test_the_report_is_the_same_whatever_the_batch_size(store_file: str, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(store_file, read_only=True) as store:
        write_report(store, tmp_path / "big.html")
        monkeypatch.setattr(documents_mod, "DOCUMENT_BATCH", 1)
        write_report(store, tmp_path / "small.html")
    big, small = ((tmp_path / n).read_text(encoding="utf-8") for n in ("big.html", "small.html"))
    assert _same(big) == _same(small)
    assert big.count('class="incident-card"') == ARTICLES // 2 and "Shelling report 23" in big


@pytest.mark.parametrize(("fmt", "what"), [pytest.param(f, w, id=f"{f}-{w}") for f, w in [
    ("jsonl", "documents"), ("csv", "documents"), ("parquet", "documents"), ("csv", "events"),
    ("jsonl", "claims"), ("jsonl", "incidents"), ("geojson", "incidents"), ("acled", "incidents")]])
def test_exports_read_a_batch_of_articles_at_a_time(store_file: str, tmp_path: Path, fmt: str, what: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents_mod, "DOCUMENT_BATCH", PAGE)
    store, counting = _counting_store(store_file)
    try:
        n = export(store, what, fmt, tmp_path / f"lazy.{fmt}")
    finally:
        store.close()
    with Store.open(store_file, read_only=True) as plain:
        eager = export_ledger(Ledger.from_store(plain), what, fmt, tmp_path / f"eager.{fmt}")
    assert n == eager > 0
    assert max(counting.sizes, default=0) <= PAGE, counting.sizes
    assert (tmp_path / f"lazy.{fmt}").read_bytes() == (tmp_path / f"eager.{fmt}").read_bytes()


class _TightMemory(CountingConnection):
    """DuckDB out of memory whenever more than two article rows are asked for at once."""

    def execute(self, sql: str, params: Any = None) -> _Counted:
        if "rowid IN" in sql and sql.partition("rowid IN")[2].count(",") > 1:
            raise duckdb.OutOfMemoryException("Out of Memory Error: failed to allocate data")
        return super().execute(sql, params)


def test_a_page_duckdb_cannot_hold_is_read_in_halves(store_file: str) -> None:
    with Store.open(store_file, read_only=True) as store:
        tight = _TightMemory(store.conn)
        ids = [f"a{i:03d}" for i in range(0, ARTICLES, 3)]
        docs = documents_mod.fetch_documents(tight, ids)  # type: ignore[arg-type]
    assert sorted(docs) == ids and docs["a003"].title == "Shelling report 3"
    assert max(tight.sizes) <= 2


def test_the_report_command_writes_the_report(store_file: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", "--db", store_file, "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert f"{ARTICLES // 2} incidents" in result.output


def test_a_run_out_of_memory_under_the_cap_runs_again_under_the_old_limit(store_file: str) -> None:
    limits: list[str] = []
    with Store.open(store_file, read_only=True) as store:
        before = store.conn.execute("SELECT current_setting('memory_limit')").fetchone()[0]

        def run() -> int:
            limits.append(store.conn.execute("SELECT current_setting('memory_limit')").fetchone()[0])
            if len(limits) == 1:
                raise duckdb.OutOfMemoryException("Out of Memory Error: failed to pin block")
            return 7

        assert documents_mod.within_bounded_memory(store.conn, run) == 7
    mib = [float(v.split()[0]) for v in (*limits, before)]  # DuckDB reads its limits back in MiB
    assert len(limits) == 2 and abs(mib[1] - mib[2]) < 1  # the second run under the limit of before
    assert 55 <= mib[0] < 100 < mib[2]  # the cap: 64 MB above what DuckDB holds, under the default


def test_a_report_that_cannot_be_written_ends_with_a_message(store_file: str, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report_mod, "render_plan", full)
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", "--db", store_file, "-o", str(out)])
    assert result.exit_code == 2 and "No space left on device" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not out.exists() and not (tmp_path / "r.html.part").exists()
