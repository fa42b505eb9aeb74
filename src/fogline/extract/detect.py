"""Event detection in one sentence: the ACLED sub_event_type its cues support, and the trigger.

Cue weights per subtype come from data/extract/events.json. A subtype is present when its best cue
plus one per further distinct cue reaches ``min_score``; "combos" refine pairs (a protest with
arrests is a "Protest with intervention"); otherwise the best score wins. Adjectival uses of
territory verbs ("the occupied territories") do not count, "negative" cues (accidents,
disasters, crime, sport) demand a strong cue, and "veto" frames (claims of responsibility,
sanctions) give no event at all. Whether the sentence reports an occurrence at all (calls, questions,
generic and figurative uses, ordinary crime) is eventness.py's call, made in events._keep.

"frames" type by a verb and its object in the parse: weapons seized or defused are "Disrupted
weapons use", an attack on a church or on villagers is an "Attack" (not an "Armed clash"), a post
set up is a "Headquarters or base established". A frame holds when an object word is the verb's
direct object, its passive subject, or the object of one of the frame's prepositions under it
("attack on travellers", "opened fire at the village"); ``drop`` removes subtypes it overrides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fogline.extract.eventness import Eventness
from fogline.nlp.phrases import Hit, PhraseIndex, fold

TERRITORY = "TERRITORY"
STRONG = 7


FRAME = "FRAME"  # the nlp gate's pseudo-subtype for sentences parsed only for a frame; never typed
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "obj", "attr", "oprd"})
LINK_DEPS = frozenset({"conj", "appos"})


@dataclass(frozen=True, slots=True)
class Frame:
    """A verb-object pattern that types a sentence: ``then`` with weight ``w``, overriding ``drop``."""

    then: str
    w: int
    drop: frozenset[str]
    preps: frozenset[str]
    words: PhraseIndex[str]  # "verb", "object", or "unless" (a word that rules the frame out)


@dataclass(frozen=True, slots=True)
class EventCues:
    index: PhraseIndex[tuple[str, int]]
    negative: PhraseIndex[str]
    combos: tuple[tuple[frozenset[str], str], ...]
    order: tuple[str, ...]
    min_score: int
    veto: PhraseIndex[str] = field(default_factory=PhraseIndex)
    frames: tuple[Frame, ...] = ()
    spared: frozenset[str] = frozenset()  # subtypes "negative" cues do not veto (a protest about a landslide)
    eventness: Eventness | None = None
    charges: PhraseIndex[str] = field(default_factory=PhraseIndex)  # an arrest told with its charges stands alone
    consequences: PhraseIndex[str] = field(default_factory=PhraseIndex)  # ", prompting X to ...": a second event


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
    veto: PhraseIndex[str] = PhraseIndex((n, n) for n in data.get("veto", []))
    frames = tuple(build_frame(f) for f in data.get("frames", []))
    order = tuple(k for k in data["cues"] if k != FRAME)
    spared = frozenset(data.get("negative_spares", []))
    eventness = Eventness.from_data(data["eventness"]) if "eventness" in data else None
    charges: PhraseIndex[str] = PhraseIndex((n, n) for n in data.get("arrest_charges", []))
    then: PhraseIndex[str] = PhraseIndex((n, n) for n in data.get("consequences", []))
    return EventCues(
        index, negative, combos, order, int(data.get("min_score", 2)), veto, frames, spared, eventness, charges, then
    )


def build_frame(f: dict[str, Any]) -> Frame:
    words: PhraseIndex[str] = PhraseIndex()
    for role, key in (("verb", "verbs"), ("object", "objects"), ("unless", "unless")):
        for w in f.get(key, []):
            words.add(w, role)
    return Frame(f["then"], int(f["w"]), frozenset(f.get("drop", [])), frozenset(f.get("preps", [])), words)


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
            if subtype == FRAME or subtype == TERRITORY and _adjectival(hit, parse):
                continue
            scores[subtype] = max(scores.get(subtype, 0), w) + (1 if subtype in scores else 0)
            hits.setdefault(subtype, []).append(hit)
    return scores, hits


def choose(scores: dict[str, int], cues: EventCues, negative: bool) -> tuple[str, int] | None:
    present = {k: v for k, v in scores.items() if v >= cues.min_score}
    floor = STRONG if negative and not present.keys() <= cues.spared else cues.min_score
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


def _span_tokens(parse: Any, start: int, end: int) -> list[Any]:
    return [t for t in parse if t.idx < end and t.idx + len(t) > start]


def _head_of(toks: list[Any]) -> Any:
    ids = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in ids or t.head.i == t.i), toks[-1])


def _attached(obj: Any, verbs: set[int], preps: frozenset[str]) -> bool:
    """Is ``obj`` (through "caches of weapons", coordination) an object of one of the ``verbs``?"""
    tok = obj
    for _ in range(5):
        if tok.dep_ in LINK_DEPS and tok.head.i != tok.i:
            tok = tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i not in verbs:
            tok = tok.head.head
        else:
            break
    if tok.dep_ in OBJECT_DEPS and tok.head.i in verbs:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ in preps:
        return tok.head.i in verbs or tok.head.head.i in verbs
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i in verbs


def framed(text: str, cues: EventCues, parse: Any) -> list[tuple[Frame, Hit[str]]]:
    """The frames whose verb governs one of their objects in this sentence, with the verb's hit."""
    if parse is None or not cues.frames:
        return []
    folded = fold(text)
    out = []
    for f in cues.frames:
        hits = f.words.find(text, folded)
        verbs = [h for h in hits if "verb" in h.values]
        objs = [h for h in hits if "object" in h.values]
        if not verbs or not objs or any("unless" in h.values for h in hits):
            continue
        vids = {t.i: h for h in verbs for t in _span_tokens(parse, h.start, h.end)}
        for o in objs:
            toks = _span_tokens(parse, o.start, o.end)
            if toks and _attached(_head_of(toks), set(vids), f.preps):
                out.append((f, min(verbs, key=lambda h: abs(h.start - o.start))))
                break
    return out


def _apply_frames(text: str, cues: EventCues, parse: Any, scores: dict[str, int], hits: dict[str, list[Any]]) -> None:
    for f, verb in framed(text, cues, parse):
        for k in f.drop:
            scores.pop(k, None)
        scores[f.then] = max(scores.get(f.then, 0), f.w)
        hits.setdefault(f.then, []).insert(0, Hit(verb.start, verb.end, verb.phrase, ((f.then, f.w),)))


def detect(text: str, cues: EventCues, parse: Any = None) -> Detection | None:
    """The sentence's event, or None."""
    if cues.veto.find(text):
        return None
    scores, hits = score(text, cues, parse)
    _apply_frames(text, cues, parse, scores, hits)
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
