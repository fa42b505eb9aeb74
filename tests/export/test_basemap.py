"""Outlines and projection for the offline map."""

from __future__ import annotations

import pytest

from fogline.export.basemap import OutlineMatcher, Projection, country_name, country_numeric, outline_paths


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


def test_projection_frames_points_and_keeps_aspect() -> None:
    proj = Projection.fit([(46.8, 40.0), (47.0, 39.5)])
    for lon, lat in [(46.8, 40.0), (47.0, 39.5)]:
        x, y = proj.xy(lon, lat)
        assert 0 < x < proj.width and 0 < y < proj.height
    assert 1.5 < proj.width / proj.height < 1.7


def test_outline_paths_cover_the_caucasus() -> None:
    names = {p.name for p in outline_paths(Projection.fit([(45.0, 40.0), (47.0, 39.5)])) if p.kind == "country"}
    assert {"Armenia", "Azerbaijan", "Iran"} <= names
