"""A seeded synthetic ledger for the scale tests: articles with events at villages over two months,
some at district or region level, some with week or month dates, and some repeated word for word."""

from __future__ import annotations

import random
from datetime import date, timedelta

from fogline.model import Actor, Document, Event, Place, Span

TYPES = ["Armed clash", "Shelling/artillery/missile attack", "Air/drone strike", "Peaceful protest"]
SIDES = [Actor("Military Forces of Azerbaijan", "AZE", "military"), Actor("Military Forces of Armenia", "ARM",
                                                                           "military")]


def _place(rng: random.Random, village: int) -> Place:
    lat, lon = 39.5 + (village % 7) * 0.31, 45.5 + (village // 7) * 0.29
    district, region = f"District {village % 5}", f"Region {village % 2}"
    if rng.random() < 0.1:
        return Place(district, lat, lon, 3, None, "AZE", region, district, "county")
    if rng.random() < 0.05:
        return Place(region, lat, lon, 3, None, "AZE", region, None, "region")
    return Place(f"Village {village}", lat, lon, 1, f"test:{village}", "AZE", region, district, "locality")


def _event(rng: random.Random, doc_id: str, i: int, village: int, day: date) -> Event:
    when, precision = day.isoformat(), "day"
    if rng.random() < 0.08:
        when, precision = day.isoformat()[:7], "month"
    elif rng.random() < 0.08:
        precision = "week"
    a, b = rng.sample(SIDES, 2)
    text = f"{a.name} fired on {b.name} near village {village} on {when}."
    return Event(f"{doc_id}-e{i}", rng.choice(TYPES), when, precision, a, b, _place(rng, village),
                 fatalities=rng.choice([None, 0, 1, 2, 5]), evidence=[Span(0, len(text), text)])


def articles(n: int, seed: int = 3, start: int = 0, villages: range = range(40)) -> list[Document]:
    """``n`` articles numbered from ``start``, each with one to three events."""
    rng = random.Random(seed * 7919 + start)
    out: list[Document] = []
    for k in range(start, start + n):
        doc_id = f"t{k:05d}"
        day = date(2020, 9, 27) + timedelta(days=rng.randrange(60))
        events = [_event(rng, doc_id, i, rng.choice(villages), day) for i in range(rng.randint(1, 3))]
        words = " ".join(f"w{rng.randrange(5000)}" for _ in range(80))
        text = out[-1].text if out and rng.random() < 0.05 else f"Report {doc_id}. {words}"
        out.append(Document(doc_id, f"{doc_id}.txt", text, outlet=f"outlet{k % 9}.example",
                            published=day.isoformat(), text=text, events=events))
    return out
