"""EDTF event dates as day intervals, with years that may be unknown (``XXXX-12-11``).

A date becomes a ``When``: an interval of proleptic day ordinals when the year is known, or an
interval of day-of-year numbers (in a leap reference year) when it is not. Two ``When`` overlap when
their intervals do; a known date meets a year-unknown one through its days of the year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from fogline.corpus.rules import MergeRules

REF_YEAR = 2000  # a leap year: day-of-year numbers for year-unknown dates
EDTF = re.compile(r"^(?P<y>\d{4}|XXXX)(?:-(?P<m>\d{2}|XX)(?:-(?P<d>\d{2}|XX))?)?$")


@dataclass(frozen=True, slots=True)
class When:
    """A date interval: ``lo``..``hi`` are day ordinals (year known) or days of the year (``year_known`` False)."""

    lo: int
    hi: int
    year_known: bool
    text: str

    @property
    def days(self) -> int:
        return self.hi - self.lo + 1

    def day_of_year_range(self) -> tuple[int, int] | None:
        """Days of the year this interval covers, or None when it spans a year end or more."""
        if not self.year_known:
            return self.lo, self.hi
        a, b = date.fromordinal(self.lo), date.fromordinal(self.hi)
        if a.year != b.year:
            return None
        return _doy(a.month, a.day), _doy(b.month, b.day)

    def overlaps(self, other: When) -> bool:
        if self.year_known and other.year_known:
            return self.lo <= other.hi and other.lo <= self.hi
        ra, rb = self.day_of_year_range(), other.day_of_year_range()
        if ra is None or rb is None:
            return True
        return ra[0] <= rb[1] and rb[0] <= ra[1]


def _doy(month: int, day: int) -> int:
    return date(REF_YEAR, month, min(day, calendar.monthrange(REF_YEAR, month)[1])).timetuple().tm_yday


def _interval(y: int, m: int | None, d: int | None, precision: str, rules: MergeRules) -> tuple[date, date]:
    if m is None or precision == "year":
        return date(y, 1, 1), date(y, 12, 31)
    last = calendar.monthrange(y, m)[1]
    if d is None or precision == "month":
        return date(y, m, 1), date(y, m, last)
    day = date(y, m, min(d, last))
    if precision == "week":
        w = timedelta(days=rules.week_days)
        return day - w, day + w
    return day, day


def _part(text: str, precision: str, rules: MergeRules) -> When | None:
    uncertain = text[-1:] in "?~%"
    core = text.rstrip("?~%")
    m = EDTF.match(core)
    if not m:
        return None
    month = None if m["m"] in (None, "XX") else int(m["m"])
    day = None if m["d"] in (None, "XX") else int(m["d"])
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    known = m["y"] != "XXXX"
    if not known and month is None:
        return None  # no year and no month: nothing to compare
    lo, hi = _interval(int(m["y"]) if known else REF_YEAR, month, day, precision, rules)
    if uncertain and day is not None:
        lo, hi = lo - timedelta(days=rules.uncertain_days), hi + timedelta(days=rules.uncertain_days)
    if known:
        return When(lo.toordinal(), hi.toordinal(), True, text)
    if lo.year != REF_YEAR or hi.year != REF_YEAR:  # widened past the year end: clamp
        lo, hi = max(lo, date(REF_YEAR, 1, 1)), min(hi, date(REF_YEAR, 12, 31))
    return When(lo.timetuple().tm_yday, hi.timetuple().tm_yday, False, text)


def parse_when(text: str | None, precision: str, rules: MergeRules) -> When | None:
    """``2020-12-11`` / ``2020-12`` / ``2020`` / ``XXXX-12-11`` / ``2020-12-09/2020-12-11`` -> When, else None."""
    if not text:
        return None
    text = text.strip()
    if "/" in text:
        a, _, b = text.partition("/")
        wa, wb = _part(a, precision, rules), _part(b, precision, rules)
        if wa is None or wb is None or wa.year_known != wb.year_known or wb.hi < wa.lo:
            return wa or wb
        return When(wa.lo, wb.hi, wa.year_known, text)
    return _part(text, precision, rules)


def describe(w: When) -> str:
    """A short human text: ``2020-12-11``, ``2020-12-08..2020-12-14``, ``12-11 (year unknown)``."""
    if w.year_known:
        a, b = date.fromordinal(w.lo), date.fromordinal(w.hi)
        return a.isoformat() if a == b else f"{a.isoformat()}..{b.isoformat()}"
    a = date(REF_YEAR, 1, 1) + timedelta(days=w.lo - 1)
    b = date(REF_YEAR, 1, 1) + timedelta(days=w.hi - 1)
    span = a.strftime("%m-%d") if a == b else f"{a.strftime('%m-%d')}..{b.strftime('%m-%d')}"
    return f"{span} (year unknown)"
