"""Machine-readable output: ``--json`` and ``--csv`` print only data on stdout, with whole ids."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fogline.cli.main import app
from fogline.store import Store

runner = CliRunner()


def _stdout(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.stdout


def _ids(store: Path, table: str, column: str) -> list[str]:
    with Store.open(store, read_only=True) as s:
        return [r[0] for r in s.conn.execute(f"SELECT {column} FROM {table} ORDER BY 1").fetchall()]


def test_incidents_json_has_every_field(store: Path) -> None:
    got = json.loads(_stdout(["incidents", "--db", str(store), "--json"]))
    assert sorted(i["incident_id"] for i in got) == _ids(store, "incidents", "incident_id")
    assert {"claims", "claimants", "fatalities", "reports", "confidence"} <= set(got[0])


def test_incidents_csv_keeps_whole_ids(store: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_stdout(["incidents", "--db", str(store), "--csv"]))))
    assert sorted(r["id"] for r in rows) == _ids(store, "incidents", "incident_id")
    assert {"date", "type", "place", "deaths", "conf."} <= set(rows[0])


@pytest.mark.parametrize("command", [pytest.param("incident", id="incident"), pytest.param("show", id="show")])
def test_one_record_as_json(store: Path, command: str) -> None:
    table, column = ("incidents", "incident_id") if command == "incident" else ("documents", "doc_id")
    whole = _ids(store, table, column)[0]
    got = json.loads(_stdout([command, whole, "--db", str(store), "--json"]))
    assert got[column] == whole
