"""Which date governs an event at a position in an article (discourse dating).

``date_index(text, published)`` builds a ``DateIndex`` from ``dates.in_context``; ``DateIndex.at`` gives the
date of the event whose word is at ``pos``: the sentence's own date (the nearest, recent ones first), else
a date opening the paragraph, else None; ``DateIndex.default`` is the date of an event the text does not
date (the publication month, ACLED's report-date convention at month precision). A date that belongs to
something else never dates the event: the report's date ("said on Wednesday", "told reporters today"),
a possessive on another noun ("Saturday's newspaper"). ``DateIndex.stale``: older than the current-event
window (dates.json ``current_window_days``), which makes the event background.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from datetime import date

from fogline.extract.dates import DateMention, edtf_of, grammar, in_context, parse_published

__all__ = ["DateIndex", "adoptable", "date_index", "lent", "line_breaks"]


_NEWLINE = re.compile("\n")


def line_breaks(text: str) -> list[int]:
    """Where each line break of ``text`` is (paragraphs end there)."""
    return [m.start() for m in _NEWLINE.finditer(text)]


def adoptable(m: DateMention | None) -> bool:
    """May a retelling's date date the first telling of the same event (one undated there)? Only its own
    date at day or month precision: not one lent by a neighbour, nor a year alone ("last year's
    protests"), which is history's, not the event's."""
    return m is not None and m.precision != "year" and not m.borrowed


def lent(m: DateMention | None) -> DateMention | None:
    """``m`` lent to an undated event of another kind that follows it in another paragraph (``borrowed``):
    it keeps the two apart when merging; the event itself gets the publication month."""
    return None if m is None else replace(m, borrowed=True)


def date_index(text: str, published: str | None = None) -> DateIndex:
    """The ``DateIndex`` of an article: its dates in context, and its publication date unless a repost."""
    mentions, pub = in_context(text, published)
    return DateIndex(text, mentions, pub)


class DateIndex:
    """Which date governs a position in the text (discourse dating).

    ``at(pos, sentence_start, sentence_end)``: the date mention in the same sentence nearest to ``pos``
    (the event's verb); failing that, a date that opens the paragraph holding ``pos`` ("On December 11th,
    ..." or "Also on 26 March, ...") and precedes it; else ``None``. Dates are never carried across
    paragraphs (lines). Year-only, background, stale and unresolved mentions lose to a nearby precise one.
    A sentence whose only dates belong to its report or to another noun gives ``default`` (the event is
    undated there, and must not borrow a neighbour's date). ``published``: the publication date the
    text keeps (None for a repost); it dates ``default`` and ``stale``.
    """

    def __init__(self, text: str, mentions: list[DateMention], published: str | None = None) -> None:
        self.text = text
        self.pub = parse_published(published)[0]
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.breaks = line_breaks(text)

    def _paragraph(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.breaks, pos)
        start = self.breaks[i - 1] + 1 if i else 0
        end = self.breaks[i] if i < len(self.breaks) else len(self.text)
        return start, end

    def _reporting(self, m: DateMention) -> bool:
        """'said on Wednesday', 'told reporters today', 'on Monday announced', 'in a statement on Monday':
        the report's date."""
        g = grammar()
        before, after = self.text[max(0, m.start - 40):m.start], self.text[m.end:m.end + 40]
        if g.reported_before.search(before) or g.reported_after.match(after):
            return True
        return bool(g.occasion_before.search(self.text[max(0, m.start - 100):m.start]))

    def stale(self, m: DateMention) -> bool:
        """Older than the current-event window before publication ('back in May' in an August article):
        an event so dated is background (the coders' 'current' is within about 60 days)."""
        if self.pub is None or m.year is None or m.relative or m.fallback:
            return False
        try:
            last = date(m.year, m.month or 12, m.day or (28 if m.month else 31))
        except ValueError:  # "on the 31st" after a February date: no such day, no claim it is old
            return False
        return (self.pub - last).days > grammar().current_window

    def _possessed_elsewhere(self, m: DateMention, pos: int) -> bool:
        """"Saturday's newspaper", "last year's election": the date belongs to the noun it precedes, so
        it dates an event only when that noun is the event's word, or when a framing preposition puts the
        whole clause in it ("during Saturday's protests")."""
        tail = self.text[m.end:m.end + 3]
        if not (m.text.endswith(("'s", "’s")) or tail.startswith(("'s", "’s"))):
            return False
        if grammar().framing.search(self.text[max(0, m.start - 30):m.start]):
            return False  # "During Saturday's protests, ...": the date frames the whole clause
        noun = re.match(r"(?:['’]s)?\s+((?:\S+\s+){0,2}\S+)", self.text[m.end:m.end + 60])
        return noun is None or not (m.end <= pos <= m.end + noun.end())

    def _cost(self, m: DateMention, pos: int) -> float:
        dist = 0 if m.start <= pos < m.end else min(abs(pos - m.start), abs(pos - m.end))
        penalty = (60 if m.precision == "year" else 0) + (40 if m.background else 0) + (40 if not m.resolved else 0)
        penalty += 40 if self.stale(m) else 0
        return dist + penalty + (0.5 if m.start > pos else 0)

    @property
    def default(self) -> DateMention | None:
        """The date of an event the text does not date: the publication month (``fallback``), as ACLED
        codes an undated report to its report date at month precision; None without a publication date."""
        if self.pub is None:
            return None
        return DateMention(0, 0, "", edtf_of(self.pub.year, self.pub.month), "month", "publication",
                           year=self.pub.year, month=self.pub.month, fallback=True)

    def at(self, pos: int, sentence_start: int, sentence_end: int) -> DateMention | None:
        lo = bisect.bisect_left(self.starts, sentence_start)
        hi = bisect.bisect_left(self.starts, sentence_end)
        inside = [m for m in self.mentions[lo:hi] if m.end <= sentence_end]
        own = [m for m in inside if not self._reporting(m) and not self._possessed_elsewhere(m, pos)]
        if own:
            return min(own, key=lambda m: self._cost(m, pos))
        if inside:  # the sentence dates something else (its report, another noun): not this event
            return self.default
        return self.opener(pos)

    def opener(self, pos: int) -> DateMention | None:
        """The date opening the paragraph that holds ``pos``, when it comes before ``pos``."""
        p_start, _ = self._paragraph(pos)
        i = bisect.bisect_left(self.starts, p_start)
        if i >= len(self.mentions):
            return None
        m = self.mentions[i]
        if m.end > pos or "\n" in self.text[p_start:m.start] or m.precision == "year" or m.background:
            return None
        return m if grammar().opener.match(self.text[p_start:m.start]) else None
