"""Streamed downloads of the filtered incidents: CSV, GeoJSON and ACLED-style CSV, row by row."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from fogline.export.acled import COLUMNS as ACLED_COLUMNS
from fogline.export.acled import EXTRAS as ACLED_EXTRAS
from fogline.export.acled import acled_rows
from fogline.export.ledger import Ledger
from fogline.export.tables import SCHEMAS, incident_rows

FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")


def cell(v: Any) -> Any:
    """A CSV cell: lists joined, booleans lower-case, formula-leading text made inert (OWASP)."""
    if isinstance(v, list):
        v = "; ".join(str(x) for x in v)
    if isinstance(v, bool):
        return str(v).lower()
    if v is None:
        return ""
    if isinstance(v, str) and v.startswith(FORMULA_LEAD):
        return "'" + v
    return v


def csv_stream(rows: Iterable[dict[str, Any]], columns: list[str]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: cell(v) for k, v in row.items()})
        if buf.tell() > 32_000:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def incidents_csv(ledger: Ledger) -> Iterator[str]:
    return csv_stream(incident_rows(ledger), SCHEMAS["incidents"].names)


def acled_csv(ledger: Ledger) -> Iterator[str]:
    return csv_stream(acled_rows(ledger), [*ACLED_COLUMNS, *ACLED_EXTRAS])


def incidents_geojson(ledger: Ledger) -> Iterator[str]:
    """A FeatureCollection (RFC 7946), one feature at a time; unplaced incidents are left out."""
    yield '{"type":"FeatureCollection","features":['
    first = True
    for row in incident_rows(ledger):
        lat, lon = row.pop("latitude"), row.pop("longitude")
        if lat is None or lon is None:
            continue
        feat = {"type": "Feature", "id": row["incident_id"], "properties": row,
                "geometry": {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]}}
        yield ("" if first else ",") + json.dumps(feat, ensure_ascii=False)
        first = False
    yield "]}"
