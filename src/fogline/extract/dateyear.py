"""The context year of a text's undated month/day mentions ("December 11th"), from its fully dated ones."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fogline.extract.dates import DateMention


def infer_context_year(text: str, mentions: list[DateMention] | None = None, window_days: int = 45) -> int | None:
    """A year for the text's undated month/day mentions, from fully dated mentions of the same days.

    Conservative: every undated mention ("December 11th") must lie within ``window_days`` of an explicit
    full date ("10 December 2020", or "December 2020") and all must agree on one year (a date across New
    Year takes the neighbouring year). Anything else gives ``None``. Mentions whose year was only inferred
    from the publication date count as undated (a repost's publication date is weaker evidence).
    A copyright line ("© 2007-2020") is not evidence: a site footer tells when the page was served, not
    when the events happened.
    """
    if mentions is None:
        from fogline.extract.dates import find_dates

        mentions = find_dates(text)
    ms = mentions
    evidence = [m for m in ms if m.year_source == "explicit" and m.precision in ("day", "month", "week")
                and m.month is not None and m.year is not None]
    undated = [m for m in ms if m.year_source in ("unknown", "publication") and m.month is not None
               and not m.relative]
    if not evidence or not undated:
        return None
    years: set[int] = set()
    for u in undated:
        cands = {y for e in evidence for y in _near_years(u, e, window_days)}
        if len(cands) != 1:
            return None
        years |= cands
    return years.pop() if len(years) == 1 else None


def _near_years(u: DateMention, e: DateMention, window: int) -> list[int]:
    assert e.year is not None and e.month is not None and u.month is not None
    ed = date(e.year, e.month, min(e.day or 15, 28))
    out = []
    for y in (e.year - 1, e.year, e.year + 1):
        if abs((date(y, u.month, min(u.day or 15, 28)) - ed).days) <= window:
            out.append(y)
    return out
