"""Exports for the field's tools: JSON Lines (the contract), CSV, ACLED CSV, Parquet and GeoJSON.

``export(store, what, fmt, out)`` is the one entry point ``fogline export`` calls; it returns the
number of rows (lines, features) written.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from fogline.export.acled import COLUMNS as ACLED_COLUMNS
from fogline.export.acled import EXTRAS as ACLED_EXTRAS
from fogline.export.acled import acled_rows
from fogline.export.geojson import feature_collection
from fogline.export.ledger import DocumentSource, Filters, Ledger
from fogline.export.tables import ROWS, SCHEMAS

What = Literal["documents", "events", "claims", "incidents"]
Format = Literal["jsonl", "csv", "parquet", "geojson", "acled"]
WHATS: tuple[str, ...] = ("documents", "events", "claims", "incidents")
FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "geojson", "acled")

__all__ = ["FORMATS", "WHATS", "ExportError", "Filters", "Ledger", "default_what", "export", "export_ledger"]


class ExportError(ValueError):
    """An export that cannot be made (an unknown format, or a format that cannot hold that table)."""


def default_what(fmt: str) -> str:
    """The table a format exports when none is named: incidents for maps and ACLED, else documents."""
    return "incidents" if fmt in ("acled", "geojson") else "documents"


def export(store: DocumentSource, what: str | None, fmt: str, out: Path) -> int:
    """Write ``what`` from ``store`` to ``out`` as ``fmt``; return the number of rows written.

    ACLED and GeoJSON cannot hold documents, so ``what="documents"`` (the CLI's default) means
    incidents for them."""
    if what is None or (what == "documents" and fmt in ("acled", "geojson")):
        what = default_what(fmt)
    return export_ledger(Ledger.from_store(store), what, fmt, Path(out))


def export_ledger(ledger: Ledger, what: str, fmt: str, out: Path) -> int:
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if what not in WHATS:
        raise ExportError(f"unknown table {what!r}; use one of {', '.join(WHATS)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "acled":
        if what != "incidents":
            raise ExportError("ACLED CSV has one row per incident: use --what incidents")
        return _write_csv(acled_rows(ledger), [*ACLED_COLUMNS, *ACLED_EXTRAS], out)
    if fmt == "geojson":
        if what not in ("incidents", "events"):
            raise ExportError(f"GeoJSON holds incidents or events, not {what}")
        fc = feature_collection(ledger, what)
        out.write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")
        return len(fc["features"])
    if fmt == "jsonl":
        return _write_jsonl(_json_records(ledger, what), out)
    rows = list(ROWS[what](ledger))
    if fmt == "csv":
        return _write_csv(rows, SCHEMAS[what].names, out)
    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[what]), out)
    return len(rows)


def _json_records(ledger: Ledger, what: str) -> Iterable[dict[str, Any]]:
    if what == "documents":
        return (d.to_contract() for d in ledger.documents.values())
    if what == "incidents":
        return (i.to_dict() for i in ledger.incidents)
    return ROWS[what](ledger)


def _write_jsonl(records: Iterable[dict[str, Any]], out: Path) -> int:
    n = 0
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


def _write_csv(rows: Iterable[dict[str, Any]], columns: list[str], out: Path) -> int:
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
            n += 1
    return n


def _cell(v: Any) -> Any:
    if isinstance(v, list):
        return "; ".join(str(x) for x in v)
    if isinstance(v, bool):
        return str(v).lower()
    return "" if v is None else v
