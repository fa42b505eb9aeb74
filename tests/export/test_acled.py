"""ACLED rows: exactly ACLED's columns in ACLED's order, its codebook's values, only incidents ACLED would code."""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
import sample_ledger

from fogline.export import export_ledger
from fogline.export.acled import COLUMNS, EXTRAS, acled_date, actor_name, admin_name, interaction, proper_name
from fogline.model import Actor

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
REGIONS = {"Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa", "Middle East",
           "South Asia", "Southeast Asia", "East Asia", "Caucasus and Central Asia", "Europe", "North America",
           "Central America", "South America", "Caribbean", "Oceania", "Antarctica"}
EVENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments"}
DISORDER = {"Political violence", "Demonstrations", "Strategic developments", "Political violence; Demonstrations"}
REQUIRED = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
            "actor1", "inter1", "interaction", "iso", "region", "country", "location", "latitude", "longitude",
            "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp"]


def _export(tmp_path: Path, skipped: Counter[str] | None = None) -> list[dict[str, str]]:
    out = tmp_path / "acled.csv"
    export_ledger(sample_ledger.ledger(), "incidents", "acled", out, skipped=skipped)
    with out.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames is not None and reader.fieldnames[:len(ACLED_COLUMNS)] == ACLED_COLUMNS
        assert reader.fieldnames == COLUMNS + EXTRAS
        return list(reader)


def _by_id(tmp_path: Path) -> dict[str, dict[str, str]]:
    return {r["incident_id"]: r for r in _export(tmp_path)}


def _check_codebook(row: dict[str, str]) -> None:
    for col in REQUIRED:
        assert row[col] != "", col
    assert re.fullmatch(r"[A-Z]{3}\d+", row["event_id_cnty"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["event_date"]) and row["year"] == row["event_date"][:4]
    assert row["time_precision"] in {"1", "2", "3"} and row["geo_precision"] in {"1", "2", "3"}
    assert row["disorder_type"] in DISORDER and row["event_type"] in EVENT_TYPES and row["region"] in REGIONS
    inter1, inter2 = int(row["inter1"]), int(row["inter2"])
    assert 1 <= inter1 <= 8 and 0 <= inter2 <= 8
    assert row["interaction"] == "".join(sorted(f"{inter1}{inter2}" if inter2 else f"{inter1}")).ljust(2, "0")
    assert (inter2 == 0) == (row["actor2"] == "")
    assert -90 <= float(row["latitude"]) <= 90 and -180 <= float(row["longitude"]) <= 180
    assert int(row["fatalities"]) >= 0 and int(row["timestamp"]) > 0 and int(row["iso"]) > 0
    assert row["civilian_targeting"] in {"", "Civilian targeting"}


def test_every_row_follows_the_codebook(tmp_path: Path) -> None:
    rows = _export(tmp_path)
    assert rows
    for row in rows:
        _check_codebook(row)


def test_only_codable_incidents_are_written_and_the_rest_counted(tmp_path: Path) -> None:
    skipped: Counter[str] = Counter()
    rows = _export(tmp_path, skipped)
    assert {r["incident_id"] for r in rows} == {"inc-clash", "inc-drone"}
    assert skipped == Counter({"satire only": 1, "no known date": 1})


def test_contested_clash_row(tmp_path: Path) -> None:
    row = _by_id(tmp_path)["inc-clash"]
    assert row["event_id_cnty"] == "AZE1"
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2020-12-11", "2020", "1")
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Armed clash")
    assert (row["actor1"], row["actor2"]) == ("Military Forces of Azerbaijan (2003-)",
                                              "Military Forces of Armenia (2018-)")
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("1", "1", "11")
    assert (row["country"], row["iso"], row["region"], row["location"]) == (
        "Azerbaijan", "31", "Caucasus and Central Asia", "Hadrut")
    assert row["contested"] == "true" and row["fatalities"] == "0"
    assert row["source"] == "media.example.az; news.example.am"
    assert "Ministry of Defence of Azerbaijan (denies)" in row["claimants"]


def _drone_row(tmp_path: Path, **change: object) -> dict[str, str]:
    """The ACLED row of the sample's drone incident with ``change`` applied to it."""
    led = sample_ledger.ledger()
    led.incidents = [replace(i, **change) for i in led.incidents if i.incident_id == "inc-drone"]
    out = tmp_path / "drone.csv"
    export_ledger(led, "incidents", "acled", out)
    with out.open(encoding="utf-8", newline="") as fh:
        return next(csv.DictReader(fh))


def test_one_actor_has_inter2_zero(tmp_path: Path) -> None:
    row = _drone_row(tmp_path, actor2=None)
    assert (row["actor2"], row["inter2"], row["interaction"], row["fatalities"]) == ("", "0", "10", "3")


def test_no_actor1_gets_acleds_generic_actor(tmp_path: Path) -> None:
    row = _drone_row(tmp_path, actor1=None)
    assert (row["actor1"], row["inter1"]) == ("Unidentified Armed Group (Azerbaijan)", "3")
    _check_codebook(row)


@pytest.mark.parametrize("date,end,expected", [
    ("2020-12-11", None, ("2020-12-11", "2020", 1)),
    ("2020-12-11?", None, ("2020-12-11", "2020", 2)),
    ("2020-12-11", "2020-12-13", ("2020-12-11", "2020", 2)),
    ("2020-12-11/2020-12-13", None, ("2020-12-11", "2020", 2)),
    ("2020-12", None, ("2020-12-15", "2020", 3)),
    ("2020", None, ("", "2020", 3)),
    ("XXXX-03-24", None, ("", "", 3)),
    (None, None, ("", "", 3)),
], ids=["day", "uncertain-day", "span", "interval", "month", "year", "unknown-year", "none"])
def test_acled_date(date: str | None, end: str | None, expected: tuple[str, str, int]) -> None:
    assert acled_date(date, end) == expected


@pytest.mark.parametrize("a,b,expected", [(1, 3, "13"), (8, 1, "18"), (7, 0, "70"), (0, 0, "")],
                         ids=["state-militia", "lowest-first", "one-actor", "none"])
def test_interaction(a: int, b: int, expected: str) -> None:
    assert interaction(a, b) == expected


@pytest.mark.parametrize("actor,year,expected", [
    (Actor("Military Forces of Armenia", "ARM", "military"), "2020", "Military Forces of Armenia (2018-)"),
    (Actor("Military Forces of Armenia", "ARM", "military"), "2016", "Military Forces of Armenia (2008-2018)"),
    (Actor("Police Forces of GBR", "GBR", "police"), "2020", "Police Forces of United Kingdom"),
    (Actor("Artsakh Defence Army", "XNK", "military"), "2020", "Artsakh Defence Army"),
    (Actor("Civilians (Armenia)", "ARM", "civilians"), "2020", "Civilians (Armenia)"),
], ids=["period", "earlier-period", "iso3-spelt-out", "no-period-listed", "not-state-forces"])
def test_actor_name(actor: Actor, year: str, expected: str) -> None:
    assert actor_name(actor, year) == expected


@pytest.mark.parametrize("raw,expected", [
    ("Ağdǝrǝ", "Ağdərə"), ("A\u0306gdam", "Ăgdam"), ("Hadrut", "Hadrut"),
], ids=["turned-e-to-schwa", "nfc", "plain"])
def test_proper_name(raw: str, expected: str) -> None:
    assert proper_name(raw) == expected


def test_admin_name_drops_transliteration_apostrophes() -> None:
    assert admin_name("Geghark'unik'") == "Gegharkunik"
