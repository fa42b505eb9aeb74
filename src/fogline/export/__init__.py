"""Exports for the field's tools: JSON Lines (the contract), CSV, ACLED CSV, Parquet and GeoJSON.

``export(store, what, fmt, out)`` is the one entry point ``fogline export`` calls; it returns the
number of rows (lines, features) written. Rows stream from the store in batches (bounded memory) into
``OUT.part``, renamed to ``OUT`` once complete; a write error (a full disk) raises ExportError and
leaves no partial file. CSV and ACLED cells that a spreadsheet would run as a formula (leading ``=``,
``+``, ``-``, ``@``, tab or CR, OWASP's list) get a leading single quote unless ``raw_cells``.
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from fogline.export.acled import COLUMNS as ACLED_COLUMNS
from fogline.export.acled import EXTRAS as ACLED_EXTRAS
from fogline.export.acled import acled_rows
from fogline.export.geojson import features
from fogline.export.ledger import DocumentSource, Filters, Ledger
from fogline.export.tables import DATE_COLUMNS, ROWS, SCHEMAS

What = Literal["documents", "events", "claims", "incidents"]
Format = Literal["jsonl", "csv", "parquet", "geojson", "acled"]
WHATS: tuple[str, ...] = ("documents", "events", "claims", "incidents")
FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "geojson", "acled")

__all__ = ["FORMATS", "WHATS", "ExportError", "Filters", "Ledger", "default_what", "export", "export_ledger",
           "format_of", "neutralise"]


class ExportError(ValueError):
    """An export that cannot be made (an unknown format, or a format that cannot hold that table)."""


def write_error(out: Path, exc: OSError) -> ExportError:
    """``out`` cannot be written: the reason, and the file it concerns when another (a file where its folder
    should be)."""
    other = exc.filename is not None and str(exc.filename) not in (str(out), f"{out}.part")
    return ExportError(f"{out}: cannot write: {f'{exc.filename}: ' if other else ''}{exc.strerror or exc}")


def default_what(fmt: str) -> str:
    """The table a format exports when none is named: incidents for maps and ACLED, else documents."""
    return "incidents" if fmt in ("acled", "geojson") else "documents"


def export(store: DocumentSource, what: str | None, fmt: str, out: Path, raw_cells: bool = False,
           skipped: Counter[str] | None = None) -> int:
    """Write ``what`` from ``store`` to ``out`` as ``fmt``; return the number of rows written.

    ACLED and GeoJSON cannot hold documents, so ``what="documents"`` (the CLI's default) means
    incidents for them. ``skipped`` counts, by reason, the incidents left out of an ACLED file
    (undated, unplaced, satire only)."""
    if what is None or (what == "documents" and fmt in ("acled", "geojson")):
        what = default_what(fmt)
    lazy = hasattr(store, "doc_outlets")
    ledger = Ledger.from_store(store, lazy=lazy, incidents=what != "documents", stream=lazy)
    return export_ledger(ledger, what, fmt, Path(out), raw_cells=raw_cells, skipped=skipped)


def format_of(path: Path) -> str | None:
    """The export format a file name implies (``.parquet`` -> parquet), or None for an unknown extension."""
    return _EXTENSIONS.get(Path(path).suffix.lower())


_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet",
               ".geojson": "geojson"}


def export_ledger(ledger: Ledger, what: str, fmt: str, out: Path, raw_cells: bool = False,
                  skipped: Counter[str] | None = None) -> int:
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if what not in WHATS:
        raise ExportError(f"unknown table {what!r}; use one of {', '.join(WHATS)}")
    if fmt == "acled" and what != "incidents":
        raise ExportError("ACLED CSV has one row per incident: use --what incidents")
    if fmt == "geojson" and what not in ("incidents", "events"):
        raise ExportError(f"GeoJSON holds incidents or events, not {what}")
    part = out.with_name(out.name + ".part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        n = _write(ledger, what, fmt, part, raw_cells, skipped)
        part.replace(out)
    except OSError as exc:
        raise write_error(out, exc) from exc
    finally:
        with contextlib.suppress(OSError):  # a folder in the way: no part to remove (the error above says why)
            part.unlink(missing_ok=True)  # whatever stopped the export (after the rename there is none)
    return n


def _write(ledger: Ledger, what: str, fmt: str, out: Path, raw_cells: bool, skipped: Counter[str] | None) -> int:
    if fmt == "acled":
        return _write_csv(acled_rows(ledger, skipped), [*ACLED_COLUMNS, *ACLED_EXTRAS], out, raw_cells)
    if fmt == "geojson":
        return _write_geojson(ledger, what, out)
    if fmt == "jsonl":
        return _write_jsonl(_json_records(ledger, what), out)
    if fmt == "csv":
        return _write_csv(ROWS[what](ledger), SCHEMAS[what].names, out, raw_cells)
    return _write_parquet(ROWS[what](ledger), what, out)


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


def _write_geojson(ledger: Ledger, what: str, out: Path) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        fh.write('{"type": "FeatureCollection", "features": [')
        for feature in features(ledger, what):
            fh.write((", " if n else "") + json.dumps(feature, ensure_ascii=False))
            n += 1
        fh.write("]}")
    return n


PARQUET_BATCH = 250
"""Rows per Parquet row group: each batch is built as an Arrow table in memory (1,000 articles cost ~90 MB)."""


def _write_parquet(rows: Iterable[dict[str, Any]], what: str, out: Path) -> int:
    n, schema = 0, SCHEMAS[what]
    with pq.ParquetWriter(out, schema) as writer:
        it = iter(rows)
        while batch := [_typed(r, DATE_COLUMNS[what]) for r in itertools.islice(it, PARQUET_BATCH)]:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
        if not n:
            writer.write_table(schema.empty_table())
    return n


def _typed(row: dict[str, Any], date_columns: list[str]) -> dict[str, Any]:
    """ISO day strings of ``date_columns`` as dates, for Arrow's date32."""
    for col in date_columns:
        if row.get(col) is not None:
            row[col] = date.fromisoformat(row[col])
    return row


def _write_csv(rows: Iterable[dict[str, Any]], columns: list[str], out: Path, raw_cells: bool = False) -> int:
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v, raw_cells) for k, v in row.items()})
            n += 1
    return n


FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def neutralise(text: str) -> str:
    """A cell a spreadsheet would read as a formula, prefixed with a single quote (OWASP CSV injection);
    plain numbers (``-12.5``) stay as they are."""
    if text.startswith(FORMULA_LEAD) and not _NUMBER.match(text):
        return "'" + text
    return text


def _cell(v: Any, raw: bool = False) -> Any:
    if isinstance(v, list):
        v = "; ".join(str(x) for x in v)
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, str) and not raw:
        return neutralise(v)
    return "" if v is None else v
