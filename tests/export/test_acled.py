"""ACLED rows: ACLED's columns and codes, fogline's extras after them, never a guessed year."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import sample_ledger

from fogline.export import export_ledger
from fogline.export.acled import COLUMNS, EXTRAS, acled_date, interaction


def _rows(tmp_path: Path) -> dict[str, dict[str, str]]:
    out = tmp_path / "acled.csv"
    export_ledger(sample_ledger.ledger(), "incidents", "acled", out)
    with out.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == COLUMNS + EXTRAS
        return {r["incident_id"]: r for r in reader}


def test_contested_clash_row(tmp_path: Path) -> None:
    row = _rows(tmp_path)["inc-clash"]
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2020-12-11", "2020", "1")
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Armed clash")
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("1", "1", "11")
    assert (row["country"], row["iso"], row["location"]) == ("Azerbaijan", "31", "Hadrut")
    assert row["contested"] == "true" and row["fatalities"] == "0"
    assert "Ministry of Defence of Azerbaijan (denies)" in row["claimants"]


def test_unknown_year_is_left_empty_not_guessed(tmp_path: Path) -> None:
    row = _rows(tmp_path)["inc-rumour"]
    assert (row["event_date"], row["year"], row["date_edtf"]) == ("", "", "XXXX-12-09")


@pytest.mark.parametrize("date,end,expected", [
    ("2020-12-11", None, ("2020-12-11", "2020", 1)),
    ("2020-12-11?", None, ("2020-12-11", "2020", 2)),
    ("2020-12-11", "2020-12-13", ("2020-12-11", "2020", 2)),
    ("2020-12", None, ("2020-12-15", "2020", 3)),
    ("2020", None, ("", "2020", 3)),
    ("XXXX-03-24", None, ("", "", 3)),
    (None, None, ("", "", 3)),
], ids=["day", "uncertain-day", "span", "month", "year", "unknown-year", "none"])
def test_acled_date(date: str | None, end: str | None, expected: tuple[str, str, int]) -> None:
    assert acled_date(date, end) == expected


@pytest.mark.parametrize("a,b,expected", [(1, 3, "13"), (8, 1, "18"), (7, "", "70"), ("", "", "")],
                         ids=["state-militia", "lowest-first", "one-actor", "none"])
def test_interaction(a: int | str, b: int | str, expected: str) -> None:
    assert interaction(a, b) == expected
