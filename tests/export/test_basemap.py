"""Outlines, ISO codes and the offline basemap layers the maps draw."""

from __future__ import annotations

import pytest

from fogline.export.basemap import OutlineMatcher, country_name, country_numeric
from fogline.export.basemap_layers import LAYERS, build_layers, layers


@pytest.mark.parametrize("code,name,numeric", [("AZE", "Azerbaijan", 31), ("ARM", "Armenia", 51),
                                                ("GEO", "Georgia", 268)], ids=["AZE", "ARM", "GEO"])
def test_country_codes(code: str, name: str, numeric: int) -> None:
    assert (country_name(code), country_numeric(code)) == (name, numeric)


@pytest.mark.parametrize("region,lat,lon,inside", [
    ("Armenia", 40.18, 44.51, True),      # Yerevan
    ("Azerbaijan", 40.41, 49.87, True),   # Baku
    ("Armenia", 40.41, 49.87, False),
], ids=["yerevan-in-armenia", "baku-in-azerbaijan", "baku-not-in-armenia"])
def test_outline_matcher(region: str, lat: float, lon: float, inside: bool) -> None:
    assert OutlineMatcher().contains(region, lat, lon) is inside


@pytest.mark.parametrize("layer,needed", [
    ("admin0", {"Armenia", "Azerbaijan", "Georgia", "Iran"}),
    ("districts", set()),
    ("places", {"Yerevan", "Baku", "Tbilisi", "Stepanakert"}),
], ids=["countries", "districts", "places"])
def test_layers_cut_to_the_caucasus(layer: str, needed: set[str]) -> None:
    got = layers((43.0, 38.0, 51.5, 43.0))[layer]["features"]
    names = {f["properties"].get("name") for f in got}
    assert got and needed <= names
    assert "Lima" not in names and "Peru" not in names


def test_every_layer_ships() -> None:
    whole = layers()
    assert set(whole) == set(LAYERS)
    assert len(whole["admin0"]["features"]) > 200 and len(whole["places"]["features"]) > 5000
    assert {f["properties"]["rank"] for f in whole["places"]["features"][:50]} <= set(range(11))


def test_build_layers_from_natural_earth(shared, tmp_path) -> None:  # type: ignore[no-untyped-def]
    counts = build_layers(shared / "data" / "naturalearth", tmp_path)
    assert counts["admin0"] > 200 and counts["places"] > 5000
    assert (tmp_path / "admin1.geojson").stat().st_size > 10_000
