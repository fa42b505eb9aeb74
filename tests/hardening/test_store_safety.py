"""The store: 64-bit figures, implausible figures dropped with a reason, read-only and short write
connections (issue 11, items 1 and 7)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from fogline.cli.main import app
from fogline.model import Claim, Document, Event
from fogline.store import Store, StoreError, open_read, open_write
from fogline.store.db import migrations
from fogline.store.figures import MAX_FIGURE

runner = CliRunner()


def _doc(fatalities: object, injured: object = None, claim_fatalities: object = None) -> Document:
    doc = Document(doc_id="fig1", source="fig.txt", raw="Strike.", title="Strike")
    doc.text = "Strike."
    doc.events = [Event("fig1-e0", "Air/drone strike", fatalities=fatalities, injured=injured,  # type: ignore[arg-type]
                        claims=[Claim("A spokesman", None, "asserts", fatalities=claim_fatalities)])]  # type: ignore[arg-type]
    return doc


@pytest.mark.parametrize(
    ("figures", "kept", "reason"),
    [
        pytest.param((9_999_999_999, None, None), (None, None, None), "above", id="over-2-to-the-31"),
        pytest.param((10**30, None, None), (None, None, None), "above", id="over-64-bit"),
        pytest.param((-4, 3, None), (None, 3, None), "negative", id="negative"),
        pytest.param((3, 2.5, None), (3, None, None), "not a whole number", id="fractional"),
        pytest.param((3, None, 2**40), (3, None, None), "claim 0", id="claim-figure"),
        pytest.param((MAX_FIGURE, None, 12), (MAX_FIGURE, None, 12), None, id="at-the-bound-kept"),
    ],
)
def test_implausible_figures_are_dropped_with_a_reason(figures: tuple[object, object, object],
                                                       kept: tuple[object, object, object], reason: str | None) -> None:
    with Store.open(":memory:") as store:
        assert store.add(_doc(*figures))
        [ev] = store.get("fig1").events  # type: ignore[union-attr]
        assert (ev.fatalities, ev.injured, ev.claims[0].fatalities) == kept
        notes = [s.detail for s in store.get("fig1").signals if s.kind == "implausible_figure"]  # type: ignore[union-attr]
    assert (reason is None and not notes) or any(reason in (n or "") for n in notes)


def test_figure_columns_are_64_bit_after_migrating_an_old_store(tmp_path: Path) -> None:
    db = str(tmp_path / "old.duckdb")
    conn = duckdb.connect(db)
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
                 "applied_at TIMESTAMP DEFAULT current_timestamp)")
    for version, name, sql in migrations():
        if version <= 2:
            conn.execute(sql)
            conn.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
    conn.close()
    with Store.open(db) as store:
        types = dict(store.conn.execute("SELECT table_name || '.' || column_name, data_type FROM "
                                        "information_schema.columns WHERE column_name LIKE 'fatalities%' "
                                        "OR column_name = 'injured'").fetchall())
    assert set(types.values()) == {"BIGINT"} and len(types) == 7, types


@pytest.fixture()
def store_file(tmp_path: Path) -> str:
    db = str(tmp_path / "s.duckdb")
    with Store.open(db) as store:
        store.add(_doc(3))
    return db


@pytest.fixture()
def other_reader(store_file: str) -> Iterator[subprocess.Popen[bytes]]:
    """Another process (a notebook) holding a read-only connection to the store."""
    code = f"import duckdb, time; c = duckdb.connect({store_file!r}, read_only=True); print('open', flush=True); " \
           "time.sleep(30)"
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline().strip() == b"open"
    yield proc
    proc.kill()
    proc.wait()


@pytest.mark.parametrize("command", [
    pytest.param(["show", "fig1"], id="show"),
    pytest.param(["incidents"], id="incidents"),
    pytest.param(["export", "{out}", "--format", "csv", "--what", "events"], id="export"),
])
@pytest.mark.usefixtures("other_reader")
def test_read_commands_run_beside_another_reader(store_file: str, tmp_path: Path, command: list[str]) -> None:
    args = [a.format(out=tmp_path / "out.csv") for a in command]
    result = runner.invoke(app, [*args, "--db", store_file])
    assert result.exit_code == 0, result.output


@pytest.mark.usefixtures("other_reader")
def test_open_read_beside_a_reader_and_open_write_waits_then_says_why(store_file: str) -> None:
    with open_read(store_file) as store:
        assert store.has("fig1")
    t0 = time.monotonic()
    with pytest.raises(StoreError, match="cannot open"), open_write(store_file, wait_s=0.5):
        pass
    assert time.monotonic() - t0 < 5


def test_open_write_is_short_lived(store_file: str) -> None:
    with open_write(store_file) as store:
        assert not store.add(_doc(4))  # already there
    with open_read(store_file) as a, open_read(store_file) as b:
        assert a.counts()["documents"] == b.counts()["documents"] == 1


def test_a_released_store_lets_another_process_in_and_reconnects(store_file: str) -> None:
    store = Store.open(store_file)
    store.release()  # what analyze does between chunks
    code = f"import duckdb; print(duckdb.connect({store_file!r}, read_only=True).execute('SELECT count(*) FROM " \
           "documents').fetchone()[0])"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout.strip() == b"1"
    assert store.has("fig1")  # opened again on use
    store.close()
