"""Floors for events on all 430 ACLED Armenia notes (about 8 s)."""

from __future__ import annotations

from pathlib import Path

from fogline.evaluate import events
from fogline.resources import Resources


def test_acled_floors(shared: Path, res: Resources) -> None:
    got = {m.name: m.value for m in events.run(shared, res)}
    assert got["sub_event_type accuracy"] >= 0.90  # measured 0.921
    assert got["event date exact"] >= 0.97  # measured 0.988
    assert got["actor country pair"] >= 0.91  # measured 0.928


def test_gold_country() -> None:
    assert events.gold_country("Military Forces of Azerbaijan (2003-)") == "AZE"
    assert events.gold_country("Protesters (Armenia)") == "ARM"
    assert events.gold_country("Sasna Tsrer") == "ARM"
    assert events.gold_country("") is None
