"""export(): every table in every format, read back with the reader a user would use."""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path

import duckdb
import jsonschema
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sample_ledger
from shapely.geometry import shape

from fogline.export import ExportError, default_what, export, export_ledger
from fogline.export.ledger import Ledger
from fogline.export.tables import date_cols

SCHEMA = Path(__file__).resolve().parents[2] / "src" / "fogline" / "contract" / "document.schema.json"


@pytest.fixture()
def ledger() -> Ledger:
    return sample_ledger.ledger()


def test_documents_jsonl_lines_validate_against_the_contract(ledger: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "docs.jsonl"
    assert export_ledger(ledger, "documents", "jsonl", out) == 5
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    lines = out.read_text(encoding="utf-8").splitlines()
    for line in lines:
        errors = list(validator.iter_errors(json.loads(line)))
        assert not errors, errors[0].message
    assert {json.loads(line)["doc_id"] for line in lines} == {"am1", "az1", "nk1", "sat1", "x1"}


def test_contract_copy_is_in_step_with_shared(shared: Path) -> None:
    theirs = json.loads((shared / "contract" / "document.schema.json").read_text(encoding="utf-8"))
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == theirs


@pytest.mark.parametrize("what,rows", [("documents", 5), ("events", 5), ("claims", 5), ("incidents", 4)],
                         ids=["documents", "events", "claims", "incidents"])
def test_parquet_reads_back_in_duckdb_and_pyarrow(ledger: Ledger, tmp_path: Path, what: str, rows: int) -> None:
    out = tmp_path / f"{what}.parquet"
    assert export_ledger(ledger, what, "parquet", out) == rows
    assert pq.read_table(out).num_rows == rows
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}')").fetchall() == [(rows,)]


def test_parquet_claims_join_incidents_in_duckdb(ledger: Ledger, tmp_path: Path) -> None:
    export_ledger(ledger, "claims", "parquet", tmp_path / "claims.parquet")
    export_ledger(ledger, "incidents", "parquet", tmp_path / "incidents.parquet")
    rows = duckdb.sql(
        f"SELECT i.incident_id, count(*) FROM read_parquet('{tmp_path / 'claims.parquet'}') c "
        f"JOIN read_parquet('{tmp_path / 'incidents.parquet'}') i USING (incident_id) "
        "GROUP BY 1 ORDER BY 1").fetchall()
    assert rows == [("inc-clash", 3), ("inc-drone", 1), ("inc-rumour", 1)]


@pytest.mark.parametrize("what", ["documents", "events", "claims", "incidents"])
def test_csv_reads_back_with_the_csv_module(ledger: Ledger, tmp_path: Path, what: str) -> None:
    out = tmp_path / f"{what}.csv"
    n = export_ledger(ledger, what, "csv", out)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == n > 0


def test_geojson_features_are_valid_points_in_lon_lat_order(ledger: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "incidents.geojson"
    assert export_ledger(ledger, "incidents", "geojson", out) == 4
    fc = json.loads(out.read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection"
    drone = next(f for f in fc["features"] if f["id"] == "inc-drone")
    geom = shape(drone["geometry"])
    assert geom.is_valid and (geom.x, geom.y) == (46.804, 40.019)
    assert drone["properties"]["fatalities_best"] == 3


@pytest.mark.parametrize("what,fmt", [("documents", "acled"), ("claims", "geojson"), ("incidents", "xlsx")],
                         ids=["acled-documents", "geojson-claims", "unknown-format"])
def test_impossible_exports_raise_a_clear_error(ledger: Ledger, tmp_path: Path, what: str, fmt: str) -> None:
    with pytest.raises(ExportError):
        export_ledger(ledger, what, fmt, tmp_path / "out")


def test_cli_default_documents_means_incidents_for_acled(tmp_path: Path) -> None:
    sample_ledger.fill_store(str(tmp_path / "s.duckdb"))
    from fogline.store import Store

    with Store.open(tmp_path / "s.duckdb") as store:
        assert export(store, "documents", "acled", tmp_path / "a.csv") == 2  # satire and undated left out
        assert export(store, None, "jsonl", tmp_path / "d.jsonl") == 5
    assert default_what("geojson") == "incidents"


@pytest.mark.parametrize("edtf,end,expected", [
    ("2020-12-11", None, ("2020-12-11", "2020-12-11")),
    ("2020-12-11?", None, ("2020-12-11", "2020-12-11")),
    ("2020-02", None, ("2020-02-01", "2020-02-29")),
    ("2020", None, ("2020-01-01", "2020-12-31")),
    ("2020-09-27/2020-09-29", None, ("2020-09-27", "2020-09-29")),
    ("2020-09-27", "2020-09-30", ("2020-09-27", "2020-09-30")),
    ("XXXX-03-24", None, (None, None)),
    (None, None, (None, None)),
], ids=["day", "uncertain-day", "month", "year", "interval", "span-with-end", "unknown-year", "none"])
def test_date_start_and_end_from_edtf(edtf: str | None, end: str | None,
                                      expected: tuple[str | None, str | None]) -> None:
    cols = date_cols(edtf, end)
    assert (cols["date"], cols["date_start"], cols["date_end"]) == (edtf, *expected)


@pytest.mark.parametrize("what", ["events", "incidents"], ids=["events", "incidents"])
def test_parquet_dates_are_dates_and_nulls_are_null(ledger: Ledger, tmp_path: Path, what: str) -> None:
    out = tmp_path / f"{what}.parquet"
    export_ledger(ledger, what, "parquet", out)
    table = pq.read_table(out)
    assert table.schema.field("date_start").type == pa.date32() and table.schema.field("date").type == pa.string()
    rows = table.to_pylist()
    dated = [r for r in rows if r["date"] and not r["date"].startswith("X")]
    assert dated and all(isinstance(r["date_start"], datetime.date) for r in dated)
    undated = [r for r in rows if r not in dated]
    assert all(r["date_start"] is None and r["date_end"] is None for r in undated)
    df = table.to_pandas()
    assert str(df["date_start"].astype("datetime64[ns]").dtype) == "datetime64[ns]"


def test_parquet_documents_have_a_publication_date(ledger: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "documents.parquet"
    export_ledger(ledger, "documents", "parquet", out)
    assert set(pq.read_table(out).column("published_date").to_pylist()) == {
        datetime.date(2020, 12, 12), datetime.date(2020, 12, 11), datetime.date(2022, 3, 26),
        datetime.date(2020, 12, 21), datetime.date(2020, 12, 10)}


def test_geojson_carries_iso_dates_for_a_time_slider(ledger: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "incidents.geojson"
    export_ledger(ledger, "incidents", "geojson", out)
    props = {f["id"]: f["properties"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]}
    assert (props["inc-clash"]["date_start"], props["inc-clash"]["date_end"]) == ("2020-12-11", "2020-12-11")
    assert props["inc-rumour"]["date_start"] is None
