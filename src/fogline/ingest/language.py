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

from fogline.textmatch.words import letter_chunks

_WORD = re.compile(r"[^\W\d_]+")
SAMPLE_CHARS = 4000

seen: Counter[str] = Counter()
"""Languages other than English met while reading in this process (the CLI prints and resets them)."""


@cache
def _data() -> dict[str, Any]:
    node = resources.files("fogline").joinpath("data", "ingest", "languages.json")
    data: dict[str, Any] = json.loads(node.read_text(encoding="utf-8"))
    data["sets"] = {lang: frozenset(words) for lang, words in data["stopwords"].items()}
    owners: dict[str, list[str]] = {}
    for lang, stop in data["sets"].items():
        for w in stop:
            owners.setdefault(w, []).append(lang)
    data["owners"] = owners  # stopword -> the languages whose list holds it
    data["script_letters"] = {lang: re.compile(f"[{re.escape(chr(first))}-{re.escape(chr(last))}]")
                              for lang, (first, last) in data["scripts"].items()}
    data["first_script_letter"] = chr(min(first for first, _ in data["scripts"].values()))
    data["above_first"] = _at_or_above(data["first_script_letter"])
    return data


def _at_or_above(first: str) -> re.Pattern[str]:
    """A character at or above ``first`` outside General Punctuation (U+2000-U+206F: typographic quotes and
    dashes, and no letter): a cheap scan that lets Latin text skip the one for its highest letter."""
    ranges = [(first, "\u1fff"), (max(first, "\u2070"), "\U0010ffff")]
    return re.compile("[" + "".join(f"{re.escape(lo)}-{re.escape(hi)}" for lo, hi in ranges if lo <= hi) + "]")


def letter_runs(text: str) -> list[str]:
    """``_WORD.findall(text)``, several times faster (``textmatch.words.letter_chunks``)."""
    return letter_chunks(text)


def detect(text: str) -> str:
    """An ISO 639-1 code for ``text`` (``en`` when the text is too short or nothing else is clear)."""
    sample = text[:SAMPLE_CHARS]
    runs = letter_runs(sample)
    letters = "".join(runs)
    if not letters.isalpha():  # a numeric sign that is no digit ("²") is a word character, not a letter
        letters = "".join(filter(str.isalpha, letters))
    if not letters:
        return "en"
    data = _data()
    if data["above_first"].search(sample) and max(letters) >= data["first_script_letter"]:  # (Latin text: none)
        for lang, pattern in data["script_letters"].items():
            if len(pattern.findall(letters)) > len(letters) / 2:
                return lang
    n = len(runs)
    if n < 8:
        return "en"
    found = dict.fromkeys(data["sets"], 0)  # stopwords of each language among the words, repeats counted
    owners = data["owners"]
    counts = Counter(map(str.lower, runs))  # counted in C: each distinct word is looked up once
    for w in counts.keys() & owners.keys():
        for lang in owners[w]:
            found[lang] += counts[w]
    shares = {lang: k / n for lang, k in found.items()}
    best = max(shares, key=lambda k: shares[k])
    return best if shares[best] >= data["min_share"] and shares[best] > shares["en"] else "en"
