"""Which places two tellings of an event may share (assemble._places_agree)."""

from __future__ import annotations

import pytest

from fogline.extract.assemble import _places_agree
from fogline.model import Place

BROXBOURNE = Place("Broxbourne", 51.747, -0.019, 1, "gn:1", "GBR", "England", placetype="locality")
HERTS = Place("Hertfordshire", 51.81, -0.24, 3, "ne1:herts", "GBR", "Hertfordshire", placetype="region")
KNOWSLEY = Place("Knowsley", 53.45, -2.85, 3, "ne1:knowsley", "GBR", "Knowsley", placetype="region")
MINSK_FOCUS = Place("Minsk", 53.90, 27.56, 3, "gn:2", "BLR", None, placetype="locality")
GRODNO = Place("Grodno", 53.68, 23.83, 1, "gn:3", "BLR", None, placetype="locality")


@pytest.mark.parametrize(("a", "b", "agree"), [
    (HERTS, BROXBOURNE, True), (KNOWSLEY, BROXBOURNE, False), (MINSK_FOCUS, GRODNO, True), (BROXBOURNE, None, True),
], ids=["county-holds-its-town", "far-borough-does-not-hold-a-town", "country-level-focus-holds-any", "no-place"])
def test_places_agree(a: Place, b: Place | None, agree: bool) -> None:
    assert _places_agree(a, b) is agree
