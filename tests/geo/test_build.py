"""The gazetteer compiler on small Who's On First and GeoNames fixtures we wrote, and the shipped layers."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fogline.cli.gazetteer import app
from fogline.geo.build import build
from fogline.geo.gazetteer import GazetteerError, load_gazetteer, read_layer
from fogline.geo.textnorm import key

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def gn_layer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gz") / "xx.json.gz"
    build(geonames=DATA / "XX.txt", alternate_names=DATA / "alternateNames.txt", out=out)
    return out


def test_geonames_rows_become_entries(gn_layer: Path) -> None:
    gaz = load_gazetteer([str(gn_layer)])
    zorvan = gaz.get("geonames:900001")
    assert zorvan is not None and zorvan.country == "ARM" and zorvan.placetype == "locality"
    assert (zorvan.admin1, zorvan.admin2) == ("Tavush", "Berdik District")
    assert zorvan.wikidata == "Q999001" and zorvan.population == 1200
    assert gaz.get("geonames:900030") is None  # a mountain is no settlement
    assert gaz.get("geonames:900011").placetype == "county"  # type: ignore[union-attr]


@pytest.mark.parametrize(("written", "gid"), [
    ("Zorwan", "geonames:900001"), ("Zorvani", "geonames:900001"), ("Zorvan Village", "geonames:900001"),
    ("Berdik", "geonames:900011"),
], ids=["alt-in-row", "alt-georgian-style", "alternate-names-file", "strip-district"])
def test_geonames_names_and_alternates_are_keys(gn_layer: Path, written: str, gid: str) -> None:
    gaz = load_gazetteer([str(gn_layer)])
    assert gid in {gaz.entries[h.entry].gid for h in gaz.keys[key(written)]}


def test_link_rows_are_not_names(gn_layer: Path) -> None:
    gaz = load_gazetteer([str(gn_layer)])
    assert all("https" not in n for e in gaz.entries for n in e.names)


def test_wof_tree(tmp_path: Path) -> None:
    out = tmp_path / "w.json.gz"
    assert build(wof=[DATA / "wof"], out=out) == 2  # the record that is no longer current is skipped
    gaz = load_gazetteer([str(out)])
    village = gaz.get("wof:1002")
    assert village is not None and village.admin1 == "Gamarli" and village.geonames == 555001
    assert village.parents == ("wof:1001",)
    hits = {gaz.entries[h.entry].gid: h.rules for h in gaz.keys[key("Khanbagy")]}
    assert "wof:1002" in hits


def test_cli_build(tmp_path: Path) -> None:
    out = tmp_path / "cli.json.gz"
    r = CliRunner().invoke(app, ["build", "--geonames", str(DATA / "XX.txt"), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert read_layer(out)["layer"] == "cli"


def test_cli_build_without_sources_fails_clearly(tmp_path: Path) -> None:
    r = CliRunner().invoke(app, ["build", "--out", str(tmp_path / "none.json.gz")])
    assert r.exit_code == 2 and "nothing to compile" in r.output


def test_unknown_layer_names_the_problem() -> None:
    with pytest.raises(GazetteerError, match="no-such-layer"):
        load_gazetteer(["no-such-layer"])


def test_shipped_layers(res) -> None:  # noqa: ANN001
    gaz = res.geo.gazetteer
    assert {"az-am", "world"} <= set(gaz.layers)
    assert len(gaz.entries) > 8000
    karakhanbeyli = [gaz.entries[h.entry] for h in gaz.keys[key("Qaraxanbəyli")]]
    assert {round(e.lat, 2) for e in karakhanbeyli} >= {39.6, 39.19}


@pytest.mark.parametrize(("gid", "lat", "lon"), [
    ("ne:RUS", 61.52, 105.32), ("ne:USA", 37.09, -95.71), ("ne:BLR", 53.71, 27.95), ("ne:PSE", 31.95, 35.23),
], ids=["russia-not-its-label-point", "united-states", "belarus", "palestine"])
def test_country_is_placed_at_its_centre_point(res, gid: str, lat: float, lon: float) -> None:  # noqa: ANN001
    country = res.geo.gazetteer.get(gid)
    assert country is not None and (round(country.lat, 2), round(country.lon, 2)) == (lat, lon)


@pytest.mark.parametrize(("ring", "inside"), [
    ([(0, 0), (4, 0), (4, 2), (0, 2), (0, 0)], (1.0, 2.0)),
    ([(0, 0), (6, 0), (6, 1), (1, 1), (1, 5), (6, 5), (6, 6), (0, 6), (0, 0)], None),
], ids=["box-centroid", "c-shape-takes-a-point-inside"])
def test_centroid_of_an_outline(ring: list[tuple[int, int]], inside: tuple[float, float] | None) -> None:
    from shapely.geometry import Point, Polygon

    from fogline.geo.build import _centroid

    lat, lon = _centroid({"type": "Polygon", "coordinates": [ring]})
    assert Polygon(ring).contains(Point(lon, lat))
    if inside is not None:
        assert (round(lat, 1), round(lon, 1)) == inside
