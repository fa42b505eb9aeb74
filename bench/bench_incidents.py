"""Incident building at scale: 10k, 30k and 100k synthetic events; time and peak memory, as ratios.

    .venv/bin/python bench/bench_incidents.py [--sizes 10000,30000,100000]

Synthetic events mimic a two-year conflict ledger: ~1,500 villages along a front, several reports
per incident (same day, nearby spelling variants), 5% week-precision dates, 3% district-level
places, 2% month dates, 3% year-unknown dates. Memory is tracemalloc's peak during
``build_incidents`` (items excluded: they exist before it); the ratios against the smallest size say whether time and
memory grow linearly (ratio ~ size ratio) or worse.
"""

from __future__ import annotations

import argparse
import random
import time
import tracemalloc
from datetime import date, timedelta

from fogline.corpus.incidents import build_incidents
from fogline.corpus.items import DocInfo, Item, make_item
from fogline.corpus.rules import default_rules
from fogline.model import Actor, Event, Place

TYPES = ["Armed clash", "Shelling/artillery/missile attack", "Attack", "Air/drone strike", "Peaceful protest"]
AZE = Actor("Military Forces of Azerbaijan", "AZE", "military")
ARM = Actor("Military Forces of Armenia", "ARM", "military")


def _villages(rng: random.Random, n: int) -> list[Place]:
    out = []
    for i in range(n):
        lat, lon = 39.2 + rng.random() * 2.0, 45.0 + rng.random() * 2.0
        district = f"district{int(lat * 4)}_{int(lon * 4)}"
        out.append(Place(f"village{i}", lat, lon, 1, f"gaz:{i}", "AZE", f"region{int(lat)}", district, "locality"))
    return out


def _event(rng: random.Random, n: int, village: Place, day: date, sub: str) -> Event:
    r = rng.random()
    place, when, prec = village, day.isoformat(), "day"
    if r < 0.03:
        place = Place(village.admin2 or "", village.lat, village.lon, 3, None, "AZE", village.admin1, village.admin2,
                      "county")
    elif r < 0.06:
        place = Place(village.name + "y", village.lat + 0.004, village.lon, 1, None, "AZE", village.admin1,
                      village.admin2, "locality")
    r = rng.random()
    if r < 0.05:
        prec = "week"
    elif r < 0.07:
        when, prec = day.isoformat()[:7], "month"
    elif r < 0.10:
        when = "XXXX" + when[4:]
    actors = (AZE, ARM) if rng.random() < 0.5 else (ARM, AZE)
    return Event(f"e{n}", sub, when, prec, actors[0], actors[1], place, fatalities=rng.randint(0, 5))  # type: ignore[arg-type]


def synthetic(n: int, seed: int = 7) -> tuple[list[Item], dict[str, DocInfo]]:
    """About n events: incidents of 1-5 reports over two years and 1,500 villages."""
    rng, rules = random.Random(seed), default_rules()
    villages = _villages(rng, 1500)
    start = date(2020, 1, 1)
    items: list[Item] = []
    docs: dict[str, DocInfo] = {}
    while len(items) < n:
        village, day = rng.choice(villages), start + timedelta(days=rng.randrange(730))
        sub = rng.choice(TYPES)
        for _ in range(rng.randint(1, 5)):
            doc = DocInfo(f"doc{len(items):07d}", f"outlet{rng.randrange(40)}.example", day.isoformat())
            docs[doc.doc_id] = doc
            items.append(make_item(doc, _event(rng, len(items), village, day, sub), rules))
    return items[:n], docs


def measure(n: int, memory: bool) -> tuple[float, float, int]:
    """(seconds, peak MiB, incidents): time without tracing (tracemalloc slows Python ~10x), then
    a second, traced run for the memory peak when asked."""
    items, docs = synthetic(n)
    t0 = time.perf_counter()
    incidents = build_incidents(items, docs)
    seconds = time.perf_counter() - t0
    peak = 0.0
    if memory:
        items, docs = synthetic(n)
        tracemalloc.start()
        build_incidents(items, docs)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return seconds, peak, len(incidents)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,30000,100000")
    ap.add_argument("--no-memory", action="store_true", help="skip the (slow) traced run for memory")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    base: tuple[float, float] | None = None
    print(f"{'events':>8} {'seconds':>8} {'peak MiB':>9} {'incidents':>9} {'time x':>7} {'mem x':>7} {'size x':>7}")
    for n in sizes:
        seconds, peak, n_inc = measure(n, not args.no_memory)
        base = base or (seconds, peak or 1.0)
        print(f"{n:>8} {seconds:>8.2f} {peak:>9.1f} {n_inc:>9} {seconds / base[0]:>7.2f} {peak / base[1]:>7.2f} "
              f"{n / sizes[0]:>7.1f}")


if __name__ == "__main__":
    main()
