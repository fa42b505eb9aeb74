"""Dates in EDTF from English news text, with the year inferred only from real evidence.

Pure functions, regex only (no spaCy); vocabulary in ``data/extract/dates.json``; which mention dates an
event: ``extract/dateindex.py``.

* ``find_dates(text, published, context_year)`` -> ``DateMention`` list, in text order: absolute dates
  ("On 2 November 2020", "December 11th, at around 20:40", "11.12.2020", "24 March", "on the 25th"),
  ranges ("between 1 and 3 March", "1992-1994"), months and years ("in May 1992", "in March", "in 1993"),
  dates relative to publication ("yesterday", "a few hours ago", "on Sunday", "last week") and to the
  previous dated mention ("the following day", "the day before", "two days later").
* A missing year comes from ``context_year`` (the caller's explicit evidence, see
  ``infer_context_year``) or else from ``published`` (the year that puts the date on or shortly before
  publication); otherwise it stays unknown: ``XXXX-03-24``. A wrong year is worse than an unknown one.
* ``in_context(text, published)``: the mentions with the context year, and the publication date unless the
  text disowns it (``is_repost``: a 2020 repost reporting 2012 events gets no 2020 dates from its file date).
* A relative expression without its anchor (no publication date, no earlier full date) is ``XXXX-XX-XX``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Literal

from dateutil.relativedelta import MO, SA, relativedelta, weekday

from fogline.extract.daterel import counted_back
from fogline.extract.dateyear import infer_context_year
from fogline.extract.numbers import load_data, parse_number
from fogline.textmatch.gate import Finder, Gate, admitted, fold

__all__ = ["DateMention", "find_dates", "find_dates_in_context", "in_context", "infer_context_year", "is_repost",
           "edtf_of", "grammar", "parse_published", "resolve_against"]

Precision = Literal["day", "week", "month", "year", "unknown"]
YearSource = Literal["explicit", "publication", "context", "unknown"]
Anchor = Literal["none", "publication", "previous"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression: ``text[start:end]``, its EDTF value and where its year came from.

    ``edtf``: "2020-12-11", "XXXX-03-24" (year unknown), "2020-12", "1992/1994" (interval), "2020-12-11?"
    (uncertain). ``relative``: dated from the publication or from another mention (``anchor`` says which,
    ``offset_days`` by how much). ``background``: its year lies more than a year before the publication,
    context or latest year the text mentions (history, not news). ``year``/``month``/``day`` hold the
    resolved parts of a single date (the start of an interval), ``None`` when unknown. ``fallback``: not
    in the text; the publication month given to an event the text does not date (``DateIndex.default``).
    ``borrowed``: lent by the event told just before to an undated one (``dateindex.lent``).
    """

    start: int
    end: int
    text: str
    edtf: str
    precision: Precision
    year_source: YearSource
    relative: bool = False
    background: bool = False
    anchor: Anchor = "none"
    offset_days: int = 0
    year: int | None = None
    month: int | None = None
    day: int | None = None
    fallback: bool = False
    borrowed: bool = False

    @property
    def resolved(self) -> bool:
        """True when the mention names at least a month or a year (not ``XXXX-XX-XX``)."""
        return self.precision != "unknown"


# ---------------------------------------------------------------- grammar


def alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


class _Grammar:
    def __init__(self) -> None:
        d = load_data("dates.json")
        self.months: dict[str, int] = {}
        for name, num in d["months"].items():
            self.months[name.lower()] = num
        self.weekdays: dict[str, int] = {k.lower(): v for k, v in d["weekdays"].items()}
        self.publication: list[tuple[re.Pattern[str], dict[str, Any]]] = [
            (re.compile(rf"\b(?:{r['pattern']})\b", re.I), r) for r in d["publication"]]
        self.previous: list[tuple[re.Pattern[str], dict[str, Any]]] = [
            (re.compile(rf"\b(?:{r['pattern']})\b", re.I), r) for r in d["previous"]]
        self.count_units: dict[str, int] = d["count_units"]
        self.count_dirs: dict[str, str] = d["count_directions"]
        self.opener = re.compile(rf"^[\W_]*(?:(?:{alternation(d['opener'])})\b[\s,]*)*$", re.I)
        self.copyright: list[str] = [c.lower() for c in d["copyright"]]
        verbs = alternation(d["reporting"])
        self.reported_before = re.compile(rf"\b(?:{verbs})\s*,?\s*\Z", re.I)
        self.reported_after = re.compile(rf"\A\s*,?\s*(?:{verbs})\b", re.I)
        self.framing = re.compile(rf"\b(?:{alternation(d['framing_prepositions'])})\s+\Z", re.I)
        occasion = rf"(?:an?|the|his|her|its|their)\s+(?:[\w-]+\s+){{0,2}}(?:{alternation(d['reporting_occasions'])})"
        self.occasion_before = re.compile(rf"\b(?:in|at|during)\s+{occasion}\b[^,.;:!?]{{0,60}}\Z", re.I)
        self.current_window = int(d["current_window_days"])
        self.repost: dict[str, int] = {k: v for k, v in d["repost"].items() if k != "unless"}
        self.looks_back = re.compile(rf"\b(?:{'|'.join(d['repost']['unless'])})\b", re.I)
        names = list(d["months"]) + [n.upper() for n in d["months"] if len(n) > 3]
        mon = rf"(?P<mon>{alternation(names)})\.?"
        day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
        year = r"(?P<year>(?:1[89]|20)\d{2})"
        d2 = r"(?P<day2>\d{1,2})(?:st|nd|rd|th)?"
        ypre = alternation(d["year_prepositions"])
        mpre = alternation(d["month_prepositions"])
        wd = alternation(list(d["weekdays"]) + [w.upper() for w in d["weekdays"]])
        self.patterns: list[tuple[str, re.Pattern[str]]] = [
            ("drange", re.compile(rf"\b(?i:between\s+|from\s+)?{day}\s*(?:-|–|—|\bto\b|\band\b|\buntil\b)\s*{d2}"
                                  rf"\s+(?:of\s+)?{mon}(?:,?\s+{year})?\b")),
            ("drange", re.compile(rf"\b(?i:between\s+|from\s+)?{mon}\s+{day}\s*(?:-|–|—|\bto\b|\band\b|\buntil\b)"
                                  rf"\s*{d2}\b(?!\s*(?::|\.\d))(?:,?\s+{year}\b)?")),
            ("dmy", re.compile(rf"\b(?i:the\s+)?{day}\s+(?:of\s+)?{mon}(?:,?\s+{year})?\b(?!-)")),
            ("mdy", re.compile(rf"\b{mon}\s+{day}\b(?!\s*(?::|\.\d|%))(?:,?\s+{year}\b)?")),
            ("numeric", re.compile(r"(?<![\d.\w/-])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)"
                                   r"(?P<year>(?:19|20)\d{2})(?![\d.]\d)")),
            ("iso", re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d{2})-(?P<mon>\d{2})-(?P<day>\d{2})(?![\d-])")),
            ("yrange", re.compile(r"(?<![\w-])(?P<year>(?:19|20)\d{2})\s*[-–—]\s*(?P<year2>(?:19|20)\d{2}|\d{2})"
                                  r"(?![\w-])")),
            ("my", re.compile(rf"\b{mon}(?:,)?\s+{year}\b")),
            ("month", re.compile(rf"\b(?i:{mpre})\s*(?i:early\s+|late\s+|mid-?)?{mon}\b(?!\s+\d)")),
            ("year", re.compile(rf"\b(?i:{ypre})\s*(?i:early\s+|late\s+|mid-?)?{year}\b(?!\s*[-–—]\s*\d)")),
            ("dayonly", re.compile(r"\b(?i:on\s+the\s+)(?P<day>\d{1,2})(?:st|nd|rd|th)\b(?!-)"
                                   r"(?!\s+(?:[A-Z]|(?i:anniversary|century|floor|time|round|session|grade|brigade|battalion|"
                                   r"regiment|division|corps|army|district|street|line|minute|day|week|month|year)))")),
            ("weekday", re.compile(rf"\b(?:(?P<wmod>(?i:on|last|this\s+past|past|this|early|late|overnight))\s+)?"
                                   rf"(?P<wd>{wd})(?:'s)?(?:\s+(?:morning|afternoon|evening|night))?\b")),
            ("count", re.compile(r"\b(?P<n>\d{1,2}|[A-Za-z]+(?:-[A-Za-z]+)?)\s+(?P<unit>days?|weeks?)\s+"
                                 r"(?P<dir>ago|later|earlier|after|before)\b", re.I)),
        ]

        every = [p for _, p in self.patterns] + [p for p, _ in self.publication + self.previous]
        self.gates = [Gate(p) for p in every]
        """Per pattern (``patterns``, then ``publication`` and ``previous``), the literals every match holds:
        ``_scan`` runs only the patterns a text can match ..."""
        self.finders = {p: Finder(p) for p in every}
        """... and tries each only where one of its matches can start."""

    def month(self, name: str) -> int:
        return self.months[name.rstrip(".").lower()]


@lru_cache(maxsize=1)
def grammar() -> _Grammar:
    return _Grammar()


# ---------------------------------------------------------------- raw candidates


@dataclass(slots=True)
class _Raw:
    start: int
    end: int
    kind: str
    y: int | None = None
    m: int | None = None
    d: int | None = None
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    rule: dict[str, Any] | None = None
    wmod: str = ""


def _valid(m: int | None, d: int | None) -> bool:
    return m is not None and 1 <= m <= 12 and (d is None or 1 <= d <= (29 if m == 2 else 30 if m in (4, 6, 9, 11)
                                                                   else 31))


def _raw_from(g: _Grammar, kind: str, mt: re.Match[str]) -> _Raw | None:
    gd = mt.groupdict()
    y = int(gd["year"]) if gd.get("year") else None
    r = _Raw(mt.start(), mt.end(), kind, y=y)
    if kind in ("dmy", "mdy", "drange", "my", "month"):
        r.m = g.month(gd["mon"])
    if kind in ("dmy", "mdy", "drange", "dayonly", "iso"):
        r.d = int(gd["day"])
    if kind == "iso":
        r.m = int(gd["mon"])
    if kind == "drange":
        r.m2, r.d2, r.y2 = r.m, int(gd["day2"]), y
        if r.d2 <= (r.d or 0):
            return None
    if kind == "numeric":
        return _numeric(r, int(gd["a"]), int(gd["b"]), gd["sep"])
    if kind == "yrange":
        y2 = gd["year2"]
        r.y2 = int(y2) if len(y2) == 4 else (y or 0) // 100 * 100 + int(y2)
        if r.y2 <= (y or 0) or r.y2 - (y or 0) > 30:
            return None
    if kind == "weekday":
        r.d, r.wmod = g.weekdays[gd["wd"].lower()], (gd.get("wmod") or "").lower()
    if kind == "count":
        return _count(g, r, gd)
    if kind not in ("dayonly", "weekday", "year", "yrange") and not _valid(r.m, r.d):
        return None
    return r


def _numeric(r: _Raw, a: int, b: int, sep: str) -> _Raw | None:
    """11.12.2020 is day.month.year; with slashes, an order only when one part exceeds 12."""
    if sep == "/" and a <= 12 and b <= 12 and a != b:
        r.kind = "year"  # 03/04/2020: day and month cannot be told apart; keep the year only
        return r
    r.d, r.m = (b, a) if a <= 12 < b else (a, b)
    return r if _valid(r.m, r.d) else None


def _count(g: _Grammar, r: _Raw, gd: dict[str, Any]) -> _Raw | None:
    n = None if gd["n"].lower() in load_data("numbers.json")["vague"] else parse_number(gd["n"])
    if n is None or n > 60:
        return None
    days = n * g.count_units[gd["unit"].lower()]
    direction = g.count_dirs[gd["dir"].lower()]
    r.kind = "pubrel" if direction == "publication" else "prevrel"
    r.rule = {"days": -days if direction in ("publication", "before") else days}
    return r


def _scan(text: str) -> list[_Raw]:
    """Every candidate expression, overlaps resolved in favour of the earliest, then longest."""
    g = grammar()
    folded = fold(text)
    runs = iter(admitted(g.gates, folded))
    cands: list[_Raw] = []
    for kind, pat in g.patterns:
        if not next(runs):
            continue
        for mt in g.finders[pat].finditer(text, folded):
            r = _raw_from(g, kind, mt)
            if r is not None:
                cands.append(r)
    for kind, rules in (("pubrel", g.publication), ("prevrel", g.previous)):
        for pat, rule in rules:
            if next(runs):
                found = g.finders[pat].finditer(text, folded)
                cands.extend(_Raw(mt.start(), mt.end(), kind, rule=rule) for mt in found)
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[_Raw] = []
    for c in cands:
        if out and c.start < out[-1].end:
            continue
        if c.kind == "yrange" and _after_copyright(g, text, c.start):
            continue
        out.append(c)
    return _drop_weekday_with_date(text, out)


def _after_copyright(g: _Grammar, text: str, pos: int) -> bool:
    before = text[max(0, pos - 14):pos].lower()
    return any(mark in before for mark in g.copyright)


def _drop_weekday_with_date(text: str, cands: list[_Raw]) -> list[_Raw]:
    """'on Sunday, 27 September' and '27 September (Sunday)': the absolute date speaks for both."""
    keep: list[_Raw] = []
    for i, c in enumerate(cands):
        if c.kind == "weekday":
            nxt = cands[i + 1] if i + 1 < len(cands) else None
            prv = cands[i - 1] if i else None
            if nxt and nxt.kind in ("dmy", "mdy", "drange") and re.fullmatch(r"[\s,(]*", text[c.end:nxt.start]):
                continue
            if prv and prv.kind in ("dmy", "mdy", "drange") and re.fullmatch(r"[\s,(]*", text[prv.end:c.start]):
                continue
        keep.append(c)
    return keep


# ---------------------------------------------------------------- EDTF and year inference


def edtf_of(y: int | None, m: int | None = None, d: int | None = None, q: str = "") -> str:
    s = f"{y:04d}" if y is not None else "XXXX"
    if m is not None or d is not None:
        s += f"-{m:02d}" if m is not None else "-XX"
    if d is not None:
        s += f"-{d:02d}"
    return s + q


def parse_published(published: str | None) -> tuple[date | None, int | None]:
    """The publication day (None unless the string starts YYYY-MM-DD) and year."""
    if not published:
        return None, None
    m = re.match(r"((?:19|20)\d{2})(?:-(\d{2})-(\d{2}))?", published.strip())
    if not m:
        return None, None
    year = int(m.group(1))
    try:
        return (date(year, int(m.group(2)), int(m.group(3))) if m.group(2) else None), year
    except ValueError:
        return None, year


def _year_from_publication(pub: date, m: int, d: int | None) -> tuple[int, bool]:
    """The year putting month/day nearest on or before ``pub`` (a future date costs four times its
    distance). Returns (year, uncertain): uncertain when the date lands more than half a year away."""
    best: tuple[float, int, int] | None = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            delta = (date(y, m, d or 15) - pub).days
        except ValueError:
            continue
        score = -delta if delta <= 0 else 4 * delta
        if best is None or score < best[0]:
            best = (score, y, delta)
    assert best is not None
    return best[1], abs(best[2]) > 183


def _infer_year(m: int, d: int | None, pub: date | None,
                context_year: int | None) -> tuple[int | None, YearSource, str]:
    if context_year is not None:
        return context_year, "context", ""
    if pub is not None:
        y, unsure = _year_from_publication(pub, m, d)
        return y, "publication", "?" if unsure else ""
    return None, "unknown", ""


# ---------------------------------------------------------------- resolution


def _shift(y: int | None, m: int, d: int, days: int) -> tuple[int | None, int, int, str]:
    """month/day moved by ``days``; with the year unknown, '?' when leap years would disagree."""
    if y is not None:
        t = date(y, m, d) + timedelta(days=days)
        return t.year, t.month, t.day, ""
    try:
        a = date(2001, m, d) + timedelta(days=days)
    except ValueError:
        a = date(2000, m, d) + timedelta(days=days)
    b = date(2000, m, d) + timedelta(days=days)
    return None, a.month, a.day, "" if (a.month, a.day) == (b.month, b.day) else "?"


def resolve_against(mention: DateMention, anchor: DateMention) -> DateMention:
    """Date a mention relative to another ("the following day" after "On 24 March ..."): the anchor's
    day moved by ``mention.offset_days``; the year stays as known (and sourced) as the anchor's."""
    if anchor.month is None or anchor.day is None or anchor.precision == "unknown":
        return mention
    y, m, d, q = _shift(anchor.year, anchor.month, anchor.day, mention.offset_days)
    return replace(mention, edtf=edtf_of(y, m, d, q), precision="day", year_source=anchor.year_source,
                   year=y, month=m, day=d, anchor="previous")


def _unknown(r: _Raw, text: str, anchor: Anchor, offset: int = 0) -> DateMention:
    return DateMention(r.start, r.end, text[r.start:r.end], "XXXX-XX-XX", "unknown", "unknown", True,
                       anchor=anchor, offset_days=offset)


def _pubrel(r: _Raw, text: str, pub: date | None) -> DateMention:
    rule = r.rule or {}
    if pub is None:
        return _unknown(r, text, "publication", int(rule.get("days", 0)))
    unit, off, q = rule.get("unit"), int(rule.get("offset", 0)), "?" if rule.get("uncertain") else ""
    base = DateMention(r.start, r.end, text[r.start:r.end], "", "day", "publication", True, anchor="publication")
    if unit == "week":
        monday = pub + relativedelta(weeks=off, weekday=MO(-1))
        sunday = monday + timedelta(days=6)
        return replace(base, edtf=f"{monday.isoformat()}/{sunday.isoformat()}", precision="week",
                       year=monday.year, month=monday.month, day=monday.day)
    if unit == "weekend":  # the Saturday before publication, uncertain (the weekend's first day)
        t = pub + relativedelta(days=-1, weekday=SA(-1))
        return replace(base, edtf=t.isoformat() + "?", offset_days=(t - pub).days, year=t.year, month=t.month,
                       day=t.day)
    if unit == "month":
        t = pub + relativedelta(months=off)
        return replace(base, edtf=edtf_of(t.year, t.month), precision="month", year=t.year, month=t.month)
    if unit == "year":
        t = pub + relativedelta(years=off)
        return replace(base, edtf=edtf_of(t.year), precision="year", year=t.year)
    t = pub + timedelta(days=int(rule.get("days", 0)))
    return replace(base, edtf=t.isoformat() + q, offset_days=int(rule.get("days", 0)),
                   year=t.year, month=t.month, day=t.day)


def _weekday(r: _Raw, text: str, pub: date | None) -> DateMention:
    """'on Sunday' is the Sunday on or before publication ('last Sunday' on a Sunday: a week before)."""
    if pub is None:
        return _unknown(r, text, "publication")
    strictly_before = r.wmod in ("last", "past", "this past")
    t = pub + relativedelta(days=-1 if strictly_before else 0, weekday=weekday(r.d or 0)(-1))
    back = (pub - t).days
    return DateMention(r.start, r.end, text[r.start:r.end], t.isoformat(), "day", "publication", True,
                       anchor="publication", offset_days=-back, year=t.year, month=t.month, day=t.day)


def _absolute(r: _Raw, text: str, pub: date | None, ctx: int | None) -> DateMention:
    """Dates with a month (and maybe a day); a missing year is inferred from evidence only."""
    t = text[r.start:r.end]
    y, src, q = (r.y, "explicit", "") if r.y is not None else _infer_year(r.m or 1, r.d, pub, ctx)
    if r.kind in ("my", "month"):
        return DateMention(r.start, r.end, t, edtf_of(y, r.m, None, q), "month", src, year=y, month=r.m)
    if r.kind == "drange":
        return DateMention(r.start, r.end, t, f"{edtf_of(y, r.m, r.d)}/{edtf_of(y, r.m2, r.d2)}{q}", "week"
                           if (r.d2 or 0) - (r.d or 0) < 7 else "month", src, year=y, month=r.m, day=r.d)
    return DateMention(r.start, r.end, t, edtf_of(y, r.m, r.d, q), "day", src, year=y, month=r.m, day=r.d)


def _resolve(r: _Raw, text: str, pub: date | None, ctx: int | None, prev: DateMention | None) -> DateMention:
    t = text[r.start:r.end]
    if r.kind == "year":
        return DateMention(r.start, r.end, t, edtf_of(r.y), "year", "explicit", year=r.y)
    if r.kind == "yrange":
        return DateMention(r.start, r.end, t, f"{r.y:04d}/{r.y2:04d}", "year", "explicit", year=r.y)
    if r.kind == "pubrel":
        return _pubrel(r, text, pub)
    if r.kind == "weekday":
        return _weekday(r, text, pub)
    if r.kind == "prevrel":
        days = int((r.rule or {}).get("days", 0))
        if prev is not None:
            return resolve_against(_unknown(r, text, "previous", days), prev)
        return _pubrel(r, text, pub) if pub is not None else _unknown(r, text, "previous", days)
    if r.kind == "dayonly":
        if prev is not None and prev.month is not None:
            return DateMention(r.start, r.end, t, edtf_of(prev.year, prev.month, r.d), "day", prev.year_source,
                               year=prev.year, month=prev.month, day=r.d)
        return DateMention(r.start, r.end, t, edtf_of(None, None, r.d), "day", "unknown", day=r.d)
    return _absolute(r, text, pub, ctx)


def _merge_ranges(text: str, ms: list[DateMention]) -> list[DateMention]:
    """'28 February to 2 March 2020' -> one interval; the first date borrows the second's year."""
    out: list[DateMention] = []
    for m in ms:
        p = out[-1] if out else None
        if (p and p.precision == "day" and m.precision == "day" and not p.relative and not m.relative
                and p.month and m.month and p.day and m.day
                and re.fullmatch(r"\s*(?:-|–|—|to|and|until|till|through)\s*", text[p.end:m.start])):
            y1 = p.year
            if p.year_source != "explicit" and m.year_source == "explicit" and m.year is not None:
                y1 = m.year - 1 if p.month > m.month else m.year
            start = p.start - 8 if re.search(r"(?:between|from)\s+$", text[max(0, p.start - 8):p.start]) else p.start
            start = max(0, start)
            span = (date(2001, m.month, 1) - date(2001, p.month, 1)).days + m.day - p.day
            out[-1] = replace(p, start=start, end=m.end, text=text[start:m.end],
                              edtf=f"{edtf_of(y1, p.month, p.day)}/{m.edtf}", year=y1,
                              year_source=m.year_source if y1 is not None else p.year_source,
                              precision="week" if 0 <= span < 7 else "month")
            continue
        out.append(m)
    return out


def _flag_background(ms: list[DateMention], ref: int | None) -> list[DateMention]:
    if ref is None:
        ref = max((m.year for m in ms if m.year_source == "explicit" and m.year is not None), default=None)
    if ref is None:
        return ms
    out = []
    for m in ms:
        last = int(m.edtf.split("/")[-1][:4]) if m.year_source == "explicit" and m.year is not None else None
        out.append(replace(m, background=True) if last is not None and last < ref - 1 else m)
    return out


def find_dates(text: str, published: str | None = None, context_year: int | None = None) -> list[DateMention]:
    """Every date expression in ``text``, in order, resolved to EDTF (see the module doc).

    ``published``: the article's publication date ("2020-10-22", or any string starting so); it dates
    "yesterday", "on Sunday", and gives a missing year. ``context_year``: a year the caller derived from
    explicit evidence about the same days (``infer_context_year``); it wins over ``published``.
    """
    return _resolve_all(text, _scan(text), published, context_year)


def find_dates_in_context(text: str, published: str | None = None) -> list[DateMention]:
    """``find_dates`` with the context year ``infer_context_year`` finds and the publication date only
    when the text does not disown it (``is_repost``); the text is scanned once."""
    return in_context(text, published)[0]


def in_context(text: str, published: str | None) -> tuple[list[DateMention], str | None]:
    """(mentions, publication date used): the publication date is None for a republished article."""
    raws = _scan(text)
    first = _resolve_all(text, raws, published, None)
    if published and is_repost(text, first, published):
        published = None
        first = _resolve_all(text, raws, None, None)
    ctx_year = infer_context_year(text, first)
    return (_resolve_all(text, raws, published, ctx_year) if ctx_year else first), published


def is_repost(text: str, mentions: list[DateMention], published: str) -> bool:
    """A republished article: its own explicit dates (at least ``min_explicit`` of day, week or month
    precision, within ``span_years`` of each other) all lie ``min_years_before`` or more before the file's
    date, no explicit year is recent, and the text does not look back ("four years ago"). When the text's
    own years disagree with the file date, the text wins (dates.json "repost")."""
    g = grammar()
    _, pub_year = parse_published(published)
    explicit = [m for m in mentions if m.year_source == "explicit" and m.year is not None]
    dated = [m.year for m in explicit if m.precision in ("day", "week", "month") and m.year is not None]
    if pub_year is None or len(dated) < g.repost["min_explicit"] or g.looks_back.search(text):
        return False
    latest = max(int(m.edtf.split("/")[-1][:4]) for m in explicit)
    return latest <= pub_year - g.repost["min_years_before"] and max(dated) - min(dated) <= g.repost["span_years"]


def _apposed_after(text: str, before: DateMention, r: _Raw) -> bool:
    """'on Wednesday, a day after hosting the talks' / 'this morning, two days after she was seized': the
    clause after 'after' happened that many days before the date just written, not after it."""
    return (text[r.start:r.end].lower().endswith("after") and re.fullmatch(r"\s*,?\s*", text[before.end:r.start])
            is not None and re.match(r"\s+[A-Za-z]", text[r.end:r.end + 3]) is not None)


def _back_from_publication(r: _Raw, text: str, pub: date | None, m: DateMention) -> DateMention:
    """'It comes three weeks after <clause>': the clause counted back from publication (daterel.py)."""
    resolved = date(m.year, m.month, m.day) if r.kind == "prevrel" and m.year and m.month and m.day else None
    back = counted_back(text, r.start, r.end, int((r.rule or {}).get("days", 0)), resolved, pub) \
        if r.kind == "prevrel" else None
    if back is None:
        return m
    t, approximate = back
    if approximate:
        return replace(m, edtf=edtf_of(t.year, t.month), precision="month", year_source="publication",
                       anchor="publication", offset_days=(t - pub).days if pub else 0, year=t.year, month=t.month,
                       day=None)
    return replace(m, edtf=t.isoformat(), precision="day", year_source="publication", anchor="publication",
                   offset_days=(t - pub).days if pub else 0, year=t.year, month=t.month, day=t.day)


def _resolve_all(text: str, raws: list[_Raw], published: str | None, context_year: int | None) -> list[DateMention]:
    pub, pub_year = parse_published(published)
    out: list[DateMention] = []
    prev: DateMention | None = None
    for r in raws:
        if out and r.kind == "prevrel" and _apposed_after(text, out[-1], r):
            r = replace(r, rule={**(r.rule or {}), "days": -int((r.rule or {}).get("days", 0))})
            m = _resolve(r, text, pub, context_year, out[-1] if out[-1].day is not None else prev)
        else:
            m = _back_from_publication(r, text, pub, _resolve(r, text, pub, context_year, prev))
        out.append(m)
        if m.month is not None and m.precision in ("day", "month") and not m.background:
            prev = m if m.day is not None or prev is None or prev.month != m.month else prev
    out = _merge_ranges(text, out)
    return _flag_background(out, context_year if context_year is not None else pub_year)
