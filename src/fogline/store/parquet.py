"""Per-article results as Parquet parts, and their bulk import into a store.

``write_part`` writes the rows a batch of analysed articles gives each table (``documents.document_rows``)
as ``DIR/<table>/<name>.parquet``; any process may write parts (a Dask worker, another machine writing to
shared storage), none needs the store. ``load_parts`` imports every part of ``DIR`` with one
``INSERT ... SELECT`` per table, in one transaction, skipping articles the store already holds (and
later copies of one article within the parts). A part is written to ``.tmp`` and renamed, so a killed
writer leaves no half part behind. A part's documents hold each record compressed as the store keeps it
(``records.pack``, on the process that writes the part); parts written before migration 005 hold the JSON,
compressed as they are imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from fogline.model import Document
from fogline.store.documents import DOC_COLUMNS, DOC_TABLES, RECORD_INDEX, document_rows, packed_rows
from fogline.store.figures import drop_implausible_figures
from fogline.store.records import PACK_FUNCTION, register_pack

if TYPE_CHECKING:
    from fogline.store import Store


def write_part(docs: list[Document], folder: str | Path, name: str) -> int:
    """Write the rows of ``docs`` as one part named ``name``; returns the articles written."""
    rows: dict[str, list[list[Any]]] = {t: [] for t in DOC_TABLES}
    for doc in docs:
        drop_implausible_figures(doc)
        for table, table_rows in packed_rows(document_rows(doc)).items():
            rows[table].extend(table_rows)
    for table, table_rows in rows.items():
        if not table_rows:
            continue
        out = Path(folder) / table / f"{name}.parquet"
        out.parent.mkdir(parents=True, exist_ok=True)
        arrow = pa.table({f"c{i}": pa.array([r[i] for r in table_rows]) for i in range(len(table_rows[0]))})
        tmp = out.with_suffix(".tmp")
        pq.write_table(arrow, tmp)
        tmp.replace(out)
    return len(docs)


DOC_ID_COLUMN = {"events": "c1", "claims": "c2"}
"""Where each table's rows keep their article's id (the first column elsewhere)."""


def _glob(folder: Path, table: str) -> str | None:
    files = sorted((folder / table).glob("*.parquet"))
    return str(folder / table / "*.parquet") if files else None


def _insert_documents(conn: Any, folder: Path) -> None:
    """The documents rows of the new articles: parts holding compressed records as they are, older parts'
    JSON records compressed on the way in (``fogline_pack_record``)."""
    files = sorted(str(f) for f in (folder / "documents").glob("*.parquet"))
    found = conn.execute(f"SELECT file_name, logical_type IS NOT NULL OR converted_type IS NOT NULL "  # a string: JSON
                         f"FROM parquet_schema({files!r}) WHERE name = 'c{RECORD_INDEX}'").fetchall()
    legacy = {str(name) for name, is_text in found if is_text}
    for group, packs in ((sorted(set(files) - legacy), False), (sorted(legacy), True)):
        if not group:
            continue
        if packs:
            register_pack(conn)
        record = f"{PACK_FUNCTION}(c{RECORD_INDEX})" if packs else f"c{RECORD_INDEX}"
        cells = ", ".join(f"c{i}" for i in range(RECORD_INDEX)) + f", {record}"
        conn.execute(f"INSERT INTO documents ({', '.join(DOC_COLUMNS)}) SELECT {cells} FROM read_parquet({group!r}, "
                     "filename = true) p WHERE EXISTS (SELECT 1 FROM _fogline_new n WHERE n.doc_id = p.c0 "
                     "AND n.part = parse_filename(p.filename, true))")


def load_parts(store: Store, folder: str | Path) -> tuple[int, int]:
    """Import every part under ``folder``; returns (articles added, articles already stored)."""
    folder = Path(folder)
    docs = _glob(folder, "documents")
    if docs is None:
        return 0, 0
    with store.transaction() as conn:
        conn.execute(f"CREATE TEMP TABLE _fogline_new AS SELECT c0 AS doc_id, min(parse_filename(filename, true)) "
                     f"AS part FROM read_parquet('{docs}', filename = true) GROUP BY c0")
        total = conn.execute("SELECT count(*) FROM _fogline_new").fetchone()
        conn.execute("DELETE FROM _fogline_new WHERE doc_id IN (SELECT doc_id FROM documents)")
        added = conn.execute("SELECT count(*) FROM _fogline_new").fetchone()
        _insert_documents(conn, folder)
        for table in DOC_TABLES[1:]:
            if (files := _glob(folder, table)) is None:
                continue
            doc_col = DOC_ID_COLUMN.get(table, "c0")
            conn.execute(f"INSERT INTO {table} SELECT * EXCLUDE (filename) FROM read_parquet('{files}', "
                         f"filename = true) p WHERE EXISTS (SELECT 1 FROM _fogline_new n WHERE n.doc_id = p.{doc_col} "
                         f"AND n.part = parse_filename(p.filename, true))")
        conn.execute("DROP TABLE _fogline_new")
    n_total, n_added = int(total[0]) if total else 0, int(added[0]) if added else 0
    return n_added, n_total - n_added
