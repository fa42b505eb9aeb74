"""Realistic article volume for the corpus-stage benchmarks: the dev-set articles, analysed once,
replicated with shifted dates, moved places and reworded text.

Real news is what makes the corpus stage slow: half the events sit at district, region or country
level and half carry a month rather than a day, so blocks are wide. The 340 dev articles
(``../shared/eval/dev/fullnews`` and ``newsstream``) are analysed once into a base store (cached under
the system temp folder); each replica copies one base article with

- its dates (published, event days and weeks) shifted by the same random number of days (within
  ``SPREAD_DAYS``, the span of a two-month news crawl) and month dates moved with them;
- with probability ``MOVE_SHARE`` its point places moved by up to ``MOVE_DEG`` degrees (a different
  village of the same country and region), coarse places kept;
- its text reworded (a quarter of the words swapped for other words of the article), so it is not a
  near-duplicate, except ``DUP_SHARE`` of replicas that repeat an earlier replica with light edits.

The dev texts are only read at run time, never copied into the project.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from fogline.model import Document, Event, Place
from fogline.store import Store

ROOT = Path(__file__).resolve().parent.parent
DEV = [ROOT.parent / "shared/eval/dev/fullnews/articles", ROOT.parent / "shared/eval/dev/newsstream/articles"]
BASE = Path(tempfile.gettempdir()) / "fogline-bench-corpus-base.duckdb"
SPREAD_DAYS = 60
MOVE_SHARE, MOVE_DEG = 0.5, 1.0
DUP_SHARE = 0.05
EVENT_SHARE = 0.5
"""Share of replicas drawn from the articles that hold events (real crawls: about half do)."""
WORD = re.compile(r"\w+")


def base_documents() -> list[Document]:
    """The analysed dev articles (analysed once, then read from the cached base store)."""
    if not BASE.exists():
        paths = [str(p) for p in DEV if p.is_dir()]
        if not paths:
            sys.exit("corpus_synth: ../shared/eval/dev is missing")
        subprocess.run([str(ROOT / ".venv/bin/fogline"), "analyze", *paths, "--db", str(BASE), "--no-corpus"],
                       check=True, capture_output=True)
    with Store.open(BASE, read_only=True) as store:
        return list(store.documents())


def _shift_date(value: str | None, days: int) -> str | None:
    if not value or value.startswith("X"):
        return value
    try:
        if len(value) == 10:
            return (date.fromisoformat(value) + timedelta(days=days)).isoformat()
        if len(value) == 7:
            return (date.fromisoformat(value + "-15") + timedelta(days=days)).isoformat()[:7]
    except ValueError:
        return value
    return value


def _move(place: Place | None, rng: random.Random, tag: int) -> Place | None:
    if place is None or place.precision >= 3:
        return place
    return replace(place, name=f"{place.name} {tag}", gazetteer_id=f"synth:{place.gazetteer_id}:{tag}",
                   lat=place.lat + rng.uniform(-MOVE_DEG, MOVE_DEG), lon=place.lon + rng.uniform(-MOVE_DEG, MOVE_DEG))


def _reword(text: str, rng: random.Random, share: float) -> str:
    words = WORD.findall(text)
    if not words:
        return text
    return WORD.sub(lambda m: rng.choice(words) if rng.random() < share else m.group(0), text)


def _event(ev: Event, doc_id: str, days: int, move: int | None, rng: random.Random) -> Event:
    loc = _move(ev.location, rng, move) if move is not None else ev.location
    return replace(ev, event_id=f"{doc_id}-{ev.event_id.rsplit('-', 1)[-1]}", date=_shift_date(ev.date, days),
                   location=loc, claims=list(ev.claims), evidence=list(ev.evidence))


def replica(base: Document, k: int, rng: random.Random, text: str | None = None) -> Document:
    """Replica ``k`` of ``base``: new id, shifted dates, maybe moved places, reworded text."""
    doc_id = f"syn{k:08d}{base.doc_id[:8]}"
    days = rng.randrange(-SPREAD_DAYS // 2, SPREAD_DAYS // 2)
    move = k if rng.random() < MOVE_SHARE else None
    text = text if text is not None else _reword(base.text, rng, 0.25)
    return Document(doc_id, f"synth/{doc_id}.txt", text, title=base.title, published=_shift_date(base.published, days),
                    outlet=base.outlet, url=f"https://synth.example/{doc_id}", genre=base.genre,
                    is_repost=base.is_repost, signals=list(base.signals), text=text, places=list(base.places),
                    events=[_event(ev, doc_id, days, move, rng) for ev in base.events])


def replicas(n: int, seed: int = 11, start: int = 0) -> Iterator[Document]:
    """``n`` replicas numbered from ``start`` (the same seed and numbers give the same articles)."""
    base = base_documents()
    with_events = [d for d in base if any(not e.background for e in d.events)]
    rng = random.Random(seed * 1_000_003 + start)
    recent: list[Document] = []
    for k in range(start, start + n):
        if recent and rng.random() < DUP_SHARE:
            doc = replica(recent[-1], k, rng, text=_reword(recent[-1].text, rng, 0.02))
        else:
            doc = replica(rng.choice(with_events if rng.random() < EVENT_SHARE else base), k, rng)
        recent = (recent + [doc])[-20:]
        yield doc
