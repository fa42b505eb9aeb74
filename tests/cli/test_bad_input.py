"""Bad input to every command (a damaged, foreign or missing store, a folder where a file goes, an unknown
--what/--format, an OUT that cannot be written, a store or scratch space failing midway): one line naming
the file and the reason, a non-zero exit, never a traceback."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

import fogline.store
from fogline.cli.main import app

runner = CliRunner()


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, str]:
    """Stand-ins for --db and OUT: a file of random bytes, an empty file, a folder, a DuckDB file that is no
    fogline store, a text file (a folder's place taken by a file)."""
    (tmp_path / "random.duckdb").write_bytes(bytes(range(256)) * 400)
    (tmp_path / "empty.duckdb").write_bytes(b"")
    (tmp_path / "folder.duckdb").mkdir()
    conn = duckdb.connect(str(tmp_path / "foreign.duckdb"))
    conn.execute("CREATE TABLE birds (name VARCHAR)")
    conn.close()
    (tmp_path / "notes.txt").write_text("not a folder", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Shelling was reported near the town on Monday.", encoding="utf-8")
    return {"random": "random.duckdb", "empty": "empty.duckdb", "folder": "folder.duckdb",
            "foreign": "foreign.duckdb", "notes": "notes.txt", "a": "a.txt"}


class _NoWaiting:
    """``time`` for the store module, refusing to sleep: a file that is no store must fail at once, not be
    retried as if another process held its lock."""

    monotonic = staticmethod(__import__("time").monotonic)

    @staticmethod
    def sleep(_: float) -> None:
        raise AssertionError("waited for a lock on a file that is no store")


def _invoke(args: list[str], tmp_path: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setattr(fogline.store, "time", _NoWaiting)
    argv = [a.replace("{tmp}", str(tmp_path)).replace("{store}", str(store)) for a in args]
    result = runner.invoke(app, argv)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def _one_error_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, output
    assert "Traceback" not in output
    return lines[0]


BAD_DB = [
    (["incidents", "--db", "{tmp}/random.duckdb"], "random.duckdb: cannot open the DuckDB store"),
    (["incident", "x", "--db", "{tmp}/empty.duckdb"], "empty.duckdb: cannot open the DuckDB store"),
    (["show", "x", "--db", "{tmp}/folder.duckdb"], "folder.duckdb: a folder, not a fogline store file"),
    (["incidents", "--db", "{tmp}/foreign.duckdb"], "foreign.duckdb: not a fogline store"),
    (["show", "x", "--db", "{tmp}/foreign.duckdb"], "foreign.duckdb: not a fogline store"),
    (["export", "{tmp}/o.jsonl", "--db", "{tmp}/foreign.duckdb"], "foreign.duckdb: not a fogline store"),
    (["report", "--out", "{tmp}/r.html", "--db", "{tmp}/foreign.duckdb"], "foreign.duckdb: not a fogline store"),
    (["export", "{tmp}/o.jsonl", "--db", "{tmp}/random.duckdb"], "random.duckdb: cannot open the DuckDB store"),
    (["report", "--out", "{tmp}/r.html", "--db", "{tmp}/folder.duckdb"], "folder.duckdb: a folder"),
    (["report", "--out", "{tmp}/r.html", "--db", "{tmp}/notes.txt/s.duckdb"], "no fogline store there"),
    (["analyze", "{tmp}/a.txt", "--db", "{tmp}/random.duckdb"], "random.duckdb: cannot open the DuckDB store"),
    (["analyze", "{tmp}/a.txt", "--db", "{tmp}/folder.duckdb"], "folder.duckdb: cannot open the DuckDB store"),
    (["load", "{tmp}", "--db", "{tmp}/empty.duckdb"], "empty.duckdb: cannot open the DuckDB store"),
    (["serve", "--db", "{tmp}/random.duckdb"], "random.duckdb: cannot open the DuckDB store"),
    (["serve", "--db", "{tmp}/folder.duckdb"], "folder.duckdb: a folder, not a fogline store file"),
    (["serve", "--db", "{tmp}/foreign.duckdb"], "foreign.duckdb: not a fogline store"),
]


@pytest.mark.parametrize("args,message", BAD_DB, ids=[
    "incidents-random-bytes", "incident-empty-file", "show-folder", "incidents-foreign-duckdb", "show-foreign-duckdb",
    "export-foreign-duckdb", "report-foreign-duckdb", "export-random-bytes", "report-folder", "report-under-a-file",
    "analyze-random-bytes", "analyze-folder", "load-empty-file", "serve-random-bytes", "serve-folder",
    "serve-foreign-duckdb"])
def test_bad_store(files: dict[str, str], store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                   args: list[str], message: str) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("served a store that is none"))
    code, output = _invoke(args, tmp_path, store, monkeypatch)
    assert code == 2, output
    assert message in _one_error_line(output)


BAD_OUT = [
    (["export", "{tmp}/notes.txt/o.jsonl", "--db", "{store}"], "notes.txt/o.jsonl: cannot write"),
    (["export", "{tmp}/notes.txt/o.parquet", "--db", "{store}"], "notes.txt/o.parquet: cannot write"),
    (["export", "{tmp}/folder.duckdb", "--format", "jsonl", "--db", "{store}"], "folder.duckdb: cannot write"),
    (["report", "--out", "{tmp}/notes.txt/r.html", "--db", "{store}"], "notes.txt/r.html: cannot write"),
    (["report", "--out", "{tmp}/folder.duckdb", "-f", "md", "--db", "{store}"], "folder.duckdb: cannot write"),
    (["analyze", "{tmp}/a.txt", "--db", ":memory:", "--jsonl", "{tmp}/notes.txt/o.jsonl"],
     "notes.txt/o.jsonl: cannot write"),
    (["export", "{tmp}/o.jsonl", "--what", "people", "--db", "{store}"], "unknown table 'people'"),
    (["export", "{tmp}/o.xlsx", "--format", "xlsx", "--db", "{store}"], "unknown export format 'xlsx'"),
    (["export", "{tmp}/o.csv", "--format", "geojson", "--db", "{store}"], "does not match"),
    (["report", "--out", "{tmp}/r.pdf", "--format", "pdf", "--db", "{store}"], "unknown report format 'pdf'"),
    (["load", "{tmp}/a.txt", "--db", ":memory:"], "a.txt is not a folder"),
]


@pytest.mark.parametrize("args,message", BAD_OUT, ids=[
    "export-jsonl-under-a-file", "export-parquet-under-a-file", "export-onto-a-folder", "report-under-a-file",
    "report-onto-a-folder", "analyze-jsonl-under-a-file", "export-unknown-what", "export-unknown-format",
    "export-format-against-extension", "report-unknown-format", "load-a-file"])
def test_bad_option(files: dict[str, str], store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                    args: list[str], message: str) -> None:
    code, output = _invoke(args, tmp_path, store, monkeypatch)
    assert code == 2, output
    assert message in _one_error_line(output)
    assert not list(tmp_path.glob("**/*.part"))


def _damaged(*_: Any, **__: Any) -> None:
    raise duckdb.IOException("Corrupt database file: computed checksum 1 does not match stored checksum 2 in block "
                             "at location 262144\n\nLINE 1: SELECT ...")


def _disk_full(*_: Any, **__: Any) -> None:
    raise sqlite3.OperationalError("database or disk is full")


def _no_space(*_: Any, **__: Any) -> None:
    raise OSError(28, "No space left on device")


MIDWAY = [
    (["report", "--out", "{tmp}/r.html", "--db", "{store}"], "fogline.store.documents.iter_card_texts", _damaged,
     "s.duckdb: the store failed: Corrupt database file"),
    (["report", "--out", "{tmp}/r.html", "--db", "{store}"], "fogline.store.spill.ReportSpill.__init__", _disk_full,
     "r.html: cannot make the report: scratch space in"),
    (["report", "--out", "{tmp}/r.html", "--db", "{store}"], "fogline.export.report.plan_report", _no_space,
     "r.html: cannot write: No space left on device"),
    (["report", "--out", "{tmp}/r.md", "-f", "md", "--db", "{store}"], "fogline.export.report.joined_view", _damaged,
     "s.duckdb: the store failed: Corrupt database file"),
    (["export", "{tmp}/o.csv", "--what", "incidents", "--db", "{store}"], "fogline.export._write_csv", _damaged,
     "s.duckdb: the store failed: Corrupt database file"),
    (["export", "{tmp}/o.jsonl", "--db", "{store}"], "fogline.export._write_jsonl", _no_space,
     "o.jsonl: cannot write: No space left on device"),
    (["incidents", "--db", "{store}"], "fogline.cli.incidents.load_incidents", _damaged,
     "s.duckdb: the store failed: Corrupt database file"),
]


@pytest.mark.parametrize("args,target,failure,message", MIDWAY, ids=[
    "report-store-damaged", "report-scratch-full", "report-plan-disk-full", "report-md-store-damaged-rendering",
    "export-store-damaged", "export-disk-full", "incidents-store-damaged"])
def test_failure_midway(store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], target: str,
                        failure: Any, message: str) -> None:
    monkeypatch.setattr(target, failure)
    code, output = _invoke(args, tmp_path, store, monkeypatch)
    assert code == 2, output
    line = _one_error_line(output)
    assert message in line and "LINE 1" not in line
    assert not list(tmp_path.glob("*.part")) and not (tmp_path / "r.html").exists()


def test_real_command_says_one_line(store: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "fogline.cli.main", "report", "--out",
                           str(tmp_path / "notes.txt" / "r.html"), "--db", str(store)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"error: {tmp_path / 'notes.txt' / 'r.html'}: cannot write: {tmp_path / 'notes.txt'}: File exists"]
