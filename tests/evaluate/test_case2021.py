"""Floors for event typing on all 1,019 snippets of CASE 2021 task 2 (about 12 s)."""

from __future__ import annotations

from pathlib import Path

from fogline.evaluate import case2021
from fogline.resources import Resources


def test_case_floor(shared: Path, res: Resources) -> None:
    got = {m.name: m.value for m in case2021.run(shared, res)}
    assert got["macro-F1 (25 ACLED subtypes)"] >= 0.72  # measured 0.739
    assert got["non-ACLED snippets with no event"] >= 0.82  # measured 0.853


def test_macro_f1() -> None:
    pairs = [("Armed clash", "Armed clash"), ("Attack", "Armed clash"), ("Attack", "Attack")]
    assert round(case2021.macro_f1(pairs, ["Armed clash", "Attack"]), 3) == round((2 / 3 + 2 / 3) / 2, 3)
