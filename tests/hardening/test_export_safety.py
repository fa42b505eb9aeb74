"""Exports: formula cells neutralised, bounded memory, write errors reported (issue 11, items 8 and 9)."""

from __future__ import annotations

import csv
import errno
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import fogline.export as export_mod
from fogline.cli.main import app
from fogline.export import export, neutralise
from fogline.export.ledger import Ledger, StoredDocuments
from fogline.model import Actor, Document, Event, Place
from fogline.store import Store

runner = CliRunner()
HOSTILE = ["=cmd|' /C calc'!A0", "+SUM(A1:A2)", "-2+3+cmd|' /C calc'!A0", "@SUM(1)", "\t=1", "\r=1"]


def _doc(i: int, title: str) -> Document:
    doc = Document(doc_id=f"d{i:03d}", source=f"{i}.txt", raw="Strike.", title=title, outlet=title)
    doc.text = "Strike."
    place = Place("Somewhere", -33.5, -70.25, 1, None, "CHL")
    doc.events = [Event(f"d{i:03d}-e0", "Air/drone strike", "2020-10-05", "day",
                        Actor(title, None, "military"), None, place, 2)]
    return doc


@pytest.fixture()
def store_file(tmp_path: Path) -> str:
    db = str(tmp_path / "s.duckdb")
    with Store.open(db) as store:
        for i, title in enumerate(HOSTILE):
            store.add(_doc(i, title))
    return db


@pytest.mark.parametrize("cell", [pytest.param(c, id=repr(c[:2])) for c in HOSTILE])
def test_formula_cells_get_a_leading_quote(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", [pytest.param(c, id=c) for c in ("-70.2500", "+3", "-1e5", "plain", "a=b")])
def test_numbers_and_plain_text_stay(cell: str) -> None:
    assert neutralise(cell) == cell


@pytest.mark.parametrize(("fmt", "what"), [pytest.param("csv", "documents", id="csv-documents"),
                                           pytest.param("csv", "events", id="csv-events"),
                                           pytest.param("acled", "incidents", id="acled")])
@pytest.mark.parametrize("raw", [pytest.param(False, id="neutralised"), pytest.param(True, id="raw-cells")])
def test_csv_exports_neutralise_formulas_unless_raw(store_file: str, tmp_path: Path, fmt: str, what: str,
                                                    raw: bool) -> None:
    out = tmp_path / f"out.{fmt}.csv"
    args = ["export", str(out), "--format", fmt, "--what", what, "--db", store_file] + (["--raw-cells"] if raw else [])
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    cells = [c for row in csv.reader(out.open(encoding="utf-8", newline="")) for c in row]
    leading = [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not c[1:2].isdigit())]
    assert bool(leading) == raw, leading
    assert "-70.2500" in cells or what != "incidents" or fmt != "acled"


def test_a_full_disk_ends_with_a_message_and_exit_code(store_file: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export_mod, "_write_jsonl", full)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["export", str(out), "--db", store_file])
    assert result.exit_code == 2 and "No space left on device" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not out.exists() and not (tmp_path / "out.jsonl.part").exists()


def test_exports_read_documents_lazily_and_give_the_same_rows(store_file: str, tmp_path: Path) -> None:
    with Store.open(store_file, read_only=True) as store:
        lazy = Ledger.from_store(store, lazy=True)
        assert isinstance(lazy.documents, StoredDocuments) and len(lazy.documents) == len(HOSTILE)
        assert lazy.documents["d001"].title == HOSTILE[1] and "nope" not in lazy.documents
        for what in ("documents", "events", "incidents"):
            n_lazy = export(store, what, "jsonl", tmp_path / f"{what}.lazy.jsonl")
            n_eager = export_mod.export_ledger(Ledger.from_store(store), what, "jsonl", tmp_path / f"{what}.jsonl")
            assert n_lazy == n_eager > 0
            assert (tmp_path / f"{what}.lazy.jsonl").read_text() == (tmp_path / f"{what}.jsonl").read_text()
        assert export(store, "events", "parquet", tmp_path / "e.parquet") == len(HOSTILE)
        assert export(store, "events", "geojson", tmp_path / "x.geojson") == len(HOSTILE)
        assert len(json.loads((tmp_path / "x.geojson").read_text())["features"]) == len(HOSTILE)
