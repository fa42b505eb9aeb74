"""The seed event checks of ../shared/seeds/expected.json (needs the clean and geo stages too)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fogline.model import RawArticle
from fogline.pipeline import analyse
from fogline.resources import Resources

EVENT_CHECKS = [
    "az-takes-settlements",
    "stepanakert-shelled-sep27",
    "villages-captured-contested",
    "drone-strike-claimed",
    "dec11-attack-three-wounded",
    "dec11-az-claim-denied",
    "dec9-raid-is-rumor",
    "farukh-captured",
    "drone-strikes-three-dead",
    "no-events-from-comments",
]


@pytest.fixture(scope="module")
def outputs(shared: Path, res: Resources) -> dict[str, dict]:
    out = {}
    for p in sorted((shared / "seeds").glob("*.txt")):
        doc = analyse(RawArticle(p.stem, str(p), p.read_text(encoding="utf-8")), res)
        out[p.name] = doc.to_contract()
    return out


@pytest.mark.parametrize("check_id", EVENT_CHECKS)
def test_seed_event(check_id: str, shared: Path, outputs: dict[str, dict]) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("check_seeds", shared / "tools" / "check_seeds.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    expected = json.loads((shared / "seeds" / "expected.json").read_text())
    named = {k: v for k, v in expected.items() if isinstance(v, list) and k != "checks"}
    check = next(c for c in expected["checks"] if c["id"] == check_id)
    assert mod.check(outputs.get(check["seed"]), check, named), check_id
