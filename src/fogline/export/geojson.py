"""GeoJSON FeatureCollections (RFC 7946: lon, lat order, WGS 84) of incidents or events."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fogline.export.ledger import Ledger
from fogline.export.tables import event_rows, incident_rows

_SKIP = {"latitude", "longitude"}


def _feature(row: dict[str, Any], id_key: str) -> dict[str, Any] | None:
    lat, lon = row.get("latitude"), row.get("longitude")
    if lat is None or lon is None:
        return None
    props = {k: v for k, v in row.items() if k not in _SKIP}
    return {
        "type": "Feature", "id": row[id_key],
        "geometry": {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]},
        "properties": props,
    }


def features(ledger: Ledger, what: str = "incidents") -> Iterator[dict[str, Any]]:
    """Point features for every placed incident (or event), one at a time; unplaced ones are left out."""
    if what == "incidents":
        rows, key = incident_rows(ledger), "incident_id"
    elif what == "events":
        rows, key = ({**r, "id": f"{r['doc_id']}:{r['event_id']}"} for r in event_rows(ledger)), "id"
    else:
        raise ValueError(f"GeoJSON export holds incidents or events, not {what!r}")
    return (f for f in (_feature(r, key) for r in rows) if f is not None)


def feature_collection(ledger: Ledger, what: str = "incidents") -> dict[str, Any]:
    """Point features for every placed incident (or event); unplaced ones are left out."""
    return {"type": "FeatureCollection", "features": list(features(ledger, what))}
