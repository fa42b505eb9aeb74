"""Quality floors for place resolution (``fogline eval --only geo``), pinned a little under what we reach.

Runs the pipeline on all 430 ACLED Armenia notes twice (about 4-5 s each): through ``geo`` only, so the
figure measures place resolution itself, and through ``extract``, so it measures the event's location
(extract/locate.py) too. Reached: 0.953 / 0.005 places only, 0.956 / 0.005 with events.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fogline.evaluate.geo import run
from fogline.resources import Resources

FLOORS = {"main location within 5 km": 0.94}
CEILINGS = {"main location > 25 km (wrong)": 0.012, "no main location": 0.04}


@pytest.mark.parametrize("with_events", [False, True], ids=["places-only", "with-events"])
def test_acled_armenia_floors(shared: Path, res: Resources, with_events: bool) -> None:
    got = {m.name: m.value for m in run(shared, res, with_events=with_events)}
    for name, floor in FLOORS.items():
        assert got[name] >= floor, (name, got[name])
    for name, ceiling in CEILINGS.items():
        assert got[name] <= ceiling, (name, got[name])
    assert got["place checks passing"] == 1.0
