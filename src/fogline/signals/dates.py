"""Publication date from datelines ("22 October 2020, 13:08", "Posted on March 25, 2022") as EDTF."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


@dataclass(slots=True, frozen=True)
class DateRules:
    """From data/signals/dates.json, compiled."""

    pattern: re.Pattern[str]
    months: dict[str, int]
    prefix: re.Pattern[str]
    head_lines: int
    max_words: int


def compile_rules(months: dict[str, int], prefixes: list[str], head_lines: int, max_words: int) -> DateRules:
    names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    pattern = re.compile(
        rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{names})\.?,?\s+(?P<y1>\d{{4}})"
        rf"|(?P<m2>{names})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
        rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})"
        rf"|(?P<d4>\d{{1,2}})\.(?P<m4>\d{{1,2}})\.(?P<y4>\d{{4}}))(?!\d)",
        re.IGNORECASE,
    )
    prefix = re.compile(r"^\W*(?:" + "|".join(map(re.escape, prefixes)) + r")\b", re.IGNORECASE)
    return DateRules(pattern, months, prefix, head_lines, max_words)


def _edtf(m: re.Match[str], months: dict[str, int]) -> str | None:
    g = m.groupdict()
    for k in "1234":
        if g[f"y{k}"]:
            y, mo, d = g[f"y{k}"], g[f"m{k}"], g[f"d{k}"]
            month = int(mo) if mo.isdigit() else months.get(mo.lower().rstrip("."), 0)
            try:
                day = dt.date(int(y), month, int(d))
            except ValueError:
                return None
            return day.isoformat() if 1990 <= day.year <= 2100 else None
    return None


def _opens_or_follows_separator(line: str, at: int) -> bool:
    """The date opens the line, or follows a byline separator ("By X | 25 March 2022")."""
    before = line[:at].rstrip()
    return not before.strip() or before[-1] in "|·•—–-,:"


def find_published(raw: str, rules: DateRules) -> tuple[str, int, int] | None:
    """The first dateline's date as EDTF with its raw offsets: a short line near the top, or a prefixed line."""
    pos, seen = 0, 0
    for line in raw.split("\n"):
        start, text = pos, line.strip()
        pos += len(line) + 1
        if not text:
            continue
        seen += 1
        prefixed = rules.prefix.match(text) is not None
        if not (seen <= rules.head_lines or prefixed) or len(text.split()) > rules.max_words:
            continue
        m = rules.pattern.search(line)
        if m is None or not (prefixed or _opens_or_follows_separator(line, m.start())):
            continue
        edtf = _edtf(m, rules.months)
        if edtf:
            return edtf, start + m.start(), start + m.end()
    return None


def normalise(value: str | None) -> str | None:
    """Metadata dates as EDTF: ISO date-times keep their date; anything else is kept as given."""
    if not value or not value.strip():
        return None
    m = _ISO_DATE.match(value.strip())
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else value.strip()
