"""The corpus stage holds DuckDB to a smaller buffer pool on a store file, and gives the writer's back."""

from __future__ import annotations

from pathlib import Path

from fogline.store import Store
from fogline.store.corpus import bounded_memory


def _limit(store: Store) -> str:
    row = store.conn.execute("SELECT current_setting('memory_limit')").fetchone()
    assert row is not None
    return str(row[0])


def test_file_store_limit_lowered_then_restored(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.duckdb") as store:
        before = _limit(store)
        with bounded_memory(store):
            assert _limit(store).startswith("244")  # 256 MB as DuckDB shows it, in MiB
        assert _limit(store) == before
