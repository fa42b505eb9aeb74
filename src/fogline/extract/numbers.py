"""Numbers and quantities in English news text: digits, words, ranges, bounds and vague amounts.

Pure functions, regex only (no spaCy), compiled once per process from ``data/extract/numbers.json``:

    >>> parse_number("twenty-one")
    21
    >>> [(q.value, q.bound) for q in find_quantities("more than 100 wounded")]
    [(100, 'more than')]

Conventions (see the data file's ``about``): ``value`` is the figure a ledger should record, following
ACLED's conservative rule (the lowest stated figure; "tens" 10, "dozens" 12, "hundreds" 100); ``low`` and
``high`` give the range the words allow (``None``: open). A range "10-15" records 10 with low 10, high 15;
"more than 100" records 100 with low 101; "about 30" records 30, ``approx`` true.

Not quantities: model names glued to letters ("MiG-29", "T-72", "GNT-2"), times ("20:40"), percentages,
ordinals ("25th"), bare years (1900-2099 written without a thousands comma) and numbers inside dates
("24 March", "March 24", "11.12.2020").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["Quantity", "alternation", "find_quantities", "load_data", "parse_number"]


@lru_cache(maxsize=8)
def load_data(name: str) -> dict[str, Any]:
    """One of the versioned JSON files under ``fogline/data/extract`` (cached per process)."""
    path = resources.files("fogline").joinpath("data", "extract", name)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if "version" not in data:
        raise ValueError(f"fogline/data/extract/{name}: missing 'version' key")
    return data


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity in text: ``text[start:end]``, the value to record and the range the words allow."""

    start: int
    end: int
    text: str
    value: int
    low: int | None
    high: int | None
    approx: bool = False
    bound: str | None = None  # "more than" | "at least" | "up to" | "nearly" | "about"
    vague: bool = False  # "dozens", "several", "a few": a convention, not a count


def alternation(words: list[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


class _Grammar:
    """Compiled patterns and lookup tables built from the data files."""

    def __init__(self) -> None:
        d = load_data("numbers.json")
        self.units: dict[str, int] = d["units"]
        self.tens: dict[str, int] = d["tens"]
        self.scales: dict[str, int] = d["scales"]
        self.fixed: dict[str, int] = {k.lower(): v for k, v in d["fixed"].items()}
        self.bounds: dict[str, str] = {k.lower(): v for k, v in d["bounds"].items()}
        self.vague: dict[str, dict[str, int | None]] = {k.lower(): v for k, v in d["vague"].items()}
        word = alternation([*self.units, *self.tens, *self.scales])
        wordnum = rf"(?:{word})(?:(?:\s+and\s+|[\s-]+)(?:{word}))*"
        digits = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:hundred|thousand|million))?"
        num = rf"(?:{alternation(list(self.fixed))}|{digits}|{wordnum})"
        self.num = re.compile(rf"(?:{num})\Z", re.I)
        edge_l, edge_r = r"(?<![\w-])", r"(?![\w%:])(?!\.\d)(?!,\d)(?!/\d)(?!-[A-Za-z])"
        self.pattern = re.compile(
            rf"{edge_l}(?:(?P<bound>{alternation(list(self.bounds))})\s+)?"
            rf"(?:between\s+(?P<r1>{num})\s+and\s+(?P<r2>{num})"
            rf"|(?P<a>{num})\s*(?:-|–|—|\bto\b|\bor\b)\s*(?P<b>{num})"
            rf"|(?P<vague>{alternation(list(self.vague))})"
            rf"|(?P<n>{num})){edge_r}",
            re.I,
        )
        months = alternation(list(load_data("dates.json")["months"]))
        self.datelike = re.compile(
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{months})\b"
            rf"|\b(?:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
            r"|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b"
            r"|\b(?:19|20)\d{2}\b(?:\s*[-–]\s*(?:19|20)?\d{2}\b)?"
        )


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    return _Grammar()


def _words_value(g: _Grammar, text: str) -> int | None:
    """Value of spelled-out number words: 'two hundred and twenty-one' -> 221."""
    total, current, seen = 0, 0, False
    for tok in re.split(r"[\s-]+", text.lower()):
        if tok in ("and", "a", ""):
            continue
        if tok in g.units or tok in g.tens:
            current += g.units.get(tok, 0) + g.tens.get(tok, 0)
        elif tok in g.scales:
            scale = g.scales[tok]
            if scale >= 1000:
                total += (current or 1) * scale
                current = 0
            else:
                current = (current or 1) * scale
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> int | None:
    """The integer a number phrase denotes, or ``None`` if it is not one.

    Digits ("3", "1,200", "1.5 million"), words ("three", "twenty-one", "two hundred", "a dozen") and
    their mixes ("3 thousand"). Vague amounts ("dozens") give their recorded value (see module doc).
    """
    g = _grammar()
    t = " ".join(text.strip().split()).lower()
    if not t:
        return None
    if t in g.fixed:
        return g.fixed[t]
    if t in g.vague:
        return g.vague[t]["value"]
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(hundred|thousand|million))?", t)
    if m:
        value = float(m.group(1).replace(",", ""))
        return int(round(value * (g.scales[m.group(2)] if m.group(2) else 1)))
    if not g.num.match(t):
        return None
    return _words_value(g, t)


def _bounded(value: int, bound: str | None) -> tuple[int | None, int | None, bool]:
    """(low, high, approx) implied by a bound word before an exact figure."""
    if bound == "more than":
        return value + 1, None, False
    if bound == "at least":
        return value, None, False
    if bound == "up to":
        return None, value, False
    if bound == "nearly":
        return None, value, True
    if bound == "about":
        return value, value, True
    return value, value, False


def _quantity(g: _Grammar, m: re.Match[str]) -> Quantity | None:
    bound = g.bounds.get(" ".join(m.group("bound").lower().split())) if m.group("bound") else None
    text = m.group(0)
    if m.group("vague"):
        v = g.vague[" ".join(m.group("vague").lower().split())]
        value = int(v["value"] or 0)
        return Quantity(m.start(), m.end(), text, value, v["low"], v["high"], True, bound, True)
    lo_txt, hi_txt = m.group("r1") or m.group("a"), m.group("r2") or m.group("b")
    if lo_txt and hi_txt:
        lo, hi = parse_number(lo_txt), parse_number(hi_txt)
        if lo is None or hi is None or hi < lo:
            return None
        return Quantity(m.start(), m.end(), text, lo, lo, hi, bound is not None, bound)
    value = parse_number(m.group("n"))
    if value is None:
        return None
    low, high, approx = _bounded(value, bound)
    return Quantity(m.start(), m.end(), text, value, low, high, approx, bound)


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in ``text[start:end]``, in order, with offsets into ``text``.

    Numbers inside dates, times, years and model names are skipped (see module doc). A range whose
    second part is impossible ("5 to 3") falls back to its first number.
    """
    g = _grammar()
    end = len(text) if end is None else end
    taken = [(d.start(), d.end()) for d in g.datelike.finditer(text, start, end)]
    out: list[Quantity] = []
    pos = start
    while pos < end:
        m = g.pattern.search(text, pos, end)
        if m is None:
            break
        if any(s < m.end() and m.start() < e for s, e in taken):
            pos = m.start() + 1
            continue
        q = _quantity(g, m)
        if q is None and (m.group("a") or m.group("r1")):
            first = m.group("a") or m.group("r1")
            value = parse_number(first)
            off = m.start("a") if m.group("a") else m.start("r1")
            q = None if value is None else Quantity(off, off + len(first), first, value, value, value)
        if q is not None:
            out.append(q)
            pos = q.end
        else:
            pos = m.end()
    return out
