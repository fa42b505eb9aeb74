"""Satire detection on ../shared/eval/dev/satire-horne2017: precision and recall of ``genre == "satire"``.

75 satire, 75 real and 75 fake political news articles (Horne & Adali 2017), body and title in separate
files, no URLs and no disclaimers: only signals inside the text can fire (a satire outlet named in an
agency-style dateline, a disclaimer phrase), so recall is low by design. Only the ``clean`` and
``signals`` stages run: genre is decided there.
"""

from __future__ import annotations

from pathlib import Path

from fogline import clean, signals
from fogline.evaluate import Metric
from fogline.ingest import read_bytes
from fogline.model import Document, RawArticle
from fogline.resources import Resources

DATASET = "satire-horne2017"
LABELS = {"Satire": True, "Real": False, "Fake": False}


def _article(body: Path, res: Resources) -> RawArticle | None:
    items = read_bytes(body.read_bytes(), str(body), res.config)
    raw = items[0] if items and isinstance(items[0], RawArticle) else None
    title = body.parent.parent / f"{body.parent.name}_titles" / body.name
    if raw is not None and title.is_file():
        head = read_bytes(title.read_bytes(), str(title), res.config)
        if head and isinstance(head[0], RawArticle):
            raw.meta.title = head[0].raw.strip() or None
    return raw


def predictions(shared: Path, res: Resources, limit: int | None = None) -> list[tuple[bool, bool, str]]:
    """(is satire, predicted satire, file) for each article of the set (at most ``limit`` per label)."""
    root = shared / "eval" / "dev" / DATASET / "random-political-news"
    out: list[tuple[bool, bool, str]] = []
    for label, truth in LABELS.items():
        files = sorted((root / label).glob("*.txt"))[:limit]
        for body in files:
            raw = _article(body, res)
            if raw is None:
                continue
            doc = Document.from_raw(raw)
            clean.run(doc, res)
            signals.run(doc, res)
            out.append((truth, doc.genre == "satire", f"{label}/{body.name}"))
    return out


def run(shared: Path, res: Resources, limit: int | None = None) -> list[Metric]:
    preds = predictions(shared, res, limit)
    tp = sum(t and p for t, p, _ in preds)
    pos = sum(p for _, p, _ in preds)
    sat = sum(t for t, _, _ in preds)
    note = f"{tp} of {sat} satire found; {pos - tp} real/fake called satire"
    return [
        Metric(DATASET, "satire precision", tp / pos if pos else 0.0, pos, note=note),
        Metric(DATASET, "satire recall", tp / sat if sat else 0.0, sat, note="no URLs or disclaimers in this set"),
    ]
