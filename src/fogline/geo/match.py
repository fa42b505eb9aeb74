"""Finding toponym mentions: Aho-Corasick over the skeleton of the text, cue words, fuzzy fallback.

A mention is a capitalised stretch of ``Document.text`` whose skeleton key is in the gazetteer
(exactly, or within a bounded edit distance when a place cue such as "village of" or "near" says a
place name must follow). Words that only look like places (demonyms, months, persons with a title,
organisations) are dropped here, before resolution.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process

from fogline.geo.gazetteer import Gazetteer, KeyHit
from fogline.geo.textnorm import data_file, fold, key, skeleton

_WORD = re.compile(r"[^\W\d_][\w'’ʼ\-]*", re.UNICODE)
FUZZY_CUES = frozenset({"village", "town", "city", "near", "district", "in"})
MAX_FUZZY = 12
_CAPITALISED = re.compile(r"[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?")


@dataclass(slots=True)
class Mention:
    """A stretch of text that may name a place, with the gazetteer entries its key reaches."""

    start: int
    end: int
    text: str
    key: str
    hits: list[KeyHit]
    cue: str | None = None
    cue_text: str | None = None
    fuzzy: float | None = None
    cue_after: bool = False
    flags: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class MatchRules:
    """The word lists of ``notplaces.json``, folded."""

    never: frozenset[str]
    titles: frozenset[str]
    orgs: frozenset[str]
    cues_before: tuple[tuple[str, str], ...]
    cues_after: dict[str, str]
    fuzzy_cues: re.Pattern[str]  # every cue that may precede a misspelt name, longest first, in one pattern


@cache
def match_rules() -> MatchRules:
    d: dict[str, Any] = data_file("notplaces.json")
    before = sorted(((fold(k), v) for k, v in d["cues_before"].items()), key=lambda kv: -len(kv[0]))
    fuzzy = "|".join(re.escape(c) for c, kind in before if kind in FUZZY_CUES)
    return MatchRules(frozenset(fold(w) for w in d["never_places"]), frozenset(d["person_titles"]),
                      frozenset(d["organisation_words"]), tuple(before),
                      {fold(k): v for k, v in d["cues_after"].items()}, re.compile(rf"\b({fuzzy}) (?:the )?"))


def _capitalised(text: str) -> bool:
    words = _WORD.findall(text)
    return bool(words) and words[0][0].isupper() and all(w[0].isupper() or len(w) <= 3 for w in words)


def _raw_matches(text: str, gaz: Gazetteer) -> list[Mention]:
    sk = skeleton(fold(text))
    s = sk.text
    found: list[Mention] = []
    for end_i, k in gaz.build_automaton().iter(s):
        start_i = end_i - len(k) + 1
        if (start_i > 0 and s[start_i - 1].isalnum()) or (end_i + 1 < len(s) and s[end_i + 1].isalnum()):
            continue
        a, b = sk.source_span(start_i, end_i + 1)
        while b > a and not text[b - 1].isalnum():
            b -= 1
        surface = text[a:b]
        if _capitalised(surface):
            found.append(Mention(a, b, surface, k, gaz.keys[k]))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in found:
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([A-Za-z][\w.]*)\W{0,2}$", text[max(0, pos - 40):pos])
    return m.group(1) if m else ""


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"[ \t]?([\w’']+)", text[pos:pos + 40])
    return m.group(1) if m else ""


def _cue(text: str, m: Mention, rules: MatchRules) -> tuple[str | None, str | None, bool]:
    """The place cue around a mention: (kind, the cue words, whether they follow the name)."""
    before = fold(text[max(0, m.start - 40):m.start]).rstrip()
    before = re.sub(r"\bthe$", "", before).rstrip()
    for cue, kind in rules.cues_before:
        if before.endswith(cue) and (len(before) == len(cue) or not before[-len(cue) - 1].isalnum()):
            return kind, cue, False
    after = fold(_next_word(text, m.end))
    if after in rules.cues_after:
        return rules.cues_after[after], after, True
    return None, None, False


_ROUTE_WORDS = re.compile(r"\b(?:road|roads|highway|motorway|route|railway|border|borders|frontier|pipeline)\b",
                          re.IGNORECASE)


def in_route(text: str, start: int, end: int) -> bool:
    """The name is one end of a route or border name (``the Yerevan-Vanadzor highway``)."""
    joined = re.search(r"[A-Z]\w*[-–]$", text[max(0, start - 30):start]) is not None or \
        re.match(r"[-–][A-Z]", text[end:end + 2]) is not None
    return joined and _ROUTE_WORDS.search(text[max(0, start - 40):end + 40]) is not None


def _not_a_place(text: str, m: Mention, rules: MatchRules) -> str | None:
    """Why the mention is no place (a demonym, a person, an organisation), or ``None``."""
    folded = fold(m.text).strip()
    if folded in rules.never:
        return f"'{m.text}' is on the never-a-place list (demonym, month or common word)"
    prev = _prev_word(text, m.start).rstrip(".").lower()
    if prev in rules.titles:
        return f"'{m.text}' follows the person word '{prev}'"
    nxt = _next_word(text, m.end)
    if nxt.lower() in rules.orgs:
        return f"'{m.text}' is followed by the organisation word '{nxt}'"
    return None


def _person_like(text: str, m: Mention, placed: set[int]) -> bool:
    """A capitalised word glued to the mention (``Armen Sarkissian``) that is itself no place."""
    nxt = re.match(r" ([A-Z][a-z]{2,})", text[m.end:m.end + 30])
    if nxt and m.end + 1 not in placed and fold(nxt.group(1)) not in match_rules().cues_after:
        return True
    prv = re.search(r"([A-Z][a-z]{2,}) $", text[max(0, m.start - 30):m.start])
    if prv and (m.start - len(prv.group(1)) - 1) not in placed:
        sent_start = re.search(r"(^|[.!?:;\n\"“(]\s*)$", text[:m.start - len(prv.group(1)) - 1])
        if not sent_start and fold(prv.group(1)) not in {c for c, _ in match_rules().cues_before}:
            return True
    return False


def _village_only(m: Mention, gaz: Gazetteer) -> bool:
    """Only small places carry the name: a person or organisation sharing it is likelier."""
    return all(not gaz.entries[h.entry].is_admin and gaz.entries[h.entry].population < 20_000 for h in m.hits)


def _inherit_list_cues(text: str, mentions: list[Mention]) -> None:
    """``villages of A, B and C``: B and C take A's cue."""
    for prev, cur in zip(mentions, mentions[1:], strict=False):
        gap = text[prev.end:cur.start]
        if cur.cue is None and prev.cue and re.fullmatch(r"\s*(,|and|or|, and)\s*", gap):
            cur.cue, cur.cue_text = prev.cue, prev.cue_text
            cur.flags.append(f"list after '{prev.text}'")


def _fuzzy_mentions(text: str, gaz: Gazetteer, taken: list[Mention], rules: MatchRules) -> list[Mention]:
    """Capitalised words right after a strong place cue that matched nothing: closest key, bounded."""
    out: list[Mention] = []
    spans = sorted((m.start, m.end) for m in taken)  # bisected below: not every cue against every mention
    longest = max((e - s for s, e in spans), default=0)
    folded = fold(text)
    keys = gaz.fuzzy_keys()
    kinds = dict(rules.cues_before)
    for cm in rules.fuzzy_cues.finditer(folded):
        cue, kind = cm.group(1), kinds[cm.group(1)]
        w = _CAPITALISED.match(text, cm.end(), cm.end() + 60)
        if not w or len(out) >= MAX_FUZZY:
            continue
        a, b = w.start(), w.end()
        near = spans[bisect.bisect_left(spans, (a - longest, -1)):bisect.bisect_left(spans, (b, -1))]
        if any(s < b and a < e for s, e in near) or fold(w.group(0)) in rules.never or len(w.group(0)) < 6:
            continue
        k = key(w.group(0))
        best = process.extractOne(k, keys, scorer=fuzz.ratio, score_cutoff=90 if kind == "in" else 86)
        if best:
            out.append(Mention(a, b, w.group(0), best[0], gaz.keys[best[0]], kind, cue, fuzzy=best[1] / 100))
            bisect.insort(spans, (a, b))
            longest = max(longest, b - a)
    return out


def find_mentions(text: str, gaz: Gazetteer) -> tuple[list[Mention], list[tuple[Mention, str]]]:
    """Place mentions in ``text`` and the rejected look-alikes with the reason each was rejected."""
    rules = match_rules()
    mentions = _raw_matches(text, gaz)
    for m in mentions:
        m.cue, m.cue_text, m.cue_after = _cue(text, m, rules)
    mentions.extend(_fuzzy_mentions(text, gaz, mentions, rules))
    mentions.sort(key=lambda m: m.start)
    placed = {m.start for m in mentions}
    kept: list[Mention] = []
    rejected: list[tuple[Mention, str]] = []
    for m in mentions:
        why = _not_a_place(text, m, rules)
        if why is None and m.cue is None and _village_only(m, gaz) and _person_like(text, m, placed):
            why = f"'{m.text}' sits in a run of capitalised words that is no place (a person or a name)"
        if why:
            rejected.append((m, why))
        else:
            kept.append(m)
    _inherit_list_cues(text, kept)
    return kept, rejected
