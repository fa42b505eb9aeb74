"""Article records compressed one by one (``store/records.py``, migration 005): round trips, the migration of a
store written before it, damaged records named by article, and exports equal before and after."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from tests.store.test_store import make_doc
from typer.testing import CliRunner

from fogline.cli.main import app
from fogline.export import export
from fogline.model import Document
from fogline.store import Store
from fogline.store.db import migrations
from fogline.store.documents import DOC_COLUMNS, RECORD_INDEX, bulk_insert, document_rows, prepare
from fogline.store.records import RECORD_COLUMN, RecordError, pack, unpack, unpack_text

runner = CliRunner()

RECORDS = [
    pytest.param('{"doc_id": "a", "text": "Shells hit Martuni."}', id="ascii"),
    pytest.param('{"doc_id": "b", "text": "Obstrel Şuşa, Гянджа, 甘贾 — «ночью»"}', id="non-ascii"),
    pytest.param(json.dumps({"doc_id": "c", "text": "word " * 5000}), id="long-article"),
    pytest.param("{}", id="empty-object"),
]


@pytest.mark.parametrize("record", RECORDS)
def test_pack_then_unpack_gives_the_record_back(record: str) -> None:
    packed = pack(record)
    assert isinstance(packed, bytes)
    assert unpack_text(packed, "x") == record
    assert unpack(packed, "x") == json.loads(record)


@pytest.mark.parametrize("record", RECORDS)
def test_a_json_record_of_a_store_not_migrated_reads_as_it_is(record: str) -> None:
    assert unpack(record, "x") == json.loads(record)


DAMAGED = [
    pytest.param(pack('{"doc_id": "d1"}')[:-3], id="truncated-frame"),
    pytest.param(b"\x00\x01not zstd at all", id="not-zstd"),
    pytest.param(pack("Shells hit Martuni."), id="not-json"),
    pytest.param(pack("[1, 2]"), id="not-an-object"),
]


@pytest.mark.parametrize("stored", DAMAGED)
def test_a_damaged_record_names_its_article(stored: bytes) -> None:
    with pytest.raises(RecordError, match="article d1: its stored record"):
        unpack(stored, "d1")


def _docs() -> list[Document]:
    docs = [make_doc(f"d{i}") for i in range(3)]
    docs[1].title = "Şuşa — «ночью»"
    return docs


def _old_store(path: Path, docs: list[Document]) -> None:
    """A store as fogline wrote it before migration 005: migrations 001-004, records as a JSON column."""
    conn = duckdb.connect(str(path))
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
                 "applied_at TIMESTAMP DEFAULT current_timestamp)")
    for version, name, sql in migrations():
        if version < 5:
            conn.execute(sql)
            conn.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
    columns = (*DOC_COLUMNS[:RECORD_INDEX], "record")
    for doc in docs:
        for table, rows in document_rows(doc).items():
            bulk_insert(conn, table, rows, columns if table == "documents" else None)
    conn.close()


def _column_types(store: Store) -> dict[str, str]:
    rows = store.conn.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'documents'")
    return dict(rows.fetchall())


def test_migration_moves_an_old_stores_records(tmp_path: Path) -> None:
    _old_store(tmp_path / "old.duckdb", _docs())
    with Store.open(tmp_path / "old.duckdb") as store:
        types = _column_types(store)
        assert types[RECORD_COLUMN] == "BLOB" and "record" not in types
        assert [d.to_contract() for d in store.documents()] == [d.to_contract() for d in _docs()]
        assert store.add(make_doc("d9")) is True  # written in the new layout beside the migrated rows
        assert store.get("d9") is not None and store.get("d9").to_contract() == make_doc("d9").to_contract()


@pytest.mark.parametrize("reader", [
    pytest.param(lambda s: [d.to_contract() for d in s.documents()], id="documents"),
    pytest.param(lambda s: [d.to_contract() for d in s.documents(raw=False)], id="documents-without-raw"),
    pytest.param(lambda s: [s.get(i).to_contract() for i in ("d0", "d1", "d2")], id="by-id"),
    pytest.param(lambda s: [d.to_contract() for _, d in sorted(s.fetch(["d2", "d0", "d1"]).items())], id="page"),
])
def test_readers_give_the_same_documents_before_and_after_the_migration(tmp_path: Path, reader: object) -> None:
    _old_store(tmp_path / "s.duckdb", _docs())
    with Store.open(tmp_path / "s.duckdb", read_only=True) as store:  # read-only: not migrated
        assert "record" in _column_types(store)
        before = reader(store)  # type: ignore[operator]
    with Store.open(tmp_path / "s.duckdb") as store:
        after = reader(store)  # type: ignore[operator]
    assert before == after == [d.to_contract() for d in _docs()]


def test_the_writer_keeps_each_record_compressed_and_the_jsonl_line_as_before() -> None:
    doc = make_doc("d5")
    line = json.dumps(make_doc("d5").to_contract(), ensure_ascii=False)
    prepared = prepare(doc)
    assert isinstance(prepared.rows["documents"][0][RECORD_INDEX], bytes)
    assert prepared.record == line
    with Store.open(":memory:") as store:
        store.add_many([prepared])
        row = store.conn.execute(f"SELECT {RECORD_COLUMN} FROM documents").fetchone()
        assert row is not None and unpack_text(row[0], "d5") == line


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_documents_exports_equal_before_and_after_the_migration(tmp_path: Path, fmt: str) -> None:
    _old_store(tmp_path / "s.duckdb", _docs())
    with Store.open(tmp_path / "s.duckdb", read_only=True) as store:
        export(store, "documents", fmt, tmp_path / f"old.{fmt}")
    with Store.open(tmp_path / "s.duckdb") as store:
        export(store, "documents", fmt, tmp_path / f"new.{fmt}")
    assert (tmp_path / f"old.{fmt}").read_bytes() == (tmp_path / f"new.{fmt}").read_bytes()


def _damage(path: Path, doc_id: str) -> None:
    with Store.open(path) as store:
        store.conn.execute(f"UPDATE documents SET {RECORD_COLUMN} = ?::BLOB WHERE doc_id = ?",
                           [b"\x28\xb5broken", doc_id])


@pytest.mark.parametrize("read", [
    pytest.param(lambda s: list(s.documents()), id="documents"),
    pytest.param(lambda s: s.get("d1"), id="by-id"),
    pytest.param(lambda s: s.fetch(["d1"]), id="page"),
])
def test_a_damaged_record_stops_a_read_naming_the_article(tmp_path: Path, read: object) -> None:
    with Store.open(tmp_path / "s.duckdb") as store:
        store.add_many(_docs())
    _damage(tmp_path / "s.duckdb", "d1")
    with Store.open(tmp_path / "s.duckdb", read_only=True) as store, pytest.raises(RecordError, match="article d1"):
        read(store)  # type: ignore[operator]


@pytest.mark.parametrize("command", [
    pytest.param(["export", "{out}/d.jsonl"], id="export-documents"),
    pytest.param(["show", "d1"], id="show"),
])
def test_a_damaged_record_is_a_clear_error_and_no_export_file(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "s.duckdb"
    with Store.open(db) as store:
        store.add_many(_docs())
    _damage(db, "d1")
    result = runner.invoke(app, [*(c.format(out=tmp_path) for c in command), "--db", str(db)])
    assert result.exit_code == 2
    assert "article d1" in result.output and "damaged" in result.output
    assert not list(tmp_path.glob("d.jsonl*"))


def _records(n: int) -> list[str]:
    return [json.dumps({"doc_id": f"d{i}", "text": f"Report {i} of shelling near the river. " * (40 + i % 60)})
            for i in range(n)]


@pytest.mark.parametrize("threads", [pytest.param(1, id="one-thread"), pytest.param(4, id="duckdb-threads")])
def test_sql_packing_on_duckdb_threads_gives_every_record_back(threads: int) -> None:
    from fogline.store.records import register_pack

    texts = _records(20_000)
    conn = duckdb.connect()
    conn.execute(f"SET threads = {threads}")
    conn.execute("CREATE TABLE d (i INTEGER, r VARCHAR)")
    conn.executemany("INSERT INTO d VALUES (?, ?)", list(enumerate(texts[:200])))
    conn.execute("INSERT INTO d SELECT i + 200 * k, r FROM d, range(1, 100) t(k)")  # 20,000 rows, parallel scans
    register_pack(conn)
    rows = conn.execute("SELECT i, fogline_pack_record(r) FROM d").fetchall()
    assert len(rows) == 20_000
    assert all(unpack_text(blob, str(i)) == texts[i % 200] for i, blob in rows)


def test_records_read_from_several_threads_at_once_come_back_whole() -> None:
    import threading

    texts = _records(300)
    blobs = [pack(t) for t in texts]
    wrong: list[int] = []

    def read() -> None:
        for _ in range(10):
            wrong.extend(i for i, (t, b) in enumerate(zip(texts, blobs, strict=True)) if unpack_text(b, "x") != t)

    readers = [threading.Thread(target=read) for _ in range(6)]
    for r in readers:
        r.start()
    for r in readers:
        r.join()
    assert wrong == []
