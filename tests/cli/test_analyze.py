"""Drive the real ``fogline`` command the way a user does."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from fogline.cli.main import app
from fogline.store import Store

runner = CliRunner()

CLEANING_AND_SIGNAL_CHECKS = [
    "satire-genre", "satire-signal", "caption-repeat-cut", "body-kept", "title", "published", "typo-footer-cut",
    "title-not-repeated", "anonymous-sourcing", "donation-widget-cut", "donation-appeal-cut", "image-prompt-cut",
    "repost", "journal-chrome-cut", "comments-cut", "comments-cut-2", "support-cut",
]
PLACE_CHECKS = ["place-karakhanbeyli-fuzuli", "place-boyuk-marcanli", "no-nakhchivan-karakhanbeyli", "place-hadrut",
                "place-farukh"]
EVENT_CHECKS = ["az-takes-settlements", "stepanakert-shelled-sep27", "villages-captured-contested",
                "drone-strike-claimed", "dec11-attack-three-wounded", "dec11-az-claim-denied", "dec9-raid-is-rumor",
                "farukh-captured", "drone-strikes-three-dead", "no-events-from-comments"]


def schema() -> dict:
    return json.loads(resources.files("fogline.contract").joinpath("document.schema.json").read_text())


@pytest.fixture(scope="module")
def seeds_run(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bool]]:
    out = tmp_path_factory.mktemp("seeds") / "seeds.jsonl"
    result = runner.invoke(app, ["analyze", str(shared / "seeds"), "--db", ":memory:", "--jsonl", str(out)])
    assert result.exit_code == 0, result.output
    check = subprocess.run([sys.executable, str(shared / "tools" / "check_seeds.py"), str(out)],
                           capture_output=True, text=True, check=False)
    status: dict[str, bool] = {}
    for line in check.stdout.splitlines():
        if line.startswith(("PASS", "FAIL")):
            verdict, seed, cid = line.split()
            status[f"{seed}:{cid}"] = verdict == "PASS"
    return out, status


def _check(status: dict[str, bool], cid: str) -> None:
    found = {k: v for k, v in status.items() if k.endswith(f":{cid}")}
    assert found, f"check {cid} not reported"
    assert all(found.values()), f"seed check failed: {[k for k, v in found.items() if not v]}"


@pytest.mark.parametrize("cid", CLEANING_AND_SIGNAL_CHECKS)
def test_seed_cleaning_and_signal_checks(seeds_run: tuple[Path, dict[str, bool]], cid: str) -> None:
    _check(seeds_run[1], cid)


def test_seed_output_validates_against_contract(seeds_run: tuple[Path, dict[str, bool]]) -> None:
    validator = jsonschema.Draft202012Validator(schema())
    lines = seeds_run[0].read_text().splitlines()
    assert len(lines) >= 5
    for line in lines:
        errors = sorted(validator.iter_errors(json.loads(line)), key=str)
        assert not errors, errors[0]


def test_rerun_adds_nothing_and_rejects_bad_files(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Clashes near Talish\n\nArmenian and Azerbaijani forces exchanged fire.")
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "blob.txt").write_bytes(b"\x00\x01\x02\x03" * 10)
    db = str(tmp_path / "f.duckdb")
    first = runner.invoke(app, ["analyze", str(tmp_path / "in"), "--db", db])
    assert first.exit_code == 1, first.output
    assert "empty" in first.output and "binary" in first.output
    (tmp_path / "in" / "empty.txt").unlink()
    (tmp_path / "in" / "blob.txt").unlink()
    second = runner.invoke(app, ["analyze", str(tmp_path / "in"), "--db", db])
    assert second.exit_code == 0, second.output
    assert "already stored (reused) │     1" in second.output.replace("┃", "│")


def test_show_and_export(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Drone strike near Aghdam\n\nA drone hit a truck near Aghdam on Monday.\n\nFound a typo? Tell us.")
    db = str(tmp_path / "f.duckdb")
    assert runner.invoke(app, ["analyze", str(src), "--db", db]).exit_code == 0
    shown = runner.invoke(app, ["show", "", "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "Drone strike near Aghdam" in shown.output
    out = tmp_path / "docs.jsonl"
    exported = runner.invoke(app, ["export", str(out), "--format", "jsonl", "--db", db])
    assert exported.exit_code == 0, exported.output
    assert json.loads(out.read_text().splitlines()[0])["title"] == "Drone strike near Aghdam"


def test_show_unknown_id_fails_clearly(tmp_path: Path) -> None:
    db = str(tmp_path / "x.duckdb")
    Store.open(db).close()
    result = runner.invoke(app, ["show", "ffff", "--db", db])
    assert result.exit_code == 1 and "no document" in result.output


def test_show_without_a_store_says_so_and_creates_nothing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["show", "ffff", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2 and "no fogline store" in " ".join(result.output.split())
    assert not (tmp_path / "x.duckdb").exists()
