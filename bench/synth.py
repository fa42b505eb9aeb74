"""Synthetic articles for the benchmarks: conflict reports and general news, with page furniture."""

from __future__ import annotations

import random
import time
from typing import Any

PLACES = ["Fuzuli", "Jabrayil", "Hadrut", "Martuni", "Aghdam", "Tartar", "Shusha", "Lachin", "Goris", "Kapan",
          "Jermuk", "Sotk", "Ganja", "Barda", "Stepanakert", "Askeran", "Talish", "Sugovushan"]
ACTORS = ["Azerbaijani forces", "Armenian troops", "the Artsakh Defence Army", "Azerbaijani drones",
          "Armenian artillery", "Russian peacekeepers"]
CONFLICT = [
    "{a} shelled positions near {p} on {d}, the defence ministry said, adding that {n} soldiers were wounded.",
    "According to local officials, {a} captured the village of {p} on {d} after heavy fighting.",
    "{a} carried out drone strikes on {p} on {d}, killing {n} servicemen, the ministry claimed.",
    "The other side denied the report and said {a} had not advanced near {p}.",
    "Residents of {p} said the artillery fire lasted for several hours on {d}.",
]
GENERAL = [
    "The city council approved a new budget for road repairs and school buildings on {d}.",
    "Farmers near {p} expect a good harvest this year after a wet spring, the agriculture office said.",
    "A new exhibition of carpets opened in the museum, drawing visitors from across the region.",
    "The central bank kept its key rate unchanged and said inflation was slowing down.",
    "Officials discussed tourism projects and a new airport terminal with foreign investors.",
]
FURNITURE = "\n\n0 $\n2,500 $\n\nSupport Our Outlet\n\nFound a typo in the text? Select it and press ctrl + enter"
DATES = ["12 October", "October 27", "March 24", "25 March", "Sunday", "yesterday"]
NUMBERS = ["three", "two", "5", "12", "several"]


def article(rng: random.Random, conflict: bool, words: int = 600) -> str:
    """One article of about ``words`` words."""
    pool = CONFLICT if conflict else GENERAL
    title = ("Fighting reported near " if conflict else "News from ") + rng.choice(PLACES)
    body: list[str] = []
    while sum(len(s.split()) for s in body) < words:
        para = " ".join(rng.choice(pool).format(a=rng.choice(ACTORS), p=rng.choice(PLACES), d=rng.choice(DATES),
                                                n=rng.choice(NUMBERS)) for _ in range(3))
        body.append(para)
    return title + "\n\n" + "\n\n".join(body) + FURNITURE


def corpus(n: int, conflict_share: float = 1.0, words: int = 600, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [article(rng, rng.random() < conflict_share, words) for _ in range(n)]


def raw_articles(n: int, conflict_share: float, words: int) -> tuple[list[Any], float]:
    """The synthetic corpus read through ingest, and the seconds that reading took (the baseline)."""
    from fogline.ingest import read_bytes

    texts = [t.encode() for t in corpus(n, conflict_share, words)]
    t0 = time.process_time()
    raws = [r for i, t in enumerate(texts) for r in read_bytes(t, f"synthetic/{i}.txt")]
    return raws, time.process_time() - t0
