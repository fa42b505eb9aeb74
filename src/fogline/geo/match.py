"""Finding toponym mentions: Aho-Corasick over the skeleton of the text, cue words, fuzzy fallback.

A mention is a capitalised stretch of ``Document.text`` whose skeleton key is in the gazetteer
(exactly, or within a bounded edit distance when a place cue such as "village of" or "near" says a
place name must follow). Words that only look like places (demonyms, months, persons with a title,
organisations) are dropped here, before resolution.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial
from typing import Any

from rapidfuzz import fuzz, process

from fogline.geo import focus as gfocus
from fogline.geo.gazetteer import Entry, FuzzyKeys, Gazetteer, KeyHit
from fogline.geo.recognise import MAJOR_POPULATION, after_article, is_common_word, is_major, speakers, veto
from fogline.geo.runs import capitalised, city_places
from fogline.geo.textnorm import CASE_ODD, WordFinder, data_file, fold, key, text_skeleton, trie_pattern, words_pattern

FUZZY_CUES = frozenset({"village", "town", "city", "near", "district", "in"})
MAX_FUZZY = 12
_CAPITALISED = re.compile(r"[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?")
_POSSESSIVE = re.compile(r"['’]s\b")


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
    institutions: frozenset[str]  # "Bank" of England, "Duke" of York
    cue_kinds: dict[str, str]  # ``cues_before`` as a table (the first of equal cues wins, as in the list)
    cue_last_words: frozenset[str]  # each cue's last word: a quick no when the text before ends otherwise


@cache
def match_rules() -> MatchRules:
    d: dict[str, Any] = data_file("notplaces.json")
    before = sorted(((fold(k), v) for k, v in d["cues_before"].items()), key=lambda kv: -len(kv[0]))
    fuzzy_cues = [c for c, kind in before if kind in FUZZY_CUES]
    fuzzy = trie_pattern(fuzzy_cues)
    firsts = "".join(re.escape(ch) for ch in sorted({c[0] for c in fuzzy_cues}))
    lead = f"(?=[{firsts}])" if firsts else ""  # lets the scan skip the positions no cue starts at
    kinds: dict[str, str] = {}
    for c, kind in before:
        kinds.setdefault(c, kind)
    return MatchRules(frozenset(fold(w) for w in d["never_places"]), frozenset(d["person_titles"]),
                      frozenset(d["organisation_words"]), tuple(before),
                      {fold(k): v for k, v in d["cues_after"].items()}, re.compile(rf"\b{lead}({fuzzy}) (?:the )?"),
                      frozenset(d.get("institutions_of", [])), kinds, frozenset(_last_word(c) for c in kinds))


def _last_word(folded: str) -> str:
    """What follows the last space or apostrophe (the only characters of folded text that are no letter
    or digit)."""
    return folded[max(folded.rfind(" "), folded.rfind("'")) + 1:]


def _city_matches(text: str, gaz: Gazetteer) -> list[Mention]:
    """Stretches of capitalised words whose key names a place of the cities layer (longest first)."""
    return [Mention(a, b, text[a:b], k, gaz.city_hits(k)) for a, b, k in city_places(text, gaz)]


def _raw_matches(text: str, folded: str, gaz: Gazetteer) -> list[Mention]:
    sk = text_skeleton(folded)
    s = sk.text
    found: list[Mention] = []
    for end_i, k in gaz.build_automaton().iter(" " + s):  # keys where a word starts (offsets one on)
        start_i = end_i - len(k)
        end_i -= 1
        first = text[int(sk.starts[start_i])]
        if first.isalpha() and not first.isupper():  # a lower-case word: never a name (``capitalised``)
            continue
        a, b = sk.source_span(start_i, end_i + 1)
        if end_i + 1 < len(s) and s[end_i + 1].isalnum() and not _POSSESSIVE.match(text, b):
            continue
        while b > a and not text[b - 1].isalnum():
            b -= 1
        surface = text[a:b]
        if capitalised(surface):
            found.append(Mention(a, b, surface, k, gaz.keys[k]))
    found.extend(_city_matches(text, gaz))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in found:
        if kept and m.start == kept[-1].start and m.end == kept[-1].end:
            kept[-1].hits = kept[-1].hits + m.hits
        elif not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


_PREV_WORD = re.compile(r"([A-Za-z][\w.]*)\W{0,2}$")
_NEXT_WORD = re.compile(r"[ \t]?([\w’']+)")
_OF_BEFORE = re.compile(r"([A-Z][a-z]+) of (?:the )?$")
_OF_ENDS = ("of ", "of the ", "of \n", "of the \n")  # how a text ``_OF_BEFORE`` finds anything in ends


def _prev_word(text: str, pos: int) -> str:
    lo = max(0, pos - 40)
    j = max(lo, pos - 4)  # the word ends in the last four characters: search from where it starts
    while j > lo and (text[j - 1].isalnum() or text[j - 1] in "_."):
        j -= 1
    m = _PREV_WORD.search(text[j:pos])
    return m.group(1) if m else ""


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos, pos + 40)
    return m.group(1) if m else ""


def _cue(text: str, folded: str, m: Mention, rules: MatchRules) -> tuple[str | None, str | None, bool]:
    """The place cue around a mention: (kind, the cue words, whether they follow the name); ``folded`` is
    ``fold(text)`` (folding is letter by letter, so a slice of it is the fold of that slice)."""
    before = folded[max(0, m.start - 40):m.start].rstrip()
    if before.endswith("the") and (len(before) == 3 or not before[-4].isalnum()):
        before = before[:-3].rstrip()
    if _last_word(before) in rules.cue_last_words:  # the longest cue the text before ends with, as a word
        for i in range(len(before)):
            if (i == 0 or not before[i - 1].isalnum()) and before[i:] in rules.cue_kinds:
                return rules.cue_kinds[before[i:]], before[i:], False
    nxt = _NEXT_WORD.match(text, m.end, m.end + 40)  # the next word (``_next_word``), folded
    after = folded[nxt.start(1):nxt.end(1)] if nxt else ""
    if after in rules.cues_after:
        return rules.cues_after[after], after, True
    return None, None, False


_ROUTE_WORDS = re.compile(r"\b(?:road|roads|highway|motorway|route|railway|border|borders|frontier|pipeline)\b",
                          re.IGNORECASE)


_JOINED_BEFORE = re.compile(r"[A-Z]\w*[-–]$")
_JOINED_AFTER = re.compile(r"[-–][A-Z]")
_OF_NAME = re.compile(r" of [A-Z]")
_NEXT_NAME = re.compile(r" ([A-Z][a-z]{2,})")
_PREV_NAME = re.compile(r"([A-Z][a-z]{2,}) $")
_LIST_GAP = re.compile(r"\s*(,|and|or|, and)\s*")
_SENTENCE_END = '.!?:;"“('  # with a line break: what may stand (blanks aside) before a sentence's first word


def in_route(text: str, start: int, end: int) -> bool:
    """The name is one end of a route or border name (``the Yerevan-Vanadzor highway``)."""
    joined = _JOINED_BEFORE.search(text[max(0, start - 30):start]) is not None or \
        _JOINED_AFTER.match(text, end, end + 2) is not None
    return joined and _ROUTE_WORDS.search(text[max(0, start - 40):end + 40]) is not None


def _not_a_place(text: str, folded: str, m: Mention, rules: MatchRules) -> str | None:
    """Why the mention is no place (a demonym, a person, an organisation), or ``None``; ``folded`` is
    ``fold(text)``."""
    if folded[m.start:m.end].strip() in rules.never:
        return f"'{m.text}' is on the never-a-place list (demonym, month or common word)"
    prev = _prev_word(text, m.start).rstrip(".").lower()
    if prev in rules.titles:
        return f"'{m.text}' follows the person word '{prev}'"
    nxt = _next_word(text, m.end)
    if nxt.lower() in rules.orgs:
        return f"'{m.text}' is followed by the organisation word '{nxt}'"
    return None


def _institution(text: str, m: Mention, rules: MatchRules) -> str | None:
    """``Bank of England``, ``Duke of York``: the name is part of an institution's or a title's name."""
    lead = text[max(0, m.start - 30):m.start]
    before = _OF_BEFORE.search(lead) if lead.endswith(_OF_ENDS) else None
    if before and before.group(1).lower() in rules.institutions:
        return f"'{before.group(0)}{m.text}' is an institution or a title"
    if fold(m.text) in rules.institutions and _OF_NAME.match(text, m.end, m.end + 5):
        return f"'{m.text} of ...' is an institution or a title"  # "Diana, Princess of Wales"
    return None


def _person_like(text: str, m: Mention, placed: set[int]) -> bool:
    """A capitalised word glued to the mention (``Armen Sarkissian``) that is itself no place."""
    rules = match_rules()
    nxt = _NEXT_NAME.match(text, m.end, m.end + 30)
    if nxt and m.end + 1 not in placed and fold(nxt.group(1)) not in rules.cues_after:
        return True
    prv = _PREV_NAME.search(text[max(0, m.start - 30):m.start])
    if prv is None:
        return False
    at = m.start - len(prv.group(1)) - 1
    return at not in placed and not _sentence_start(text, at) and fold(prv.group(1)) not in rules.cue_kinds


def _sentence_start(text: str, end: int) -> bool:
    """``text[:end]`` is empty or ends with a sentence's end or a line break, then blanks at most."""
    i = end
    while i > 0 and text[i - 1].isspace():
        if text[i - 1] == "\n":
            return True
        i -= 1
    return end == 0 if i == 0 else text[i - 1] in _SENTENCE_END


def _names_major(m: Mention, gaz: Gazetteer) -> bool:
    return any(is_major(gaz.entry(h.entry)) for h in m.hits)


def _village_only(m: Mention, gaz: Gazetteer) -> bool:
    """Only small places carry the name: a person or organisation sharing it is likelier."""
    return all(not gaz.entry(h.entry).is_admin and gaz.entry(h.entry).population < 20_000 for h in m.hits)


def _inherit_list_cues(text: str, mentions: list[Mention]) -> None:
    """``villages of A, B and C``: B and C take A's cue."""
    for prev, cur in zip(mentions, mentions[1:], strict=False):
        gap = text[prev.end:cur.start]
        if cur.cue is None and prev.cue and _LIST_GAP.fullmatch(gap):
            cur.cue, cur.cue_text = prev.cue, prev.cue_text
            cur.flags.append(f"list after '{prev.text}'")


def _fuzzy_mentions(text: str, folded: str, gaz: Gazetteer, taken: list[Mention], rules: MatchRules,
                    focus: gfocus.Focus) -> list[Mention]:
    """Capitalised words right after a strong place cue that matched nothing: the closest key of a place
    in the article's focus (else of the detailed layers), bounded; never a dictionary word."""
    out: list[Mention] = []
    spans = sorted((m.start, m.end) for m in taken)  # bisected below: not every cue against every mention
    longest = max((e - s for s, e in spans), default=0)
    countries = focus.countries or gaz.detailed_countries()
    closest = gaz.memo("closest key")
    kinds = rules.cue_kinds
    for cm in rules.fuzzy_cues.finditer(folded):
        e = cm.end()
        if not "A" <= text[e:e + 1] <= "Z":  # most cues are followed by a small letter: no capitalised word
            continue
        w = _CAPITALISED.match(text, e, e + 60)
        if not w or len(out) >= MAX_FUZZY:
            continue
        cue, kind = cm.group(1), kinds[cm.group(1)]
        a, b = w.start(), w.end()
        if b - a < 6:  # the cheap checks first
            continue
        near = spans[bisect.bisect_left(spans, (a - longest, -1)):bisect.bisect_left(spans, (b, -1))]
        if any(s < b and a < e for s, e in near) or fold(w.group(0)) in rules.never or is_common_word(w.group(0)):
            continue
        best = _closest_key(gaz, key(w.group(0)), 90 if kind == "in" else 86, countries, closest)
        if best:
            out.append(Mention(a, b, w.group(0), best[0], gaz.keys[best[0]], kind, cue, fuzzy=best[1] / 100))
            bisect.insort(spans, (a, b))
            longest = max(longest, b - a)
    return out


def _closest_key(gaz: Gazetteer, k: str, cutoff: int, countries: tuple[str, ...],
                 closest: dict[tuple[str, int, str], tuple[str, float] | None]) -> tuple[str, float] | None:
    """The key of a place in ``countries`` closest to ``k`` (``fuzz.ratio`` at least ``cutoff``; the first of
    equals, countries in order) and its ratio, or ``None``; each country's answer remembered in ``closest``."""
    best: tuple[str, float] | None = None
    for c in countries:
        q = (k, cutoff, c)
        got = closest.get(q, False)
        if got is False:
            got = closest[q] = _closest_in(gaz.country_fuzzy_keys(c), k, cutoff)
        if got is not None and (best is None or got[1] > best[1]):
            best = got
    return best


def _closest_in(fk: FuzzyKeys, k: str, cutoff: float) -> tuple[str, float] | None:
    """The first key of ``fk`` (in the country's order) with the best ``fuzz.ratio`` to ``k``, at least
    ``cutoff``, and its ratio; only keys long enough and short enough to reach ``cutoff`` are scored (the
    ratio is at most ``100 * (1 - |a - b| / (a + b))`` for lengths ``a`` and ``b``; a letter spare)."""
    n = len(k)
    near = [span for length, span in fk.spans.items() if abs(length - n) <= (1 - cutoff / 100) * (length + n) + 1]
    if not near:
        return None
    a, b = min(s for s, _ in near), max(e for _, e in near)
    found = process.extract(k, fk.keys[a:b], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
    if not found:
        return None
    top = max(score for _, score, _ in found)
    choice, score, _ = min((f for f in found if f[1] == top), key=lambda f: fk.order[a + f[2]])
    return choice, score


def _entries(m: Mention, gaz: Gazetteer) -> list[Entry]:
    return [gaz.entry(h.entry) for h in m.hits]


def _focus_gate(text: str, m: Mention, gaz: Gazetteer, focus: gfocus.Focus,
                gates: dict[tuple[object, ...], tuple[KeyHit, ...]]) -> str | None:
    """Keep the readings a mention may have here (``_focus_readings``, remembered in ``gates`` for the
    same name, readings, focus and cue); why none is left, or ``None``."""
    k = (m.text, focus.countries, m.cue is not None, after_article(text, m.start), *m.hits)
    kept = gates.get(k)
    if kept is None:
        kept = gates[k] = _focus_readings(m, gaz, focus, k[2], k[3])  # type: ignore[arg-type]
    if kept:
        m.hits = list(kept)
        return None
    where = ", ".join(focus.countries) or "no country named"
    return f"'{m.text}' names only minor places outside the article's focus ({where})"


def _focus_readings(m: Mention, gaz: Gazetteer, focus: gfocus.Focus, cued: bool, after: bool) -> tuple[KeyHit, ...]:
    """The readings a mention may have here: places inside the focus, major places anywhere, and a minor
    place whose name all its namesakes share one country of, when a place cue introduces it (``cued``) or
    the article names no country; after "the" (``after``) no minor locality."""
    ent = {h.entry: gaz.entry(h.entry) for h in m.hits}
    own = {h for h in m.hits if h.entry < gaz.city_base or h.name == 0}  # a city's other names: in focus only
    lone = len({ent[h.entry].country for h in own}) == 1 and not focus.countries

    def ok(h: KeyHit) -> bool:
        e = ent[h.entry]
        if e.country in focus or (h in own and (is_major(e) or lone)):
            return True
        return h in own and cued and (not focus.countries or e.country in focus.neighbours)

    kept = [h for h in m.hits if ok(h)]
    if after:  # "the White House": a landmark or region, not a town of that name
        kept = [h for h in kept if ent[h.entry].placetype != "locality" or is_major(ent[h.entry])]
    admin = [h for h in kept if gaz.is_admin(h.entry) and _letters(ent[h.entry].name) == _letters(m.text)
             and not ent[h.entry].gid.startswith("wof:")]
    if admin:  # "Oregon", "Colombia": the state or country, not a village named after it
        kept = [h for h in kept if gaz.is_admin(h.entry) or ent[h.entry].population >= MAJOR_POPULATION]
    return tuple(kept)


@lru_cache(maxsize=1 << 16)
def _letters(s: str) -> str:
    return "".join(ch for ch in fold(s) if ch.isalnum())


def _name(e: Entry, i: int) -> str:
    return e.names[i] if e.names else ""


def article_focus(text: str, mentions: list[Mention], gaz: Gazetteer) -> gfocus.Focus:
    """The focus, from the mentions written as a place's own name (not a variant, not an old name)."""
    said = gaz.memo("focus votes")  # what a name with its readings says: the same in every article
    votes = []
    for m in mentions:
        if m.fuzzy is not None:
            continue
        k = (m.text, *m.hits)
        vote = said.get(k)
        if vote is None:
            vote = said[k] = _own_vote(m, gaz)
        votes.append((m.start, *vote))
    return gfocus.tally(text, votes)


def _own_vote(m: Mention, gaz: Gazetteer) -> tuple[Counter[str], bool]:
    """What the mention's readings written as their own name say about the focus, and whether its surface
    is a dictionary word."""
    written = _letters(m.text)
    named = [(gaz.entry(h.entry), h.name) for h in m.hits
             if not h.rules and (h.name == 0 or h.entry < gaz.city_base)]
    own = [e for e, ni in named if _letters(_name(e, ni)) == written]
    if not own:
        return Counter(), False
    return gfocus.mention_votes(m.text, own, True), is_common_word(m.text)


def _glued_pair(text: str, mentions: list[Mention], gaz: Gazetteer) -> dict[int, str]:
    """Two place words in a row with only a space between ("Daniel Cameron"): a person's or an
    organisation's name, unless the first lies inside the second ("Kharkiv Oblast")."""
    out: dict[int, str] = {}
    for a, b in zip(mentions, mentions[1:], strict=False):
        if text[a.end:b.start] != " ":
            continue
        inner = {gaz.entry(h.entry).admin1 for h in a.hits} | {gaz.entry(h.entry).country for h in a.hits}
        if any(gaz.entry(h.entry).is_admin and (gaz.entry(h.entry).admin1 or gaz.entry(h.entry).country) in inner
               for h in b.hits):
            continue
        why = f"'{a.text} {b.text}' is one name (two place words in a row, no comma)"
        out[a.start] = out[b.start] = why
    return out


@cache
def _phrases() -> re.Pattern[str]:
    return words_pattern(data_file("notplaces.json").get("phrases", []), ignore_case=True)


@cache
def _phrase_finder() -> WordFinder:
    return WordFinder(data_file("notplaces.json").get("phrases", []), ignore_case=True)


def _phrase_matches(text: str) -> list[re.Match[str]]:
    """``_phrases().finditer(text)``, tried only where a phrase is written in some case."""
    return _phrase_finder().finditer(text)


@cache
def _lowered_phrases() -> tuple[str, ...] | None:
    """The phrases lower-cased; ``None`` when one is not ASCII (then nothing is known of its case)."""
    phrases = data_file("notplaces.json").get("phrases", [])
    return tuple(p.lower() for p in phrases) if all(p.isascii() for p in phrases) else None


def _phrases_around(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[re.Match[str]]:
    """The non-place phrases that may hold a mention (``_in_phrase`` reads no other): none unless some
    mention's text, lower-cased, is part of a phrase (the phrases are ASCII: case-blind, they match only
    the lower-cased phrase where no ``CASE_ODD`` letter is written)."""
    lowered = _lowered_phrases()
    if lowered is None or CASE_ODD.search(text) is not None:
        return _phrase_matches(text)
    inside = gaz.memo("part of a phrase")
    for m in mentions:
        part = inside.get(m.text)
        if part is None:
            low = m.text.lower()
            part = inside[m.text] = any(low in p for p in lowered)
        if part:
            return _phrase_matches(text)
    return []


def _in_phrase(m: Mention, phrases: list[re.Match[str]]) -> str | None:
    for p in phrases:
        if p.start() <= m.start and m.end <= p.end():
            return f"'{m.text}' is part of '{p.group(0)}' (a product, weapon or other non-place phrase)"
    return None


def _voice(m: Mention, voices: frozenset[str]) -> str | None:
    if m.text in voices and m.cue is None:
        return f"'{m.text}' speaks in the article ('{m.text} said'): a person's name"
    return None


def find_mentions_in_focus(text: str, gaz: Gazetteer
                           ) -> tuple[list[Mention], list[tuple[Mention, str]], gfocus.Focus]:
    """Place mentions, the rejected look-alikes with the reason for each, and the article's focus."""
    rules = match_rules()
    folded = fold(text)
    mentions = _raw_matches(text, folded, gaz)
    for m in mentions:
        m.cue, m.cue_text, m.cue_after = _cue(text, folded, m, rules)
    focus = article_focus(text, mentions, gaz)
    mentions.extend(_fuzzy_mentions(text, folded, gaz, mentions, rules, focus))
    mentions.sort(key=lambda m: m.start)
    placed = {m.start for m in mentions}
    glued = _glued_pair(text, mentions, gaz)
    kept: list[Mention] = []
    rejected: list[tuple[Mention, str]] = []
    ends = {m.end for m in mentions}
    phrases = _phrases_around(text, mentions, gaz)
    voices = speakers(text, [(m.text, m.end, partial(_names_major, m, gaz)) for m in mentions])
    gates = gaz.memo("focus gate")
    for m in mentions:
        why = _not_a_place(text, folded, m, rules) or glued.get(m.start) or _in_phrase(m, phrases) \
            or _institution(text, m, rules) or _focus_gate(text, m, gaz, focus, gates) or _voice(m, voices)
        if why is None:
            entries = _entries(m, gaz)
            in_focus = any(e.country in focus for e in entries)
            parent = m.start - 2 in ends and text[m.start - 2:m.start] == ", "  # the Y of "Aurora, Colorado"
            why = veto(text, m.start, m.end, entries, m.cue is not None or parent, in_focus, placed)
        if why is None and m.cue is None and _village_only(m, gaz) and _person_like(text, m, placed):
            why = f"'{m.text}' sits in a run of capitalised words that is no place (a person or a name)"
        if why:
            rejected.append((m, why))
        else:
            kept.append(m)
    _inherit_list_cues(text, kept)
    return kept, rejected, focus


def find_mentions(text: str, gaz: Gazetteer) -> tuple[list[Mention], list[tuple[Mention, str]]]:
    """Place mentions in ``text`` and the rejected look-alikes with the reason each was rejected."""
    kept, rejected, _ = find_mentions_in_focus(text, gaz)
    return kept, rejected
