"""A small language detector: the script of most letters, else the share of each language's stopwords.

fogline reads English; an article in another language is flagged (a warning and a count in the run's
summary), not rejected. The scripts and stopwords live in ``data/ingest/languages.json``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any

_WORD = re.compile(r"[^\W\d_]+")
SAMPLE_CHARS = 4000

seen: Counter[str] = Counter()
"""Languages other than English met while reading in this process (the CLI prints and resets them)."""


@cache
def _data() -> dict[str, Any]:
    node = resources.files("fogline").joinpath("data", "ingest", "languages.json")
    data: dict[str, Any] = json.loads(node.read_text(encoding="utf-8"))
    data["sets"] = {lang: frozenset(words) for lang, words in data["stopwords"].items()}
    return data


def detect(text: str) -> str:
    """An ISO 639-1 code for ``text`` (``en`` when the text is too short or nothing else is clear)."""
    sample = text[:SAMPLE_CHARS]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return "en"
    data = _data()
    for lang, (first, last) in data["scripts"].items():
        if sum(first <= ord(c) <= last for c in letters) > len(letters) / 2:
            return lang
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 8:
        return "en"
    shares = {lang: sum(w in stop for w in words) / len(words) for lang, stop in data["sets"].items()}
    best = max(shares, key=lambda k: shares[k])
    return best if shares[best] >= data["min_share"] and shares[best] > shares["en"] else "en"
