"""Stage `signals`: publication date, outlet, genre, repost, and reliability signals with their evidence.

Reads what `clean` cut (a cut by a rule that carries a signal, such as a donation widget or a journal
repost header, raises that signal) and searches patterns from ``fogline/data/signals/``. Signal offsets
index ``doc.raw``. Outlet ratings come from ``fogline/data/ratings/`` (CRED-1, GMF) and the user's CSV.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources as ir
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fogline.config import Config
from fogline.model import Document, Signal
from fogline.signals import dates, genre, outlet, sourcing
from fogline.signals.dates import DateRules
from fogline.signals.genre import GenreRules
from fogline.signals.outlet import OutletLine
from fogline.signals.ratings import OutletRatings, load_ratings
from fogline.signals.sourcing import TextSignal
from fogline.textmatch.anchored import Folded

if TYPE_CHECKING:
    from fogline.resources import Resources

__all__ = ["SignalResources", "SignalsResources", "load", "run"]


@dataclass(slots=True)
class SignalResources:
    """Compiled patterns and the outlet ratings, loaded once per process."""

    text_signals: list[TextSignal]
    disclaimers: list[TextSignal]
    edge_share: float
    outlet_lines: list[OutletLine]
    dates: DateRules
    genre: GenreRules
    ratings: OutletRatings


SignalsResources = SignalResources  # the placeholder's name


def _data(name: str) -> dict[str, Any]:
    path = Path(str(ir.files("fogline") / "data" / "signals" / name))
    return json.loads(path.read_text(encoding="utf-8"))


def _signals(items: list[dict[str, Any]], kind: str | None = None) -> list[TextSignal]:
    return [TextSignal(i["id"], kind or i["kind"], re.compile(i["pattern"], re.IGNORECASE | re.MULTILINE),
                       tuple(i.get("needs", ()))) for i in items]


def load(config: Config) -> SignalResources:
    p, d = _data("patterns.json"), _data("dates.json")
    return SignalResources(
        text_signals=_signals(p["text_signals"]),
        disclaimers=_signals(p["satire_disclaimers"], "satire_disclaimer"),
        edge_share=float(p["edge_share"]),
        outlet_lines=[OutletLine(i["id"], re.compile(i["pattern"], re.MULTILINE), tuple(i.get("needs", ())))
                      for i in p["outlet_lines"]],
        dates=dates.compile_rules(d["months"], d["prefixes"], int(d["head_lines"]), int(d["max_words"])),
        genre=GenreRules(re.compile(p["opinion_markers"], re.IGNORECASE), re.compile(p["opinion_url"], re.IGNORECASE),
                         frozenset(p["first_person"]), frozenset(p["stance_words"]), frozenset(p["reporting_words"])),
        ratings=load_ratings(config),
    )


def _from_cuts(doc: Document, res: Resources) -> list[Signal]:
    """Signals implied by what `clean` cut (donation widgets and appeals, repost headers, syndication notes)."""
    out: list[Signal] = []
    for cut in doc.removed:
        kind = res.clean.signal_for(cut.reason)
        if kind:
            out.append(Signal(kind, f"{cut.reason}: {' / '.join(cut.text[:80].split(chr(10)))}", cut.start, cut.end))
    return out


def _rating_signal(doc: Document, sres: SignalResources) -> tuple[Signal | None, str | None]:
    """The known_outlet_rating signal for the URL or outlet, and the rating's category."""
    rating = sres.ratings.lookup(doc.url) or sres.ratings.lookup(doc.outlet)
    if rating is None:
        return None, None
    return Signal("known_outlet_rating", rating.describe()), rating.category


def _without_overlaps(signals: list[Signal]) -> list[Signal]:
    """Drop a signal whose evidence overlaps an earlier one of the same kind (one phrase, several patterns)."""
    kept: list[Signal] = []
    for s in signals:
        if s.start is not None and any(k.kind == s.kind and k.start is not None and k.end is not None and
                                       s.end is not None and s.start < k.end and k.start < s.end for k in kept):
            continue
        kept.append(s)
    return kept


def run(doc: Document, res: Resources) -> None:
    """Fill ``published``, ``outlet``, ``genre``, ``is_repost`` and ``signals``."""
    sres = res.signals
    if doc.published:
        doc.published = dates.normalise(doc.published)
    else:
        found = dates.find_published(doc.raw, sres.dates)
        doc.published = found[0] if found else None
    folded = Folded(doc.raw)
    where = outlet.find(doc.raw, doc.url, doc.outlet, sres.outlet_lines, sres.ratings, folded)
    doc.outlet = where.name if where else None
    signals = _from_cuts(doc, res)
    signals += sourcing.satire_disclaimers(doc.raw, sres.disclaimers, sres.edge_share, folded)
    signals += sourcing.text_signals(doc, sres.text_signals)
    rating, category = _rating_signal(doc, sres)
    if rating is not None:
        signals.append(rating)
    doc.signals = _without_overlaps(signals)
    doc.is_repost = any(s.kind == "repost_marker" for s in signals)
    if category == "satire" or any(s.kind == "satire_disclaimer" for s in signals):
        doc.genre = "satire"
    else:
        doc.genre = genre.classify(doc.title, doc.text, doc.url, sres.genre)
