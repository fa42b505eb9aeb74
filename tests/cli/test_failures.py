"""The CLI never fails silently: each misuse exits non-zero with a message that says what to do."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fogline.cli.main import app
from fogline.store import Store

runner = CliRunner()


def _run(args: list[str]) -> tuple[int, str]:
    result = runner.invoke(app, args)
    return result.exit_code, result.output


@pytest.mark.parametrize("args,code,message", [
    (["incidents", "--db", "{missing}"], 2, "no fogline store there"),
    (["show", "x", "--db", "{missing}"], 2, "no fogline store there"),
    (["export", "{tmp}/x.csv", "--db", "{missing}"], 2, "no fogline store there"),
    (["incidents", "--db", "{store}", "--since", "yesterday"], 2, "is not a date"),
    (["incidents", "--db", "{store}", "--since", "2020-13-45"], 2, "is not a date"),
    (["show", "", "--db", "{store}"], 1, "give more characters"),
    (["incident", "inc-", "--db", "{store}"], 1, "give more characters"),
    (["export", "{tmp}/x.parquet", "--format", "csv", "--db", "{store}"], 2, "does not match"),
    (["export", "{tmp}/x.xlsx", "--db", "{store}"], 2, "cannot tell the format"),
    (["analyze", "{tmp}/a.txt", "--db", ":memory:", "--map", "headline"], 2, "write FIELD=COLUMN"),
], ids=["incidents-missing-store", "show-missing-store", "export-missing-store", "since-yesterday",
        "since-impossible-date", "show-ambiguous-prefix", "incident-ambiguous-prefix", "format-mismatch",
        "format-unknown-extension", "bad-map"])
def test_cli_failure(store: Path, tmp_path: Path, args: list[str], code: int, message: str) -> None:
    (tmp_path / "a.txt").write_text("Shelling was reported near the town on Monday.", encoding="utf-8")
    subs = {"{missing}": str(tmp_path / "typo.duckdb"), "{store}": str(store), "{tmp}": str(tmp_path)}
    argv = [next((a.replace(k, v) for k, v in subs.items() if k in a), a) for a in args]
    exit_code, output = _run(argv)
    assert exit_code == code, output
    assert message in " ".join(output.split())
    assert not (tmp_path / "typo.duckdb").exists()


@pytest.mark.parametrize("name,fmt", [("x.parquet", "parquet"), ("x.geojson", "geojson"), ("x.jsonl", "jsonl")],
                         ids=["parquet", "geojson", "jsonl"])
def test_export_format_from_the_extension(store: Path, tmp_path: Path, name: str, fmt: str) -> None:
    code, output = _run(["export", str(tmp_path / name), "--db", str(store)])
    assert code == 0 and f"({fmt})" in output


def test_acled_export_says_incidents_and_what_it_left_out(store: Path, tmp_path: Path) -> None:
    code, output = _run(["export", str(tmp_path / "a.csv"), "--format", "acled", "--db", str(store)])
    text = " ".join(output.split())
    assert code == 0 and "wrote 2 incidents" in text
    assert "left out 2 incidents ACLED would not code (no known date 1, satire only 1)" in text


def test_place_search_folds_accents(store: Path) -> None:
    code, output = _run(["incidents", "--db", str(store), "--place", "hadrüt"])
    assert code == 0 and "3 incidents" in output


def test_jsonl_to_stdout_is_only_json(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Shelling was reported near the town on Monday, officials said.", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "fogline.cli.main", "analyze", str(tmp_path / "a.txt"), "--db",
                           str(tmp_path / "s.duckdb"), "--jsonl", "-", "--outlet", "Caucasus Wire"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(records) == 1 and records[0]["outlet"] == "Caucasus Wire"
    assert "next: fogline incidents" in proc.stderr and "documents analysed" in proc.stderr
    with Store.open(tmp_path / "s.duckdb", read_only=True) as s:
        assert len(list(s.documents())) == 1


def test_reading_commands_start_without_the_model(store: Path) -> None:
    """Reading commands never import spaCy (their start-up time itself is measured in bench/, not here)."""
    proc = subprocess.run([sys.executable, "-m", "fogline.cli.main", "incidents", "--help"], capture_output=True,
                          timeout=60)
    assert proc.returncode == 0
    probe = "import sys, fogline.cli.main; print(sorted(sys.modules))"
    modules = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60).stdout
    assert "spacy" not in modules
