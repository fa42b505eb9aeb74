"""Runs of capitalised words: the fast scan finds what the plain one finds."""

from __future__ import annotations

import pytest

from fogline.geo import runs


@pytest.mark.parametrize("text", [
    "Fighting in Ras al-Ain and Santa Cruz de la Sierra, said McDonald's iPhone seller.",
    "A café in São Paulo; ÉTÉ rally. xal-Ain, abcd-Efg, d'Ivoire and O'Brien met in Côte d'Ivoire.",
    "THE YORKSHIRE DALES GET A FAR EASTERN TWIST -Kyiv a-B ’Q x’R 'S",
], ids=["particles", "accents-and-prefixes", "capitals-and-hyphens"])
def test_name_runs_equal_the_plain_scan(text: str) -> None:
    fast = [(m.start(), m.end()) for m in runs._name_runs(text)]
    assert fast == [(m.start(), m.end()) for m in runs._NAME_RUN.finditer(text)]
