"""Incident merging on ACLED Armenia gold events (evaluate/incidents.py); floors a little under what we reach."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogline.evaluate.incidents import run


@pytest.fixture(scope="module")
def metrics(shared: Path) -> dict[str, float]:
    return {m.name: m.value for m in run(shared)}


@pytest.mark.parametrize(("name", "low", "high"), [
    pytest.param("incidents per event (rows as reports)", 0.985, 1.0, id="rows-ratio"),
    pytest.param("wrongly merged near pairs (rows as reports)", 0.0, 0.02, id="rows-wrong-merges"),
    pytest.param("incidents per event (perturbed reports)", 1.0, 1.05, id="perturbed-ratio"),
    pytest.param("wrongly merged near pairs (perturbed reports)", 0.0, 0.02, id="perturbed-wrong-merges"),
    pytest.param("events split (perturbed reports)", 0.0, 0.05, id="perturbed-splits"),
])
def test_floor(metrics: dict[str, float], name: str, low: float, high: float) -> None:
    assert low <= metrics[name] <= high
