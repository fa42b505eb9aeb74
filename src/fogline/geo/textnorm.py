"""Text normalisation for toponym matching: folding, the skeleton key, script transliteration, variants.

Two keys make the many spellings of a Caucasus village meet:

* ``fold`` is length-preserving: lower case, diacritics stripped, ``ə``→``a``, ``ı``→``i``, apostrophes kept
  as ``'``, every other non-alphanumeric character a space. Offsets in folded text are offsets in the text.
* ``skeleton`` rewrites folded text with the rules of ``data/gazetteer/variants.json`` (``kh``→``h``,
  ``dzh``/``dj``/``zh``→``j``, ``y``→``i``, doubled letters collapse, ...) and keeps, for every skeleton
  character, where it came from, so a match in the skeleton maps back to a span of the text.

Names in the gazetteer also get rule-generated variants (Azerbaijani Latin letters written the Russian
or English way, Armenian ``h`` written ``g``, ...); each variant keeps the ids of the rules that made it.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources as ir
from operator import methodcaller
from typing import Any

import ahocorasick
import numpy as np

_APOSTROPHES = "'’‘ʼʻ`´"
_SPECIAL = {"ə": "a", "ı": "i", "ß": "s", "ø": "o", "æ": "a", "œ": "o", "ł": "l", "đ": "d", "ħ": "h"}


def data_file(name: str) -> Any:
    """A JSON file of ``fogline/data/gazetteer``."""
    return json.loads(ir.files("fogline.data.gazetteer").joinpath(name).read_text(encoding="utf-8"))


@cache
def _fold_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "'"
    low = ch.lower()
    if len(low) != 1:
        low = ch
    if low in _SPECIAL:
        return _SPECIAL[low]
    base = unicodedata.normalize("NFD", low)[0]
    if base.isalnum():
        return base
    return " "


_RANGES = ((0, 0x590), (0x1E00, 0x1F00), (0x2000, 0x2070))


@cache
def _fold_table() -> dict[int, str]:
    return {i: _fold_char(chr(i)) for a, b in _RANGES for i in range(a, b)}


_OUTSIDE_TABLE = re.compile("[^" + "".join(f"\\u{a:04x}-\\u{b - 1:04x}" for a, b in _RANGES) + "]")


def fold(text: str) -> str:
    """Lower-case, diacritic-free text of the same length as ``text``."""
    if text.isascii():
        return text.translate(_fold_table())
    if len(text) >= _BULK:
        return _bulk_fold(text)
    if _OUTSIDE_TABLE.search(text) is None:
        return text.translate(_fold_table())
    return "".join(_fold_char(c) for c in text)


_BULK = 256  # from this length on, a text that is not ASCII is folded with numpy


@cache
def fold_codes() -> np.ndarray:
    """``_fold_char`` of every code point below the end of the last of ``_RANGES``, as code points."""
    return np.array([ord(_fold_char(chr(i))) for i in range(_RANGES[-1][1])], dtype=np.uint32)


def _bulk_fold(text: str) -> str:
    """``fold`` through a table of code points (a letter past the table, one by one)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    table = fold_codes()
    past = np.flatnonzero(codes >= len(table))
    out = table[np.minimum(codes, len(table) - 1)]
    for i in past.tolist():
        out[i] = ord(_fold_char(text[i]))
    return out.tobytes().decode("utf-32-le", "surrogatepass")


@dataclass(frozen=True, slots=True)
class Skeleton:
    """Skeleton text with, for each character, the start and end offsets of what it came from."""

    text: str
    starts: Sequence[int]  # a list, or a numpy array (``text_skeleton``)
    ends: Sequence[int]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text behind skeleton characters ``start:end``."""
        return int(self.starts[start]), int(self.ends[end - 1])


@cache
def _skeleton_rules() -> tuple[tuple[str, str], ...]:
    rules = data_file("variants.json")["skeleton"]["map"]
    return tuple(sorted(rules.items(), key=lambda kv: -len(kv[0])))


@cache
def _rule_pattern() -> re.Pattern[str]:
    """The sources of the skeleton rules (longest first) and the apostrophe, which is dropped."""
    return re.compile("|".join([*(re.escape(src) for src, _ in _skeleton_rules()), "'"]))


_FIRST_GROUP = methodcaller("group", 1)  # a repeated letter kept once (a callable: no template to expand per call)
_REPEAT = re.compile(r"([^\W\d_]| )\1+")  # a letter or a space written more than once in a row


def skeleton(folded: str) -> Skeleton:
    """The skeleton of already folded text, with its offset map: the rules applied left to right (the
    longest source first), apostrophes dropped, then a letter or space repeated in a row kept once."""
    table = dict(_skeleton_rules())
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _rule_pattern().finditer(folded):
        a, b = m.span()
        parts.append(folded[pos:a])
        starts.extend(range(pos, a))
        ends.extend(range(pos + 1, a + 1))
        dst = table.get(m.group(0), "")
        parts.append(dst)
        starts.extend([a] * len(dst))
        ends.extend([b] * len(dst))
        pos = b
    parts.append(folded[pos:])
    starts.extend(range(pos, len(folded)))
    ends.extend(range(pos + 1, len(folded) + 1))
    return _collapsed("".join(parts), starts, ends)


def _collapsed(mid: str, starts: list[int], ends: list[int]) -> Skeleton:
    out: list[str] = []
    s2: list[int] = []
    e2: list[int] = []
    pos = 0
    for m in _REPEAT.finditer(mid):
        a, b = m.span()
        out.append(mid[pos : a + 1])
        s2.extend(starts[pos : a + 1])
        e2.extend(ends[pos:a])
        e2.append(ends[b - 1])
        pos = b
    out.append(mid[pos:])
    s2.extend(starts[pos:])
    e2.extend(ends[pos:])
    return Skeleton("".join(out), s2, e2)


@cache
def _split_rules() -> tuple[dict[int, str], tuple[str, ...]] | None:
    """The one-letter rules as a translate table, and the sources of the longer ones (with the apostrophe,
    in the order of ``_rule_pattern``); ``None`` when a longer rule's source or result holds a one-letter
    source (applying them apart would differ)."""
    rules = _skeleton_rules()
    single = {ord(src): dst for src, dst in rules if len(src) == 1 and len(dst) == 1}
    longer = [(src, dst) for src, dst in rules if ord(src[0]) not in single or len(src) > 1]
    if any(ord(ch) in single for src, dst in longer for ch in src + dst + "'") or any(len(d) > 1 for _, d in longer):
        return None  # then a one-letter result and the order of the rules matter: the letter-by-letter way
    return single, (*(src for src, _ in longer), "'")


def text_skeleton(folded: str) -> Skeleton:
    """``skeleton`` for a whole article: the same result, with the per-letter work done in bulk (the
    longer rules and apostrophes found by ``str.find``, one-letter rules by ``str.translate``, the offset
    map and repeated letters with numpy)."""
    split = _split_rules()
    if split is None:
        return skeleton(folded)
    single, longer = split
    table = dict(_skeleton_rules())
    parts: list[str] = []
    dropped: list[int] = []  # source letters dropped: a rule's source but its first letter, which becomes
    firsts: dict[int, int] = {}  # the one-letter result and ends where the source ends; an apostrophe
    pos = 0
    for a, b, src in _rule_matches(folded, longer):
        dst = table.get(src, "")
        parts += [folded[pos:a], dst]
        dropped.extend(range(a + len(dst), b))
        if dst:
            firsts[a] = b
        pos = b
    parts.append(folded[pos:])
    n = len(folded)
    keep = np.ones(n, dtype=bool)
    keep[dropped] = False
    kept = np.flatnonzero(keep)
    ends = np.arange(1, n + 1)
    ends[list(firsts)] = list(firsts.values())
    return _bulk_collapsed("".join(parts).translate(single), kept, ends[kept])


def _rule_matches(folded: str, sources: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """(start, end, source) of what ``re.finditer`` of the sources as alternatives finds: every
    place each source is written, then left to right, the first source in order at a start, none overlapping."""
    found: list[tuple[int, int]] = []
    for order, src in enumerate(sources):
        i = folded.find(src)
        while i >= 0:
            found.append((i, order))
            i = folded.find(src, i + 1)
    found.sort()
    out: list[tuple[int, int, str]] = []
    pos = 0
    for i, order in found:
        if i >= pos:
            src = sources[order]
            out.append((i, i + len(src), src))
            pos = i + len(src)
    return out


def _bulk_collapsed(mid: str, starts: np.ndarray, ends: np.ndarray) -> Skeleton:
    """``_collapsed`` with numpy: a letter or space equal to the one before it is dropped."""
    if not mid:
        return Skeleton("", [], [])
    codes = np.frombuffer(mid.encode("utf-32-le"), dtype=np.uint32)
    same = np.flatnonzero(codes[1:] == codes[:-1]) + 1
    c = codes[same]  # an ASCII space or letter repeated is dropped (digits stay); other characters one by one
    drop = (c == 32) | ((c | 32) >= 97) & ((c | 32) <= 122) & (c < 128)
    for j in np.flatnonzero(c >= 128).tolist():
        ch = mid[same[j]]
        drop[j] = ch.isalnum() and not ch.isdecimal()
    keep = np.ones(len(codes), dtype=bool)
    keep[same[drop]] = False
    kept = np.flatnonzero(keep)
    last = np.append(kept[1:], len(codes)) - 1  # each kept letter ends where its run ends
    text = codes[kept].tobytes().decode("utf-32-le")
    return Skeleton(text, starts[kept], ends[last])


@lru_cache(maxsize=1 << 16)
def key(name: str) -> str:
    """The skeleton key of a name: what the matcher looks for (``skeleton(fold(name)).text.strip()``,
    without the offset map: the same rules by ``re.sub``, then repeated letters and spaces kept once)."""
    table = _rule_table()
    return _REPEAT.sub(_FIRST_GROUP, _rule_pattern().sub(lambda m: table.get(m.group(0), ""), fold(name))).strip()


@cache
def _rule_table() -> dict[str, str]:
    return dict(_skeleton_rules())


@cache
def _translit_tables() -> dict[str, Any]:
    return data_file("translit.json")


def _script(text: str) -> str | None:
    for ch in text:
        if "\u0400" <= ch <= "\u04ff":
            return "cyrillic"
        if "\u0530" <= ch <= "\u058f":
            return "armenian"
    return None


def transliterate(name: str) -> str | None:
    """A Russian-style Latin spelling of a Cyrillic or Armenian name; ``None`` for other scripts."""
    script = _script(name)
    if script is None:
        return None
    tables = _translit_tables()
    table: dict[str, str] = tables[script]
    initial: dict[str, str] = tables["word_initial"].get(script, {})
    digraphs = sorted((k for k in table if len(k) > 1), key=len, reverse=True)
    low, out, i = name.lower(), [], 0
    while i < len(low):
        at_start = i == 0 or not low[i - 1].isalpha()
        dg = next((d for d in digraphs if low.startswith(d, i)), None)
        if dg:
            out.append(table[dg])
            i += len(dg)
            continue
        ch = low[i]
        out.append(initial[ch] if at_start and ch in initial else table.get(ch, ch))
        i += 1
    return "".join(out)


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin (with or without diacritics)."""
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in name)


@cache
def _variant_rules() -> dict[str, Any]:
    return data_file("variants.json")


def strip_generic_words(name: str) -> str:
    """``Füzuli Rayonu`` -> ``Füzuli``; ``Fizuli District`` -> ``Fizuli`` (``""`` when nothing is left)."""
    words = set(_variant_rules()["strip_words"])
    name = re.sub(r"\(.*?\)", " ", name)
    kept = [w for w in name.split() if w.lower() not in words]
    return " ".join(kept)


def _letter_variants(name: str, lang: str) -> list[tuple[str, tuple[str, ...]]]:
    rules = _variant_rules()
    az_letters = rules["azerbaijani_letters"]
    low = name.lower()
    if lang != "aze" and not any(c in az_letters for c in low):
        return [(low, ())]
    options: list[list[tuple[str, str, str | None]]] = []
    for rule in rules["letters"]["aze"]:
        if rule["from"] in low:
            options.append([(rule["from"], rule["from"], None)]
                           + [(rule["from"], to, f"{rule['id']}:{to}") for to in rule["to"]])
    cap = int(rules["max_variants_per_name"])
    combos = sorted(itertools.product(*options), key=lambda c: sum(1 for _, _, rid in c if rid))[:cap]
    out: list[tuple[str, tuple[str, ...]]] = []
    for combo in combos:
        v = low
        fired = []
        for src, to, rid in combo:
            v = v.replace(src, to)
            if rid:
                fired.append(rid)
        out.append((v, tuple(fired)))
    return out


def variants(name: str, lang: str = "und") -> dict[str, tuple[str, ...]]:
    """Skeleton keys of ``name`` and its rule-made variants, each with the rule ids that produced it."""
    rules = _variant_rules()
    out: dict[str, tuple[str, ...]] = {}
    for v, fired in _letter_variants(name, lang):
        for k, extra in [(v, ())] + [(re.sub(g["pattern"], g["to"], v), (g["id"],)) for g in rules["generic"]]:
            sk = key(k)
            if len(sk) < 3:
                continue
            cand = fired + extra
            if sk not in out or len(cand) < len(out[sk]):
                out[sk] = cand
    return out


def words_pattern(words: list[str], ignore_case: bool = False) -> re.Pattern[str]:
    """One pattern for whole words or phrases (longest first), group 1 the match. A lookahead on the
    phrases' first letters lets the engine skip every other position at once (several times faster
    than the bare alternation on long texts)."""
    ordered = sorted(words, key=len, reverse=True)
    firsts = {w[0] for w in ordered}
    if ignore_case:
        firsts |= {c.lower() for c in firsts} | {c.upper() for c in firsts}
    lead = "".join(re.escape(c) for c in sorted(firsts))
    body = "|".join(re.escape(w) for w in ordered)
    return re.compile(rf"\b(?=[{lead}])({body})\b", re.IGNORECASE if ignore_case else 0)


# Letters whose case-blind match or lower case is odd: a case-blind pattern of ASCII letters matches them
# besides ASCII ones (dotted and dotless I, long s, the Kelvin sign), and the dotted I lower-cases to two
# characters. Where none is written, ``text.lower()`` keeps every offset, and a phrase of ASCII letters
# matches case-blind only where the lower-cased text holds the lower-cased phrase.
CASE_ODD = re.compile("[\u0130\u0131\u017f\u212a]")


class WordFinder:
    """``words_pattern(words, ignore_case).finditer(text)`` as a list, found faster: one Aho-Corasick scan of
    the text (lower-cased for case-blind words) gives the only offsets where a word can start, and the
    pattern is tried there alone (case-blind, on a text with a ``CASE_ODD`` letter or with words that are
    not ASCII, the plain scan)."""

    def __init__(self, words: list[str], ignore_case: bool = False) -> None:
        self.pattern = words_pattern(words, ignore_case) if words else None
        self.ignore_case = ignore_case
        self.auto: Any = None
        if words and not (ignore_case and not all(w.isascii() for w in words)):
            self.auto = ahocorasick.Automaton()
            for w in {w.lower() for w in words} if ignore_case else set(words):
                self.auto.add_word(w, len(w))
            self.auto.make_automaton()

    def finditer(self, text: str) -> list[re.Match[str]]:
        if self.pattern is None:
            return []
        if self.auto is None or self.ignore_case and CASE_ODD.search(text) is not None:
            return list(self.pattern.finditer(text))
        out: list[re.Match[str]] = []
        pos = 0
        for p in sorted({end - n + 1 for end, n in self.auto.iter(text.lower() if self.ignore_case else text)}):
            if p >= pos and (m := self.pattern.match(text, p)) is not None:
                out.append(m)
                pos = m.end()
        return out


def trie_pattern(words: list[str]) -> str:
    """An alternation of ``words`` as a trie (``vill(?:age(?:s)?)``...): it matches what ``a|b|...`` sorted
    longest first matches, the longest word that fits first, with one character test per step instead
    of one per word."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _trie_regex(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?"  # greedy: the longer word first, this one when the rest does not fit
