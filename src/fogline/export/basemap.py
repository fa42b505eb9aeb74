"""Country and district outlines: ISO codes and names, and which region a point lies in.

Countries come from ``data/basemap/countries.geojson`` (Natural Earth, public domain); districts from
the gazetteer's ``data/gazetteer/districts.geojson`` when it is installed. The maps themselves draw
the layers of ``basemap_layers`` with Leaflet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

_PKG = "fogline"


@dataclass(frozen=True, slots=True)
class Outline:
    """One named area: a country (``kind`` "country") or a district."""

    name: str
    code: str | None
    kind: str
    geom: BaseGeometry


def _read_geojson(*parts: str) -> list[dict[str, Any]]:
    node = resources.files(_PKG).joinpath("data", *parts)
    if not node.is_file():
        return []
    data = json.loads(node.read_text(encoding="utf-8"))
    return list(data.get("features", []))


@lru_cache(maxsize=1)
def countries() -> tuple[Outline, ...]:
    out = []
    for f in _read_geojson("basemap", "countries.geojson"):
        p = f.get("properties") or {}
        out.append(Outline(str(p.get("name", "")), p.get("iso_a3"), "country", shape(f["geometry"])))
    return tuple(out)


@lru_cache(maxsize=1)
def districts() -> tuple[Outline, ...]:
    out = []
    for f in _read_geojson("gazetteer", "districts.geojson"):
        p = f.get("properties") or {}
        geom = f.get("geometry")
        if not geom or geom.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        name = p.get("name") or p.get("name_en") or p.get("wof:name") or ""
        out.append(Outline(str(name), p.get("id") or p.get("gazetteer_id"), "district", shape(geom)))
    return tuple(out)


def country_name(iso_a3: str | None) -> str | None:
    """English name of an ISO 3166-1 alpha-3 code, from the basemap (None when unknown)."""
    if not iso_a3:
        return None
    return next((c.name for c in countries() if c.code == iso_a3), None)


def country_numeric(iso_a3: str | None) -> int | None:
    """ISO 3166-1 numeric code (ACLED's ``iso``) of an alpha-3 code, when the basemap knows it."""
    return _numeric_codes().get(iso_a3) if iso_a3 else None


@lru_cache(maxsize=1)
def _numeric_codes() -> dict[str, int]:
    out: dict[str, int] = {}
    for f in _read_geojson("basemap", "countries.geojson"):
        p = f.get("properties") or {}
        try:
            out[str(p.get("iso_a3"))] = int(p.get("iso_n3"))
        except (TypeError, ValueError):
            continue
    return out


class OutlineMatcher:
    """``PlaceMatcher`` over the basemap: is a point inside the country or district called NAME?"""

    def contains(self, region: str, lat: float, lon: float) -> bool:
        want = region.strip().lower()
        pt = Point(lon, lat)
        for o in (*countries(), *districts()):
            if (o.name.lower() == want or (o.code or "").lower() == want) and o.geom.contains(pt):
                return True
        return False


def basemap_path() -> Path:
    return Path(str(resources.files(_PKG).joinpath("data", "basemap", "countries.geojson")))
