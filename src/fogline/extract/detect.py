"""Event detection in one sentence: the ACLED sub_event_type its cues support, and the trigger.

Cue weights per subtype come from data/extract/events.json. A subtype is present when its best cue
plus one per further distinct cue reaches ``min_score``; "combos" refine pairs (a protest with
arrests is a "Protest with intervention"); otherwise the best score wins. Adjectival uses of
territory verbs ("the occupied territories") do not count, and "negative" cues (accidents,
disasters, crime, sport) demand a strong cue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fogline.nlp.phrases import Hit, PhraseIndex, fold

TERRITORY = "TERRITORY"
STRONG = 7


@dataclass(frozen=True, slots=True)
class EventCues:
    index: PhraseIndex[tuple[str, int]]
    negative: PhraseIndex[str]
    combos: tuple[tuple[frozenset[str], str], ...]
    order: tuple[str, ...]
    min_score: int


@dataclass(frozen=True, slots=True)
class Detection:
    subtype: str  # may be TERRITORY, resolved later by the actor
    score: int
    trigger: int  # offset in the sentence text
    trigger_end: int
    cues: tuple[str, ...]


def build_cues(data: dict[str, Any], index: PhraseIndex[tuple[str, int]]) -> EventCues:
    combos = tuple((frozenset(c["if"]), c["then"]) for c in data.get("combos", []))
    negative: PhraseIndex[str] = PhraseIndex((n, n) for n in data.get("negative", []))
    return EventCues(index, negative, combos, tuple(data["cues"]), int(data.get("min_score", 2)))


def _token_at(parse: Any, pos: int) -> Any | None:
    if parse is None:
        return None
    for t in parse:
        if t.idx <= pos < t.idx + len(t):
            return t
    return None


def _adjectival(hit: Hit[tuple[str, int]], parse: Any) -> bool:
    tok = _token_at(parse, hit.start)
    return tok is not None and hit.end - hit.start == len(tok) and tok.dep_ in {"amod"} and tok.tag_ in {"VBN", "JJ"}


def score(
    text: str, cues: EventCues, parse: Any = None
) -> tuple[dict[str, int], dict[str, list[Hit[tuple[str, int]]]]]:
    """Subtype scores and the hits behind them."""
    scores: dict[str, int] = {}
    hits: dict[str, list[Hit[tuple[str, int]]]] = {}
    for hit in cues.index.find(text, fold(text)):
        for subtype, w in hit.values:
            if subtype == TERRITORY and _adjectival(hit, parse):
                continue
            scores[subtype] = max(scores.get(subtype, 0), w) + (1 if subtype in scores else 0)
            hits.setdefault(subtype, []).append(hit)
    return scores, hits


def choose(scores: dict[str, int], cues: EventCues, negative: bool) -> tuple[str, int] | None:
    floor = STRONG if negative else cues.min_score
    present = {k: v for k, v in scores.items() if v >= cues.min_score}
    if not present or max(present.values()) < floor:
        return None
    for need, then in cues.combos:
        if need <= present.keys():
            if then == "@score":
                best = max(need, key=lambda k: (present[k], -cues.order.index(k)))
                return best, present[best]
            return then, sum(present[k] for k in need)
    best = max(present, key=lambda k: (present[k], -cues.order.index(k)))
    return best, present[best]


def detect(text: str, cues: EventCues, parse: Any = None) -> Detection | None:
    """The sentence's event, or None."""
    scores, hits = score(text, cues, parse)
    negative = bool(cues.negative.find(text))
    picked = choose(scores, cues, negative)
    if picked is None:
        return None
    subtype, total = picked
    pool = hits.get(subtype) or [h for k in scores for h in hits[k]]
    weight = {id(h): max(w for k, w in h.values if k in scores) for h in pool}
    trig = min(pool, key=lambda h: (h.start if weight[id(h)] >= 2 else 10**6 + h.start, _depth(parse, h)))
    return Detection(subtype, total, trig.start, trig.end, tuple(sorted(scores)))


def _depth(parse: Any, hit: Hit[tuple[str, int]]) -> int:
    """How deep the cue sits in the parse: the main clause's event word beats a parenthetical one."""
    tok = _token_at(parse, hit.start)
    return 0 if tok is None else sum(1 for _ in tok.ancestors)


def trigger_token(parse: Any, det: Detection) -> Any | None:
    """The parse token standing for the trigger (the head of a multi-word cue)."""
    if parse is None:
        return None
    toks = [t for t in parse if t.idx < det.trigger_end and t.idx + len(t) > det.trigger]
    if not toks:
        return None
    ids = {t.i for t in toks}
    for t in toks:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return toks[0]
