"""The world layer's columnar lookup."""

from __future__ import annotations

import pytest

from fogline.geo.cities import CityLayer, shipped_cities
from fogline.geo.textnorm import key


@pytest.fixture(scope="module")
def layer() -> CityLayer:
    path = shipped_cities()
    assert path is not None
    return CityLayer(path)


@pytest.mark.parametrize("name", ["Kharkiv", "Springfield", "Gao", "Salem"],
                         ids=["one-city", "many-namesakes", "short-name", "us-and-elsewhere"])
def test_lookup_finds_only_places_of_that_name(layer: CityLayer, name: str) -> None:
    hits = layer.lookup(key(name))
    assert hits
    for row, ni in hits:
        assert layer.name(row, ni) == layer.names(row)[ni]
        assert key(layer.name(row, ni)) == key(name)
