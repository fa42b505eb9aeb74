"""The workspace with 5,000 synthetic incidents stays interactive: it renders, clusters, filters and opens an
incident. The times are written to test-artifacts/scale.txt for the record; tests never assert on time."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from typing import Any

import pytest
from browserkit import ARTIFACTS, markers_in_view, serve_app, shot, until

from fogline.export.ledger import Ledger
from fogline.model import Actor, Claim, ClaimRecord, Incident, Place, Report

pytestmark = [pytest.mark.browser, pytest.mark.slow]
N = 5000
ARMY = Actor("Military Forces of Armenia", "ARM", "military")
SUBTYPES = ["Armed clash", "Shelling/artillery/missile attack", "Air/drone strike", "Attack",
            "Peaceful protest", "Looting/property destruction"]


def synthetic_ledger(n: int = N, seed: int = 7) -> Ledger:
    """``n`` incidents around the South Caucasus over six weeks, with a few far away and long ago."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        far = i % 250 == 0
        lat, lon = (rnd.uniform(-30, 60), rnd.uniform(-100, 140)) if far else (rnd.gauss(39.8, 0.6),
                                                                                rnd.gauss(46.8, 0.8))
        day = f"2020-{9 + (d := rnd.randrange(45)) // 30:02d}-{1 + d % 30:02d}" if not far else "1995-06-01"
        dead = rnd.choice([None, 0, 1, 3, 12, 40, 30000]) if i % 7 == 0 else None
        place = Place(f"Village {i % 400}", round(lat, 4), round(lon, 4), 1, country="AZE")
        claims = [ClaimRecord(f"d{i}", "e1", Claim("Ministry of Defence of Armenia", "ARM", "asserts")),
                  ClaimRecord(f"d{i}", "e1", Claim("Ministry of Defence of Azerbaijan", "AZE", "denies"))]
        out.append(Incident(
            f"syn-{i:05d}", rnd.choice(SUBTYPES), day, location=place, actor1=ARMY,
            reports=[Report(f"d{i}", "e1", f"outlet{i % 30}.example", day)], claims=claims if i % 9 == 0 else [],
            fatalities_best=dead, independent_sources=1, contested=i % 9 == 0, confidence=rnd.random(),
        ))
    return Ledger({}, out)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    from fogline.web.app import create_app

    yield from serve_app(create_app(None, ledger=synthetic_ledger()))


def test_five_thousand_incidents_render_and_stay_interactive(server: str, page: Any) -> None:
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready='1']", timeout=120_000)
    times["first render (page load to map, list and timeline drawn)"] = time.perf_counter() - t0
    assert page.evaluate("window.foglineWorkspace.list.length") == N
    assert markers_in_view(page) >= 1
    shot(page, "scale-5000.png")
    t0 = time.perf_counter()
    page.select_option("#filters select[name=contested]", "true")
    until(page, f"window.foglineWorkspace.list.length < {N}", timeout_s=120)
    times["filter to contested, map refit"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    page.locator("#incident-list li").first.click()
    page.wait_for_selector("#detail .sides", timeout=60_000)
    times["open one incident"] = time.perf_counter() - t0
    ARTIFACTS.mkdir(exist_ok=True)
    lines = [f"{k}: {v:.2f} s" for k, v in times.items()]
    (ARTIFACTS / "scale.txt").write_text(f"{N} synthetic incidents\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
