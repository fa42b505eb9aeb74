"""Figures checked before they are written: a count no single event can have is dropped with a reason.

The store's figure columns are 64-bit (migration 003), but a figure is bounded well below that: a
fatality or injury count above ``MAX_FIGURE``, negative, or not an integer is set to ``None`` and an
``implausible_figure`` signal says which one and why. Never an exception for a figure.
"""

from __future__ import annotations

from fogline.model import Document, Signal

MAX_FIGURE = 10_000_000
"""More people than any single reported event has killed or wounded."""


def _problem(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        return f"{value!r} is not a whole number"
    if value < 0:
        return f"{value} is negative"
    if value > MAX_FIGURE:
        return f"{value} is above {MAX_FIGURE:,}"
    return None


def drop_implausible_figures(doc: Document) -> list[str]:
    """Set every implausible figure of ``doc``'s events and claims to None; return the reasons
    (also added to ``doc.signals`` as ``implausible_figure``)."""
    reasons = []
    for ev in doc.events:
        holders: list[tuple[str, object]] = [(f"event {ev.event_id}", ev)]
        holders += [(f"claim {j} of event {ev.event_id}", c) for j, c in enumerate(ev.claims)]
        for label, holder in holders:
            for field in ("fatalities", "injured"):
                why = _problem(getattr(holder, field))
                if why is not None:
                    setattr(holder, field, None)
                    reasons.append(f"{field} of {label} dropped: {why}")
    doc.signals.extend(Signal("implausible_figure", r) for r in reasons)
    return reasons
