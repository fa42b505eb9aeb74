"""Counted spans that date the clause after them: "It comes three weeks after protesters stormed the
building", "He remains in a coma nearly two weeks after collapsing". The main clause is now (present
tense), so the occurrence after "after" lies that many days BEFORE the publication date; and a count
that would put a reported occurrence after the publication counts back from it too (dates.json
"count_back": present-tense main verbs, and words that make the count approximate)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from fogline.extract.numbers import load_data

SENTENCE_END = re.compile(r"[.!?\n]")


@dataclass(frozen=True, slots=True)
class CountBack:
    """The words of dates.json "count_back", compiled."""

    present: re.Pattern[str]
    approximate: re.Pattern[str]
    lookback_words: int


@lru_cache(maxsize=1)
def count_back_words() -> CountBack:
    d = load_data("dates.json")["count_back"]
    present = "|".join(re.escape(w) for w in d["present"])
    approx = "|".join(re.escape(w) for w in d["approximate"])
    return CountBack(re.compile(rf"\b(?:{present})\b", re.I), re.compile(rf"\b(?:{approx})\s*\Z", re.I),
                     int(d["lookback_words"]))


def _main_clause(text: str, start: int, words: int) -> str:
    """The last ``words`` words of the sentence before ``start``."""
    head = text[:start]
    cut = max((m.end() for m in SENTENCE_END.finditer(head)), default=0)
    return " ".join(head[cut:].split()[-words:])


def counted_back(text: str, start: int, end: int, days: int, resolved: date | None,
                 pub: date | None) -> tuple[date, bool] | None:
    """The date of the clause after "N days/weeks after" at ``text[start:end]`` counted back from the
    publication, and whether the count is approximate ("nearly two weeks after"); None when the count
    keeps its forward reading (``resolved``: the date it gives read forward)."""
    if pub is None or days <= 0 or not text[start:end].lower().endswith("after"):
        return None
    if re.match(r"\s+[A-Za-z]", text[end:end + 3]) is None:
        return None
    cw = count_back_words()
    present = cw.present.search(_main_clause(text, start, cw.lookback_words)) is not None
    if not present and (resolved is None or resolved <= pub):
        return None
    return pub - timedelta(days=days), cw.approximate.search(text[:start]) is not None
