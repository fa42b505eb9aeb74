"""The corpus stage holds DuckDB to a smaller buffer pool on a store file, and gives the writer's back."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogline.store import Store
from fogline.store.corpus import bounded_memory, insert_rows


def _setting(store: Store, name: str = "memory_limit") -> str:
    row = store.conn.execute(f"SELECT current_setting('{name}')").fetchone()
    assert row is not None
    return str(row[0])


@pytest.mark.parametrize(("name", "during"), [
    pytest.param("memory_limit", "244", id="buffer-pool-256-mb"),  # as DuckDB shows it, in MiB
    pytest.param("allocator_flush_threshold", "16MB", id="allocator-flushes-past-16-mb"),
])
def test_file_store_setting_lowered_then_restored(tmp_path: Path, name: str, during: str) -> None:
    with Store.open(tmp_path / "s.duckdb") as store:
        before = _setting(store, name)
        with bounded_memory(store):
            assert _setting(store, name).startswith(during)
        assert _setting(store, name) == before


@pytest.mark.parametrize("row", [
    pytest.param(["inc_a", "Battles", "Armed clash", "2020-10-04", None, "Hadrut", 39.5, 46.9, 1, "AZE", "Khojavend",
                  None, 3, 5, 9, 2, 2, False, False, 0.61, "fp", '{"a":1}'], id="full-incident-row"),
    pytest.param(["inc_b", "Protests", "Peaceful protest", None, None, None, None, None, None, None, None, None, None,
                  None, None, 1, 0, True, True, 0.0, "fp", "{}"], id="incident-without-place-date-or-figures"),
    pytest.param(["inc_c", "Battles", "Armed clash", "2020-10-04", "2020-10-06", "Hadrut", 39.5, 46.9, 2, "AZE",
                  "Khojavend", "Hadrut District", 10**12, 10**12, 10**12, 3, 1, False, False, 0.25, "fp", "{}"],
                 id="figures-past-32-bits"),
])
def test_incident_rows_written_from_typed_columns(row: list[object]) -> None:
    with Store.open(":memory:") as store:
        insert_rows(store.conn, "incidents", [row])
        stored = store.conn.execute("SELECT * FROM incidents").fetchall()
    assert [list(r) for r in stored] == [row]
