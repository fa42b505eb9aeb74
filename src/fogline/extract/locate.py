"""Where an event happened: the place attached to it in its sentence, else nearby, else the article's.

Preference in the sentence: a place introduced by "in/near/at/around/outside X" or "the village of X"
and close to the trigger. "near X" takes ACLED geo precision 2. A place borrowed from an earlier
sentence of the paragraph gets precision 2 at least; the article's main place, precision 3.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from fogline.model import Place, Sentence

ATTACH = re.compile(
    r"(?:\b(?:in|near|at|around|outside|to|from|into|towards?|direction of|vicinity of)\s+(?:the\s+)?"
    r"(?:(?:village|town|city|settlement|region|district|area|capital|outskirts|areas)\s+(?:of\s+)?)?"
    r"|\b(?:village|town|city|settlement|region|district|area|capital|outskirts|areas)\s+of\s+)$",
    re.IGNORECASE,
)
NEAR = re.compile(
    r"\b(?:near|around|outside|close to|vicinity of|direction of|outskirts of)\s+(?:the\s+)?$", re.IGNORECASE
)


def in_span(places: list[Place], start: int, end: int) -> list[Place]:
    return [p for p in places if p.mention is not None and start <= p.mention.start < end]


def _score(p: Place, text: str, trigger: int) -> float:
    assert p.mention is not None
    lead = text[max(0, p.mention.start - 40) : p.mention.start]
    score = -abs(p.mention.start - trigger) / 10.0
    if ATTACH.search(lead):
        score += 30
    score -= 5 * (p.precision - 1)
    if p.placetype == "country":
        score -= 40
    return score


def in_sentence(places: list[Place], text: str, s: Sentence, trigger: int) -> Place | None:
    """The sentence's place best attached to the trigger at ``trigger``."""
    cands = in_span(places, s.start, s.end)
    local = [p for p in cands if p.placetype != "country"]
    cands = local or cands
    if not cands:
        return None
    best = max(cands, key=lambda p: _score(p, text, trigger))
    assert best.mention is not None
    if NEAR.search(text[max(0, best.mention.start - 30) : best.mention.start]) and best.precision == 1:
        return replace(best, precision=2)
    return best


def main_place(places: list[Place]) -> Place | None:
    """The article's most mentioned place, at precision 3."""
    if not places:
        return None
    counts = Counter(p.gazetteer_id or p.name for p in places)
    key, _ = counts.most_common(1)[0]
    p = next(p for p in places if (p.gazetteer_id or p.name) == key)
    return replace(p, precision=3)


def coarser(p: Place, precision: int) -> Place:
    return p if p.precision >= precision else replace(p, precision=precision)  # type: ignore[arg-type]


def locate(
    places: list[Place], text: str, sents: list[Sentence], i: int, trigger: int, para_start: int
) -> Place | None:
    """Sentence first, then earlier sentences of the paragraph, then the article's main place."""
    s = sents[i]
    here = in_sentence(places, text, s, trigger)
    if here is not None:
        return here
    for j in range(i - 1, max(-1, i - 4), -1):
        if sents[j].start < para_start:
            break
        prev = in_span(places, sents[j].start, sents[j].end)
        if prev:
            return coarser(prev[-1], 2)
    return main_place(places)
