"""Genre: satire (a disclaimer, or an outlet rated satire), opinion (markers, first person, stance) or report."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fogline.model import Genre

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


def classify(title: str | None, text: str, url: str | None, rules: GenreRules) -> Genre:
    """``opinion`` or ``report`` (or ``unknown``) for a text already known not to be satire."""
    if is_opinion_marked(title, text, url, rules):
        return "opinion"
    words = _WORD.findall(_QUOTED.sub(" ", text).casefold())
    if len(words) < MIN_WORDS:
        return "unknown"
    n = len(words)
    first = sum(w in rules.first_person for w in words) / n
    stance = sum(w in rules.stance for w in words) / n
    reporting = sum(w in rules.reporting for w in words) / n
    if first >= FIRST_PERSON_SHARE and stance >= STANCE_SHARE and first > reporting:
        return "opinion"
    return "report"
