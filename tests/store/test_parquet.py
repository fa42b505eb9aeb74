"""Parquet parts (``store/parquet.py``): parts carry compressed records; parts written before migration 005
(JSON records) are compressed as ``load_parts`` imports them."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.store.test_store import make_doc

from fogline.model import Document
from fogline.store import Store
from fogline.store.documents import RECORD_INDEX, document_rows
from fogline.store.parquet import load_parts, write_part
from fogline.store.records import RECORD_COLUMN


def _legacy_part(docs: list[Document], folder: Path, name: str) -> None:
    """A part as fogline wrote it before migration 005: every table's rows, the record as JSON text."""
    rows: dict[str, list[list[object]]] = {}
    for doc in docs:
        for table, table_rows in document_rows(doc).items():
            rows.setdefault(table, []).extend(table_rows)
    for table, table_rows in rows.items():
        if table_rows:
            (folder / table).mkdir(parents=True, exist_ok=True)
            arrow = pa.table({f"c{i}": pa.array([r[i] for r in table_rows]) for i in range(len(table_rows[0]))})
            pq.write_table(arrow, folder / table / f"{name}.parquet")


def _write_new(docs: list[Document], folder: Path, name: str) -> None:
    write_part(docs, folder, name)


PARTS = [
    pytest.param([(_write_new, ["a", "b"])], id="new-parts"),
    pytest.param([(_legacy_part, ["a", "b"])], id="parts-written-before-005"),
    pytest.param([(_write_new, ["a"]), (_legacy_part, ["b", "a"])], id="both-kinds"),
]


@pytest.mark.parametrize("parts", PARTS)
def test_load_parts_stores_compressed_records_that_read_back(tmp_path: Path, parts: list) -> None:
    folder = tmp_path / "parts"
    for i, (write, ids) in enumerate(parts):
        write([make_doc(d) for d in ids], folder, f"p{i}")
    with Store.open(tmp_path / "s.duckdb") as store:
        added, skipped = load_parts(store, folder)
        assert (added, skipped) == (2, 0)  # a later copy of "a" within the parts is no stored article
        assert {d.doc_id: d.to_contract() for d in store.documents()} == {
            d: make_doc(d).to_contract() for d in ("a", "b")}
        types = store.conn.execute(f"SELECT DISTINCT typeof({RECORD_COLUMN}) FROM documents").fetchall()
        assert types == [("BLOB",)]
        assert store.counts()["events"] == 2


def test_a_part_keeps_the_record_compressed(tmp_path: Path) -> None:
    write_part([make_doc("a")], tmp_path, "p0")
    table = pq.read_table(tmp_path / "documents" / "p0.parquet")
    assert pa.types.is_binary(table.schema.field(RECORD_INDEX).type)
