"""Country and district outlines for offline maps, a simple projection, and SVG path strings.

Countries come from ``data/basemap/countries.geojson`` (Natural Earth, public domain); districts from
the gazetteer's ``data/gazetteer/districts.geojson`` when it is installed. The projection is
equirectangular scaled by the cosine of the middle latitude: adequate for a region the size of the
Caucasus and trivial to invert in the browser.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from shapely.geometry import Point, box, shape
from shapely.geometry.base import BaseGeometry

_PKG = "fogline"
MIN_SPAN_DEG = 2.0  # the map never shows less than this many degrees of latitude
DEFAULT_BOUNDS = (43.0, 38.0, 51.5, 43.0)  # lon/lat box of the South Caucasus, when nothing is placed


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


@dataclass(frozen=True, slots=True)
class Projection:
    """Equirectangular projection of a lon/lat box onto a ``width`` x ``height`` viewport."""

    west: float
    south: float
    east: float
    north: float
    width: float
    height: float

    @classmethod
    def fit(cls, points: list[tuple[float, float]], width: float = 800.0, pad: float = 0.25) -> Projection:
        """A projection framing ``points`` (lon, lat) with a margin; the height follows the aspect."""
        if points:
            lons, lats = [p[0] for p in points], [p[1] for p in points]
            w, s, e, n = min(lons), min(lats), max(lons), max(lats)
        else:
            w, s, e, n = DEFAULT_BOUNDS
        w, s, e, n = _grow(w, s, e, n, pad)
        k = math.cos(math.radians((s + n) / 2))
        height = width * (n - s) / max((e - w) * k, 1e-9)
        return cls(w, s, e, n, width, round(height, 1))

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.west) / (self.east - self.west) * self.width
        y = (self.north - lat) / (self.north - self.south) * self.height
        return round(x, 1), round(y, 1)

    def to_dict(self) -> dict[str, float]:
        return {"west": self.west, "south": self.south, "east": self.east, "north": self.north,
                "width": self.width, "height": self.height}


def _grow(w: float, s: float, e: float, n: float, pad: float) -> tuple[float, float, float, float]:
    """Pad the box, keep at least ``MIN_SPAN_DEG`` of latitude and a 16:10 projected aspect."""
    k = math.cos(math.radians((s + n) / 2))
    span = max(n - s, MIN_SPAN_DEG)
    cy, cx = (s + n) / 2, (w + e) / 2
    half_h = span * (0.5 + pad)
    half_w = max((e - w) / 2 + (e - w) * pad, 1.6 * half_h / k)
    half_h = max(half_h, half_w * k / 1.6)
    return cx - half_w, max(cy - half_h, -85.0), cx + half_w, min(cy + half_h, 85.0)


def svg_path(geom: BaseGeometry, proj: Projection) -> str:
    """SVG path data for the polygons of ``geom`` projected by ``proj``."""
    polys = getattr(geom, "geoms", [geom])
    parts: list[str] = []
    for poly in polys:
        if poly.is_empty or poly.geom_type != "Polygon":
            continue
        for ring in (poly.exterior, *poly.interiors):
            pts = [proj.xy(x, y) for x, y in ring.coords]
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in pts) + "Z")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class ShapePath:
    name: str
    kind: str
    d: str
    label_x: float | None = None
    label_y: float | None = None


def outline_paths(proj: Projection) -> list[ShapePath]:
    """Countries and districts clipped to the projection's box, as SVG paths (countries first)."""
    frame = box(proj.west, proj.south, proj.east, proj.north)
    tolerance = (proj.east - proj.west) / proj.width / 2
    out: list[ShapePath] = []
    for o in (*countries(), *districts()):
        if not o.geom.intersects(frame):
            continue
        clipped = o.geom.intersection(frame).simplify(tolerance, preserve_topology=True)
        d = svg_path(clipped, proj)
        if not d:
            continue
        if o.kind == "country" and clipped.area > 0.02 * frame.area:
            pt = clipped.representative_point()
            lx, ly = proj.xy(pt.x, pt.y)
            out.append(ShapePath(o.name, o.kind, d, lx, ly))
        else:
            out.append(ShapePath(o.name, o.kind, d))
    return out


def basemap_path() -> Path:
    return Path(str(resources.files(_PKG).joinpath("data", "basemap", "countries.geojson")))
