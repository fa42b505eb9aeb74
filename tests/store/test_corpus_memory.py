"""The corpus stage holds DuckDB to a smaller buffer pool on a store file, and gives the writer's back."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from fogline.store import Store
from fogline.store.corpus import bounded_memory, insert_rows, within_bounded_memory


def _setting(store: Store, name: str = "memory_limit") -> str:
    row = store.conn.execute(f"SELECT current_setting('{name}')").fetchone()
    assert row is not None
    return str(row[0])


@pytest.mark.parametrize(("name", "during"), [
    pytest.param("memory_limit", "122", id="buffer-pool-128-mb"),  # as DuckDB shows it, in MiB
    pytest.param("allocator_flush_threshold", "16MB", id="allocator-flushes-past-16-mb"),
    pytest.param("checkpoint_threshold", "61", id="log-checkpointed-past-64-mb"),  # 64 MB in MiB
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


def test_the_stage_runs_again_under_the_writers_limit_when_duckdb_runs_out(tmp_path: Path) -> None:
    limits: list[str] = []
    with Store.open(tmp_path / "s.duckdb") as store:
        before = _setting(store)

        def run() -> int:
            limits.append(_setting(store))
            if len(limits) == 1:
                raise duckdb.OutOfMemoryException("Out of Memory Error: could not allocate block")
            return 7

        assert within_bounded_memory(store, run) == 7
        assert limits[0].startswith("122") and limits[1] == before == _setting(store)


def test_a_batch_committed_under_the_stage_survives_a_kill(tmp_path: Path) -> None:
    """The log is checkpointed less often during the stage, but each batch still commits to it: a process that
    dies before any checkpoint leaves its committed rows to the next open."""
    import subprocess
    import sys

    path = tmp_path / "s.duckdb"
    Store.open(path).close()
    code = ("import os\nfrom fogline.store import Store\n"
            "from fogline.store.corpus import bounded_memory, insert_rows\n"
            f"store = Store.open({str(path)!r})\nwith bounded_memory(store):\n"
            "    with store.transaction() as conn:\n"
            "        insert_rows(conn, 'corpus_parts', [['e1', 'e1', 'd1']])\n"
            "    os._exit(9)\n")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 9
    with Store.open(path) as store:
        assert store.conn.execute("SELECT * FROM corpus_parts").fetchall() == [("e1", "e1", "d1")]


def test_batch_records_cross_processes_as_arrow_and_read_as_pairs() -> None:
    """A batch's records pickle as Arrow buffers and iterate as (doc_id, record bytes), the stored JSON."""
    import pickle
    import sys

    import orjson

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "corpus"))
    from synthetic import articles

    from fogline.store.corpus import raw_event_records

    with Store.open(":memory:") as store:
        store.add_many(articles(12))
        stored = store.conn.execute("SELECT doc_id, record, event_id FROM events ORDER BY doc_id, idx").fetchall()
        records = pickle.loads(pickle.dumps(raw_event_records(store, [row[2] for row in stored[::2]])))
    pairs = list(records)
    assert len(records) == len(pairs) == len(stored[::2]) > 0
    assert [(d, orjson.loads(r)) for d, r in pairs] == [(d, orjson.loads(r)) for d, r, _ in stored[::2]]
