"""Genre: satire (a disclaimer, or an outlet rated satire), opinion (markers, first person, stance) or report."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fogline.model import Genre
from fogline.textmatch.words import letter_chunks

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")

MIN_WORDS = 40              # shorter texts stay "unknown" unless a marker decides
FIRST_PERSON_SHARE = 0.02   # of the words outside quotes
STANCE_SHARE = 0.006


@dataclass(slots=True, frozen=True)
class GenreRules:
    opinion_marker: re.Pattern[str]
    opinion_url: re.Pattern[str]
    first_person: frozenset[str]
    stance: frozenset[str]
    reporting: frozenset[str]


def is_opinion_marked(title: str | None, text: str, url: str | None, rules: GenreRules) -> bool:
    """An explicit label: 'Opinion:' / 'Commentary |' before the title or body, or an opinion section URL."""
    heads = [title or "", text[:200]]
    return any(rules.opinion_marker.match(h.strip()) for h in heads) or bool(url and rules.opinion_url.search(url))


def _words(text: str) -> list[str]:
    """``_WORD.findall(text)`` up to order, fast: every character that is not a letter (nor an apostrophe)
    becomes a space and the text is split; only the chunks holding an apostrophe go through the regex."""
    chunks = letter_chunks(text, keep="'")
    if "'" not in text:
        return chunks
    words = [c for c in chunks if "'" not in c]
    for chunk in chunks:
        if "'" in chunk:
            words += _WORD.findall(chunk)
    return words


def _count(words: list[str], vocabulary: frozenset[str]) -> int:
    """How many of ``words`` are in ``vocabulary`` (a C-level loop)."""
    return len(list(filter(vocabulary.__contains__, words)))


def classify(title: str | None, text: str, url: str | None, rules: GenreRules) -> Genre:
    """``opinion`` or ``report`` (or ``unknown``) for a text already known not to be satire."""
    if is_opinion_marked(title, text, url, rules):
        return "opinion"
    unquoted = _QUOTED.sub(" ", text) if ('"' in text or "“" in text or "«" in text) else text
    words = _words(unquoted.casefold())
    if len(words) < MIN_WORDS:
        return "unknown"
    n = len(words)
    first = _count(words, rules.first_person) / n
    if first < FIRST_PERSON_SHARE or _count(words, rules.stance) / n < STANCE_SHARE:
        return "report"
    return "opinion" if first > _count(words, rules.reporting) / n else "report"
