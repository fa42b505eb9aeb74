"""The offline vector basemap the Leaflet maps draw: GeoJSON layers built once from Natural Earth.

``build_layers(ne_dir, out_dir)`` writes ``admin0.geojson`` (country outlines), ``admin1.geojson``
(first-level subdivisions where Natural Earth has them at 1:50m) and ``places.geojson`` (populated
places with a rank for labelling) into ``data/basemap``; ``python -m fogline.export.basemap_layers``
rebuilds them from ``../shared/data/naturalearth``. ``layers(bbox)`` reads them back, optionally cut
to a box, for the report (which inlines them) and the workspace (which fetches them).
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from shapely.geometry import box, mapping, shape

LAYERS = ("admin0", "admin1", "districts", "places")
SIMPLIFY_DEG = 0.01
Bbox = tuple[float, float, float, float]  # west, south, east, north


def _round(coords: Any, digits: int) -> Any:
    if isinstance(coords, (int, float)):
        return round(float(coords), digits)
    return [_round(c, digits) for c in coords]


def _feature(geom: Any, props: dict[str, Any], digits: int = 3) -> dict[str, Any]:
    g = mapping(geom)
    return {"type": "Feature", "properties": props, "geometry": {"type": g["type"],
                                                                "coordinates": _round(g["coordinates"], digits)}}


def _outlines(path: Path, props: Any) -> list[dict[str, Any]]:
    out = []
    for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
        geom = shape(f["geometry"]).simplify(SIMPLIFY_DEG, preserve_topology=True)
        if not geom.is_empty:
            out.append(_feature(geom, props(f["properties"]), 2))
    return out


def _places(path: Path) -> list[dict[str, Any]]:
    out = []
    for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
        p = f["properties"]
        props = {"name": p["name"], "rank": int(p.get("scalerank") or 10), "capital": bool(p.get("adm0cap"))}
        out.append({"type": "Feature", "properties": props,
                    "geometry": {"type": "Point", "coordinates": _round(f["geometry"]["coordinates"], 3)}})
    return out


def build_layers(ne_dir: Path, out_dir: Path) -> dict[str, int]:
    """Write the basemap layers from the Natural Earth files in ``ne_dir``; features per layer."""
    built = {
        "admin0": _outlines(ne_dir / "ne_50m_admin_0_countries.geojson",
                            lambda p: {"name": p["NAME"], "iso_a3": p["ADM0_A3"]}),
        "admin1": _outlines(ne_dir / "ne_50m_admin_1_states_provinces.geojson",
                            lambda p: {"name": p["name"], "country": p.get("adm0_a3")}),
        "places": _places(ne_dir / "ne_10m_populated_places_simple.geojson"),
    }
    for name, feats in built.items():
        doc = {"type": "FeatureCollection", "version": 1,
               "attribution": "Made with Natural Earth (public domain)", "features": feats}
        (out_dir / f"{name}.geojson").write_text(json.dumps(doc, separators=(",", ":")), encoding="utf-8")
    return {k: len(v) for k, v in built.items()}


@lru_cache(maxsize=8)
def layer_text(name: str) -> str:
    """One layer as GeoJSON text (``districts`` comes from the gazetteer); an empty collection if absent."""
    if name not in LAYERS:
        raise KeyError(name)
    parts = ("gazetteer", "districts.geojson") if name == "districts" else ("basemap", f"{name}.geojson")
    node = resources.files("fogline").joinpath("data", *parts)
    if not node.is_file():
        return '{"type":"FeatureCollection","features":[]}'
    return node.read_text(encoding="utf-8")


def layers(bbox: Bbox | None = None) -> dict[str, dict[str, Any]]:
    """Every layer as a GeoJSON dict, keeping only features that touch ``bbox`` when one is given."""
    out = {}
    area = box(*bbox) if bbox else None
    for name in LAYERS:
        doc = json.loads(layer_text(name))
        feats = doc.get("features", [])
        if area is not None:
            feats = [f for f in feats if f.get("geometry") and shape(f["geometry"]).intersects(area)]
        out[name] = {"type": "FeatureCollection", "features": feats}
    return out


if __name__ == "__main__":  # pragma: no cover - a maintainer's rebuild
    ne = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/data/naturalearth")
    dest = Path(str(resources.files("fogline").joinpath("data", "basemap")))
    print(build_layers(ne, dest))
