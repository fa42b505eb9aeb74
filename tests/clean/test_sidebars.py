"""Headlines of other stories cut as navigation (clean/sidebars.py); articles written for these tests."""

from __future__ import annotations

import pytest

from fogline.clean import sidebars
from fogline.clean.lines import Label, split_lines

RELATED = (
    "Troops shelled the village on Monday, officials said.\n\n"
    "Heiress files lawsuit against her stepfather\n\n"
    "Firefighters rescue cat from a burning roof\n\n"
    "Singer cancels tour after a sore throat\n\n"
    "Bear raids a grocery store for snacks\n\n"
    "The shelling went on until the evening, residents said."
)
CAPTIONS = (
    "Protesters marched to the ministry on Sunday, organisers said.\n\n"
    "Protesters march past the ministry\n\n"
    "Police line up at the gates\n\n"
    "The march ended peacefully in the evening."
)


@pytest.mark.parametrize(("raw", "cut"), [(RELATED, 4), (CAPTIONS, 0)], ids=["related-headlines", "two-captions"])
def test_related_headlines(raw: str, cut: int) -> None:
    lines = split_lines(raw)
    labels: list[Label | None] = [None] * len(lines)
    sidebars.label(lines, labels, 4, 16)
    got = [lab for lab in labels if lab is not None]
    assert len(got) == cut
    assert all(lab.kind == "navigation" and lab.reason == "related_headlines" for lab in got)
