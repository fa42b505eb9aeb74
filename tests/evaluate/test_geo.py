"""Quality floors for place resolution (``fogline eval --only geo``), pinned a little under what we reach.

Runs the pipeline through ``geo`` on all 430 ACLED Armenia notes (about 6 s), without events, so the
figure measures place resolution itself.
"""

from __future__ import annotations

from pathlib import Path

from fogline.evaluate.geo import run
from fogline.resources import Resources

FLOORS = {"main location within 5 km": 0.82, "no main location": 0.15}
CEILINGS = {"main location > 25 km (wrong)": 0.025}


def test_acled_armenia_floors(shared: Path, res: Resources) -> None:
    got = {m.name: m.value for m in run(shared, res, with_events=False)}
    for name, floor in FLOORS.items():
        if name == "no main location":
            assert got[name] <= floor, (name, got[name])
        else:
            assert got[name] >= floor, (name, got[name])
    for name, ceiling in CEILINGS.items():
        assert got[name] <= ceiling, (name, got[name])
    assert got["place checks passing"] == 1.0
