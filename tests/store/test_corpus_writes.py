"""The corpus stage's writes (``store.corpus.write_batch``) and migration 007: incidents, their reports and the
events' partition rows kept without primary-key indexes, the incident record as plain text, the rows as they were."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from fogline.store import Store
from fogline.store.corpus import arrow_rows, write_batch
from fogline.store.db import migrations


def _incident(incident_id: str, fp: str, place: str = "Hadrut") -> list[object]:
    return [incident_id, "Battles", "Armed clash", "2020-10-04", None, place, 39.5, 46.9, 1, "AZE", "Khojavend",
            None, 1, 2, 3, 1, 1, False, False, 0.5, fp, f'{{"id":"{incident_id}","place":"{place}"}}']


def _write(store: Store, incidents: list[list[object]], reports: list[list[str]],
           kept: list[tuple[str, str]] | None = None, events: tuple[str, ...] = ()) -> tuple[int, int]:
    """One batch of ``events`` (default: those of ``reports``) written."""
    parts = [[event, "p1", "dg"] for event in events or [r[0] for r in reports]]
    return write_batch(store, arrow_rows("incidents", incidents), arrow_rows("incident_reports", reports),
                       kept or [], parts, parts)


def _stored(store: Store) -> tuple[list[tuple], list[tuple]]:
    return (store.conn.execute("SELECT incident_id, fingerprint, location FROM incidents ORDER BY 1").fetchall(),
            store.conn.execute("SELECT * FROM incident_reports ORDER BY 1").fetchall())


FIRST = ([_incident("inc_a", "fa"), _incident("inc_b", "fb")], [["e1", "inc_a", "d1"], ["e2", "inc_b", "d2"]])


@pytest.mark.parametrize(("second", "kept", "written", "incidents", "reports"), [
    pytest.param(([], []), [("inc_a", "fa"), ("inc_b", "fb")], (0, 0),
                 [("inc_a", "fa", "Hadrut"), ("inc_b", "fb", "Hadrut")],
                 [("e1", "inc_a", "d1"), ("e2", "inc_b", "d2")], id="both-kept-as-stored"),
    pytest.param(([_incident("inc_a", "fa2", "Martuni")], [["e1", "inc_a", "d1"]]), [("inc_b", "fb")], (1, 0),
                 [("inc_a", "fa2", "Martuni"), ("inc_b", "fb", "Hadrut")],
                 [("e1", "inc_a", "d1"), ("e2", "inc_b", "d2")], id="one-rewritten-in-place"),
    pytest.param(([_incident("inc_a", "fa3")], [["e1", "inc_a", "d1"], ["e2", "inc_a", "d2"]]), [], (1, 1),
                 [("inc_a", "fa3", "Hadrut")], [("e1", "inc_a", "d1"), ("e2", "inc_a", "d2")],
                 id="two-merged-one-removed"),
])
def test_a_batch_written_again_replaces_only_what_changed(second: tuple, kept: list[tuple[str, str]],
                                                         written: tuple[int, int], incidents: list[tuple],
                                                         reports: list[tuple]) -> None:
    with Store.open(":memory:") as store:
        assert _write(store, *FIRST) == (2, 0)
        assert _write(store, *second, kept=kept, events=("e1", "e2")) == written
        assert _stored(store) == (incidents, reports)


def test_a_first_batch_beside_stored_incidents_leaves_them() -> None:
    with Store.open(":memory:") as store:
        _write(store, *FIRST)
        assert _write(store, [_incident("inc_c", "fc")], [["e3", "inc_c", "d3"]]) == (1, 0)
        assert [r[0] for r in _stored(store)[0]] == ["inc_a", "inc_b", "inc_c"]


def _store_before_007(path: Path) -> None:
    """A store as migration 004 left the corpus tables, with one incident, its report and its event's partition
    (the later migrations are left to ``Store.open``, with what it registers for them)."""
    conn = duckdb.connect(str(path))
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
                 "applied_at TIMESTAMP DEFAULT current_timestamp)")
    for version, name, sql in migrations():
        if version <= 4:
            conn.execute(sql)
            conn.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
    conn.register("_rows", arrow_rows("incidents", [_incident("inc_a", "fa")]))
    conn.execute("INSERT INTO incidents SELECT * FROM _rows")
    conn.register("_reports", pa.table({"e": ["e1"], "i": ["inc_a"], "d": ["d1"]}))
    conn.execute("INSERT INTO incident_reports SELECT * FROM _reports")
    conn.execute("INSERT INTO corpus_parts VALUES ('e1', 'p1', 'dg')")
    conn.close()


@pytest.mark.parametrize(("query", "expected"), [
    pytest.param("SELECT incident_id, fingerprint, record FROM incidents",
                 [("inc_a", "fa", '{"id":"inc_a","place":"Hadrut"}')], id="incident-rows-kept"),
    pytest.param("SELECT * FROM incident_reports", [("e1", "inc_a", "d1")], id="report-rows-kept"),
    pytest.param("SELECT table_name, index_count FROM duckdb_tables() WHERE table_name IN "
                 "('incidents', 'incident_reports', 'corpus_parts') ORDER BY 1",
                 [("corpus_parts", 0), ("incident_reports", 0), ("incidents", 0)], id="no-key-indexes"),
    pytest.param("SELECT * FROM corpus_parts", [("e1", "p1", "dg")], id="part-rows-kept"),
    pytest.param("SELECT data_type FROM information_schema.columns WHERE table_name = 'incidents' "
                 "AND column_name = 'record'", [("VARCHAR",)], id="record-as-text"),
    pytest.param("SELECT count(*) FROM information_schema.columns WHERE table_name = 'incidents' AND "
                 "is_nullable = 'NO'", [(10,)], id="not-null-columns-kept"),
])
def test_migration_007_keeps_the_rows_without_key_indexes(tmp_path: Path, query: str, expected: list[tuple]) -> None:
    path = tmp_path / "old.duckdb"
    _store_before_007(path)
    with Store.open(path) as store:
        assert store.conn.execute(query).fetchall() == expected
