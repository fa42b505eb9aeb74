"""Article-level relevance: is the article about political violence, protest or armed conflict?

On a general news stream only a few articles in a hundred report an event ACLED would code; the
rest (sport, celebrities, business, ordinary crime, space launches) still use "attack", "clash" or
"riot". The nlp stage scores each article with the lexicons of data/nlp/relevance.json: conflict
vocabulary (weighted up in the headline and the lead) against off-topic vocabulary. Sentences of an
article found not relevant are parsed only when they hold a "standalone" cue (protesters, troops,
shelling): those are political wherever they appear.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from fogline.nlp.phrases import Hit, PhraseIndex, fold


@dataclass(frozen=True, slots=True)
class RelevanceRules:
    """The lexicons and thresholds of data/nlp/relevance.json."""

    conflict: PhraseIndex[int]
    off_topic: PhraseIndex[int]
    standalone: PhraseIndex[str]
    title_weight: int
    lead_sentences: int
    lead_weight: int
    min_score: int
    min_density: float
    title_score: int
    off_topic_ratio: float
    short_words: int

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> RelevanceRules:
        return cls(
            PhraseIndex((k, int(w)) for k, w in d["conflict"].items()),
            PhraseIndex((k, int(w)) for k, w in d["off_topic"].items()),
            PhraseIndex((k, k) for k in d["standalone"]),
            int(d["title_weight"]), int(d["lead_sentences"]), int(d["lead_weight"]),
            int(d["min_score"]), float(d["min_density"]), int(d["title_score"]), float(d["off_topic_ratio"]),
            int(d["short_words"]),
        )


@dataclass(frozen=True, slots=True)
class Relevance:
    """An article's conflict and off-topic scores, and the verdict."""

    conflict: int
    off_topic: int
    title: int
    words: int
    relevant: bool


def load_relevance() -> RelevanceRules:
    path = resources.files("fogline.data").joinpath("nlp/relevance.json")
    return RelevanceRules.from_data(json.loads(path.read_text("utf-8")))


def weight(text: str, index: PhraseIndex[int]) -> int:
    """The summed weights of every term found in ``text``."""
    return hits_weight(index.find(text, fold(text)))


def hits_weight(hits: list[Hit[int]]) -> int:
    return sum(max(h.values) for h in hits)


def judge(title: str, sentences: list[str], rules: RelevanceRules,
          hits: list[tuple[list[Hit[int]], list[Hit[int]]]] | None = None) -> Relevance:
    """Score an article from its headline and its sentences (the lead counts more). ``hits``: each
    sentence's conflict and off-topic hits, when a scan of the sentences found them already."""
    if hits is None:
        hits = [(rules.conflict.find(s), rules.off_topic.find(s)) for s in sentences]
    weights = [(hits_weight(c) if c else 0, hits_weight(o) if o else 0) for c, o in hits]  # most hold none
    head = weight(title, rules.conflict)
    lead = sum(c for c, _ in weights[: rules.lead_sentences])
    body = sum(c for c, _ in weights[rules.lead_sentences :])
    conflict = head * rules.title_weight + lead * rules.lead_weight + body
    off = weight(title, rules.off_topic) * rules.title_weight + sum(o for _, o in weights)
    words = max(1, sum(map(len, map(str.split, sentences))))
    dense = words < rules.short_words or (conflict >= rules.min_score and 100 * conflict / words >= rules.min_density)
    relevant = (dense or head >= rules.title_score) and off <= conflict * rules.off_topic_ratio
    return Relevance(conflict, off, head, words, relevant)


def standalone(text: str, rules: RelevanceRules) -> bool:
    """Does the sentence hold a cue that is political wherever it appears?"""
    return bool(rules.standalone.find(text, fold(text)))
