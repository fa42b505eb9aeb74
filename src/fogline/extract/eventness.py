"""Eventness: does a sentence with event cues report that a specific occurrence happened?

Data: data/extract/events.json "eventness". A sentence reports no occurrence when it is a question, a
quotation (it opens with a quotation mark, or the trigger sits in a quote opened after a colon), holds
a generic, figurative or non-political phrase (unless it names a specific time of its own, a generic
phrase counts: "over the past three years"), when a governor (call, urge, warn, plan...) sits above the
trigger in the parse ("called for an immediate stop to the fighting"), or the trigger is the object of a
backdrop preposition ("amid the crackdown"). Some subtypes need context words (territory is taken by
armed forces); in full articles some need a political actor (a shooting with none is ordinary crime).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fogline.nlp.phrases import PhraseIndex, fold

QUOTE_OPENERS = frozenset("'\"‘“")


def quoted(text: str, pos: int) -> bool:
    """Is ``pos`` inside a quotation opened after a colon ("..., saying: 'time to ...'")?"""
    opened = max(text.rfind(": '", 0, pos), text.rfind(': "', 0, pos), text.rfind(": ‘", 0, pos),
                 text.rfind(": “", 0, pos))
    if opened < 0:
        return False
    closers = ("' ", '" ', "’ ", "” ", "',", '",', "’,", "”,")
    return not any(text.find(c, opened + 3, pos) >= 0 for c in closers)



@dataclass(frozen=True, slots=True)
class Eventness:
    """data/extract/events.json "eventness": what makes a cue sentence report no occurrence."""

    governors: frozenset[str]  # lemmas above the trigger: calls, warnings, plans ("called for a ceasefire")
    prepositions: frozenset[str]  # a trigger under one of these is a backdrop ("amid the crackdown")
    phrases: PhraseIndex[str]  # generic, figurative or non-political phrases, valued by their class
    requires: dict[str, PhraseIndex[str]] = field(default_factory=dict)  # subtype -> context words it needs
    political_subtypes: frozenset[str] = frozenset()  # these need a political actor in the sentence
    political_kinds: frozenset[str] = frozenset()
    political_words: PhraseIndex[str] = field(default_factory=PhraseIndex)
    political_min_words: int = 0  # shorter texts (coders' notes) skip the political-actor check
    specific_time: PhraseIndex[str] = field(default_factory=PhraseIndex)  # "on Monday": not generic
    noun_governors: frozenset[str] = frozenset()  # governors that also count as nouns ("calls for")
    lone_prepositions: frozenset[str] = frozenset()  # a backdrop when the sentence holds no other event type
    backdrop_spans: frozenset[str] = frozenset()  # "months of protests": a span of time, not an occurrence

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> Eventness:
        phrases: PhraseIndex[str] = PhraseIndex()
        for kind in ("generic", "figurative", "non_political"):
            for p in d.get(kind, []):
                phrases.add(p, kind)
        requires = {k: PhraseIndex((w, w) for w in ws) for k, ws in d.get("requires", {}).items()}
        words: PhraseIndex[str] = PhraseIndex((w, w) for w in d.get("political_words", []))
        return cls(
            governors=frozenset(d.get("governors", [])),
            prepositions=frozenset(d.get("prepositions", [])),
            phrases=phrases,
            requires=requires,
            political_subtypes=frozenset(d.get("political_subtypes", [])),
            political_kinds=frozenset(d.get("political_kinds", [])),
            political_words=words,
            political_min_words=int(d.get("political_check_min_words", 0)),
            specific_time=PhraseIndex((w, w) for w in d.get("specific_time", [])),
            noun_governors=frozenset(d.get("noun_governors", [])),
            lone_prepositions=frozenset(d.get("lone_prepositions", [])),
            backdrop_spans=frozenset(d.get("backdrop_spans", [])),
        )

    def out_of_context(self, text: str, subtype: str, kinds: set[str], article_words: int) -> str | None:
        """'context' when the subtype lacks the context words it requires, 'crime' when it needs a
        political actor (of ``kinds``, the kinds of the actors named in the sentence) and has none."""
        need = self.requires.get(subtype)
        if need is not None and not need.find(text, fold(text)):
            return "context"
        if article_words < self.political_min_words:
            return None
        if subtype in self.political_subtypes and not kinds & self.political_kinds:
            return None if self.political_words.find(text, fold(text)) else "crime"
        return None

    def reason(self, text: str, trig: Any, alone: bool = False) -> str | None:
        """Why the sentence reports no occurrence ("question", "call", "generic", ...), or None.

        ``alone``: the trigger's event type is the only one the sentence's cues support, in a full
        article (a coder's note names its event even when it sets the scene: "during the protest")."""
        if text.rstrip(" '\"’”").endswith("?"):
            return "question"
        if text[:1] in QUOTE_OPENERS or (trig is not None and quoted(text, trig.idx)):
            return "quote"
        folded = fold(text)
        timed = bool(self.specific_time.find(text, folded))
        kinds = [h.values[0] for h in self.phrases.find(text, folded) if not (timed and h.values[0] == "generic")]
        return kinds[0] if kinds else self.backdrop(trig, alone) or self.governed(trig)

    def backdrop(self, trig: Any, alone: bool) -> str | None:
        """'backdrop' when the trigger only sets the scene of another clause: the object of a backdrop
        preposition ("amid the crackdown"), or, when no other event type is in the sentence, of a lone
        one ("testing rose during protests") or of a span of time ("after months of protests")."""
        if trig is None or trig.dep_ != "pobj":
            return None
        prep = trig.head.lower_
        if prep in self.prepositions or (alone and prep in self.lone_prepositions):
            return "backdrop"
        span = prep == "of" and trig.head.head.lemma_.lower() in self.backdrop_spans
        return "backdrop" if alone and span else None

    def governed(self, trig: Any) -> str | None:
        """'call' when a governor verb or noun sits above the trigger in the parse, up to the root."""
        if trig is None:
            return None
        for tok in trig.ancestors:
            passive = any(c.dep_ == "auxpass" for c in tok.children)
            lemma = tok.lemma_.lower()
            verb = tok.pos_ == "VERB" and lemma in self.governors
            if (verb or (tok.pos_ == "NOUN" and lemma in self.noun_governors)) and not passive:
                return "call"
        return None
