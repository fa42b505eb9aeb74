"""Satire precision/recall on satire-horne2017 (floors a little under what `fogline eval --only satire` reaches)."""

from __future__ import annotations

from fogline.evaluate import satire


def test_satire_floors(shared, res) -> None:
    metrics = {m.name: m for m in satire.run(shared, res)}
    assert metrics["satire precision"].value >= 0.95
    assert metrics["satire recall"].value >= 0.35
    assert metrics["satire recall"].n == 75
