"""Who acted and on whom, from the dependency parse of one sentence.

Handles active and passive voice ("X shelled Y", "Y were shelled by X"), nominal triggers ("an attack
by X on Y", "Azerbaijani shelling of Y"), "positions of X", coordination, relative clauses ("forces,
who fired on ..."), and accusations ("accused X of attacking Y": X acted). Falls back to text order
when the parse links no actor to the trigger.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fogline.extract.catalogue import DEMONYM, Mention

AGENT_PREPS = frozenset({"by", "from"})
PATIENT_PREPS = frozenset({"on", "at", "against", "upon", "toward", "towards", "into", "of", "with"})
TARGET_PREPS = frozenset({"on", "at", "against", "upon"})
ACCUSE = frozenset({"accuse", "blame", "charge"})
SAYING = frozenset(
    {
        "say",
        "claim",
        "report",
        "announce",
        "state",
        "tell",
        "accuse",
        "blame",
        "deny",
        "reject",
        "confirm",
        "inform",
        "criticize",
        "criticise",
        "condemn",
        "call",
        "warn",
        "insist",
        "add",
        "note",
        "allege",
    }
)
TIME_NOUNS = frozenset(  # "on Russia's Victory Day", "at the weekend": a time, not a target
    {"day", "night", "eve", "anniversary", "weekend", "morning", "evening", "afternoon", "holiday", "week", "dawn"}
)
RELPRON = frozenset({"who", "which", "that"})
CLIMB_OF = frozenset(
    {
        "positions",
        "position",
        "post",
        "posts",
        "units",
        "unit",
        "base",
        "bases",
        "soldiers",
        "troops",
        "members",
        "group",
        "side",
        "part",
        "one",
        "servicemen",
        "convoy",
        "checkpoint",
        "lines",
        "forces",
        "territory",
        "villages",
        "settlements",
        "equipment",
        "vehicles",
        "army",
    }
)
ACTOR_KINDS_NOT_ACTING = frozenset({"media"})


@dataclass(frozen=True, slots=True)
class Roles:
    actor1: Mention | None
    actor2: Mention | None
    via: str  # "parse" | "order" | "none"


def _tokens_of(sent: Any, base: int, m: Mention) -> list[Any]:
    return [t for t in sent if t.idx + base < m.end and t.idx + len(t) + base > m.start]


def _head(tokens: list[Any]) -> Any:
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return tokens[-1]


def _climb(tok: Any) -> Any:
    """From an actor's head to the phrase that fills the argument slot."""
    for _ in range(6):
        dep = tok.dep_
        if dep in {"compound", "amod", "poss", "nmod", "appos", "conj"} and tok.head.i != tok.i:
            tok = tok.head
        elif dep == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in CLIMB_OF:
            tok = tok.head.head
        else:
            return tok
    return tok


def _governs(anc: Any, tok: Any) -> bool:
    return anc.i == tok.i or any(a.i == anc.i for a in tok.ancestors)


def role_of(h: Any, trig: Any) -> str | None:  # noqa: C901 - one rule per syntactic frame, read top-down
    """'actor1', 'actor2' or None for the argument head ``h`` relative to the trigger token."""
    dep, head = h.dep_, h.head
    if h.i == trig.i:
        return None
    if dep in {"nsubj", "csubj"} and head.lemma_ in SAYING and head.i != trig.i:
        return None
    if dep in {"nsubj", "csubj"} and _governs(head, trig):
        return "actor1"
    if dep == "nsubjpass" and _governs(head, trig):
        return "actor2"
    if dep == "pobj" and head.dep_ == "agent" and _governs(head.head, trig):
        return "actor1"
    if dep == "dobj" and head.lemma_ in ACCUSE:
        return "actor1"
    if dep == "dobj" and _governs(head, trig):
        return "actor2"
    nominal = trig.head if trig.dep_ == "compound" else trig  # "rocket" in "a rocket attack from X"
    if dep == "pobj" and head.head.i in {trig.i, nominal.i}:
        return "actor1" if head.lower_ in AGENT_PREPS else "actor2" if head.lower_ in PATIENT_PREPS else None
    if dep in {"poss", "amod", "compound", "nmod"} and head.i in {trig.i, nominal.i} and trig.pos_ in {"NOUN", "PROPN"}:
        return "actor1"
    if trig.dep_ == "relcl" and trig.head.i == h.i:
        subj = [c for c in trig.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subj and subj[0].lower_ in RELPRON:
            return "actor1" if subj[0].dep_ == "nsubj" else "actor2"
    if dep == "pobj" and head.dep_ == "prep" and head.head.i == trig.head.i and trig.dep_ in {"dobj", "pobj"}:
        return "actor2" if head.lower_ in PATIENT_PREPS else None
    if dep == "pobj" and head.lower_ in TARGET_PREPS and _within_clause(trig, head) and h.lower_ not in TIME_NOUNS:
        return "actor2"  # "fired with small arms on the positions of X", not "on China's National Day"
    return None


def _within_clause(trig: Any, tok: Any) -> bool:
    """``tok`` hangs below ``trig`` with no other verb between them."""
    for anc in tok.ancestors:
        if anc.i == trig.i:
            return True
        if anc.pos_ in {"VERB", "AUX"}:
            return False
    return False


def assign(sent: Any, base: int, trig: Any, mentions: list[Mention]) -> Roles:
    """Pick actor1/actor2 among ``mentions`` (inside this sentence) for the trigger token ``trig``."""
    found: dict[str, Mention] = {}
    holder = next((m for m in mentions if m.start <= trig.idx + base < m.end), None)
    if holder is not None and holder.entry.kind not in ACTOR_KINDS_NOT_ACTING \
            and not _speaker(sent, base, holder, trig):  # not "German chemical weapons experts say"
        found["actor1"] = holder  # "Azerbaijani combat drones carried out strikes": the weapon's owner acted
        trig = trig.head
    for m in sorted(mentions, key=lambda m: not _stated_agent(sent, base, m, trig)):
        if m.entry.kind in ACTOR_KINDS_NOT_ACTING or m is holder or _speaker(sent, base, m, trig):
            continue  # "French chemical weapons experts say he was poisoned": the experts tell, not act
        toks = _tokens_of(sent, base, m)
        if not toks:
            continue
        h = _head(toks)
        role = role_of(h, trig) or role_of(_climb(h), trig)
        if role == "actor1" and h.dep_ == "dobj" and h.head.lemma_ in ACCUSE:
            found["actor1"] = m
            continue
        if role is None and h.dep_ == "conj":
            first = h.head
            while first.dep_ == "conj":
                first = first.head
            role = role_of(_climb(first), trig)
        if role and role not in found:
            found[role] = m
    rest = [m for m in mentions if not _speaker(sent, base, m, trig)]  # "Germany said ...": no side of it
    if found:
        a1, a2 = found.get("actor1"), found.get("actor2")
        if a1 is not None and a2 is None:
            a2 = _other_side(a1, by_order(trig.idx + base, rest).actor2)
        return Roles(a1, a2, "parse")
    return by_order(trig.idx + base, rest)


def _stated_agent(sent: Any, base: int, m: Mention, trig: Any) -> bool:
    """"an attack by X", "a rocket attack from the Gaza Strip": the agent written on the trigger itself
    comes before a clause's subject ("Israeli men remove glass following a rocket attack from Gaza")."""
    if trig.pos_ not in {"NOUN", "PROPN"}:  # "forces freed the villages from X": X lost them, it did not act
        return False
    toks = _tokens_of(sent, base, m)
    h = _climb(_head(toks)) if toks else None
    nominal = trig.head if trig.dep_ == "compound" else trig  # "rocket" in "a rocket attack from ..."
    return h is not None and h.dep_ == "pobj" and h.head.lower_ in AGENT_PREPS and h.head.head.i in {trig.i, nominal.i}


def _speaker(sent: Any, base: int, m: Mention, trig: Any) -> bool:
    """The mention is the subject of a reporting verb other than the trigger ("the German government has
    said", "German experts say"): it tells of the event, it does not act in it, unless what it reports is
    its own side's act ("the army said its drones struck")."""
    toks = _tokens_of(sent, base, m)
    if not toks:
        return False
    h = _climb(_head(toks))
    if h.dep_ not in {"nsubj", "csubj"} or h.head.lemma_ not in SAYING or h.head.i == trig.i:
        return False
    return not _own_side_acts(sent, trig)


def _own_side_acts(sent: Any, trig: Any) -> bool:
    """"... said their jets struck": a pronoun of the speaker's side is the subject (or its possessor)
    of the clause holding the trigger."""
    for t in sent:
        subj = t.head if t.dep_ == "poss" else t
        if t.lower_ in OWN_SIDE and subj.dep_ in {"nsubj", "nsubjpass"} and _governs(subj.head, trig):
            return True
    return False


OWN_SIDE = frozenset({"their", "its", "our", "they", "we"})  # the speaker's own side in what it reports


TARGET_KINDS = frozenset({"civilians", "protesters"})


def _other_side(a1: Mention, cand: Mention | None) -> Mention | None:
    """The target found by order, when it belongs to another side than the actor, or is civilians
    ("shelled Kharkiv, killing three civilians": they take the event's country later)."""
    if cand is None or cand is a1:
        return None
    if not cand.entry.country:
        target = cand.entry.generic and cand.entry.kind in TARGET_KINDS and a1.entry.kind != cand.entry.kind
        return cand if target else None
    return None if cand.entry.country == a1.entry.country else cand


def by_order(pos: int, mentions: list[Mention]) -> Roles:
    """Nearest acting actor before the trigger, nearest after it as the target."""
    usable = [m for m in mentions if m.entry.kind not in ACTOR_KINDS_NOT_ACTING]
    before = [m for m in usable if m.end <= pos and m.entry.kind != DEMONYM]
    after = [m for m in usable if m.start >= pos and m.entry.kind != DEMONYM]
    a1 = before[-1] if before else None
    a2 = after[0] if after else None
    return Roles(a1, a2, "order" if a1 or a2 else "none")
