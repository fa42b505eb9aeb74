"""Undated occurrences in a retrospective article: they belong to the article's past, not to today.

An article about footage released now of protests in May, a trial for an arson in 2017 or a speech
recalling a journalist hurt at a protest months ago dates the occurrences it tells only in the past;
its undated retellings of the same kind of occurrence ("police are seen beating a protester") are of
that past too. Data: data/extract/retrospect.json groups ACLED event types into families
(demonstrations: Protests and Riots; political violence: Battles, Explosions/Remote violence,
Violence against civilians). When every event of a family that the article dates itself lies before
the current window (months ago), the family's undated events become background too, dated as the
nearest of them. One current dated event of the family keeps the undated ones current (the publication
month, ACLED's convention); history (dated years back: the 2016 war recalled in a report on today's
shelling) is context and decides nothing. In a republished text, whose own dates lie years before its
file date, every undated event is background.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from fogline.extract.numbers import load_data
from fogline.model import EVENT_TYPES, Sentence

if TYPE_CHECKING:
    from fogline.extract.events import Draft

NOTE = "background: the article dates this kind of occurrence only in the past; date of its nearest dated telling"
REPUBLISHED = "background: a republished text whose own dates lie years before its file date"


@dataclass(frozen=True, slots=True)
class Families:
    """data/extract/retrospect.json: event_type -> the family it is dated with."""

    of_type: dict[str, str]

    @classmethod
    def load(cls) -> Families:
        data = load_data("retrospect.json")
        return cls({t: fam for fam, types in data["families"].items() for t in types})

    def of(self, subtype: str) -> str:
        event_type = EVENT_TYPES.get(subtype, subtype)
        return self.of_type.get(event_type, event_type)


def undated(d: Draft) -> bool:
    """The text does not date the draft: no date, the publication month, or a neighbour's lent date."""
    return d.date is None or d.date.fallback or d.date.borrowed


def hot_news(sent: Sentence, pos: int) -> bool:
    """Is the occurrence at ``pos`` told in the present perfect ("forces have shelled the town")? That
    is news of now, whatever else the article dates in the past."""
    if sent.parse is None:
        return False
    tok = next((t for t in sent.parse if t.idx <= pos - sent.start < t.idx + len(t)), None)
    verb = tok if tok is None or tok.pos_ in ("VERB", "AUX") else tok.head
    return verb is not None and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") and c.lemma_ == "have"
                                    for c in verb.children)


def backdate(drafts: list[Draft], families: Families, sents: list[Sentence], republished: bool = False) -> None:
    """Mark background the undated drafts of a family whose dated drafts are all background, dated as
    the nearest of those, unless told as news of now (``hot_news``); in a ``republished`` text (its own
    dates lie years before the file's date) every undated draft."""
    dated: dict[str, list[Draft]] = {}
    for d in drafts:
        if not undated(d) and not d.hypothetical and not d.date.background:  # history is context, not the story
            dated.setdefault(families.of(d.subtype), []).append(d)
    for d in drafts:
        if d.background or not undated(d):
            continue
        told = dated.get(families.of(d.subtype), [])
        if republished:
            d.background = True
            d.notes.append(REPUBLISHED)
        elif told and all(t.background for t in told) and not hot_news(sents[d.index], d.trigger):
            nearest = min(told, key=lambda t: abs(t.index - d.index))
            d.background, d.date = True, replace(nearest.date, borrowed=True)
            d.notes.append(NOTE)
