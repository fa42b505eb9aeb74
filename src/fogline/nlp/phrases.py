"""Phrase lookup over text with pyahocorasick: case-insensitive, on word boundaries, leftmost-longest.

A phrase ending in ``*`` matches any word ending (``shell*`` finds "shelled" and "shelling").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import ahocorasick

T = TypeVar("T")

_APOSTROPHES = (("\u2019", "'"), ("\u2018", "'"), ("\u2010", "-"), ("\u2011", "-"), ("\u2013", "-"))


def _plain(text: str) -> str:
    """Typographic apostrophes and hyphens made plain (``str.replace`` each: much faster than ``translate``
    with a table, which looks up every character)."""
    if text.isascii():
        return text
    for typographic, plain in _APOSTROPHES:
        text = text.replace(typographic, plain)
    return text


def fold(text: str) -> str:
    """Lower-case text with typographic apostrophes and hyphens made plain; same length as the input."""
    out = _plain(text.lower())
    return out if len(out) == len(text) else _plain(text)


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    """One phrase found in a text: ``start``/``end`` index the searched text."""

    start: int
    end: int
    phrase: str
    values: tuple[T, ...]


class PhraseIndex(Generic[T]):
    """Maps phrases to values; ``find`` returns non-overlapping hits, longest first at each start."""

    def __init__(self, entries: Iterable[tuple[str, T]] = ()) -> None:
        self._table: dict[str, tuple[bool, list[T]]] = {}
        for phrase, value in entries:
            self.add(phrase, value)
        self._auto: ahocorasick.Automaton | None = None

    def add(self, phrase: str, value: T) -> None:
        prefix = phrase.endswith("*")
        key = fold(phrase.rstrip("*").strip())
        if not key:
            return
        slot = self._table.setdefault(key, (prefix, []))
        if prefix and not slot[0]:
            slot = (True, slot[1])
            self._table[key] = slot
        slot[1].append(value)
        self._auto = None

    def __len__(self) -> int:
        return len(self._table)

    def _automaton(self) -> ahocorasick.Automaton:
        if self._auto is None:
            auto = ahocorasick.Automaton()
            for key, (prefix, values) in self._table.items():
                auto.add_word(key, (key, prefix, tuple(values)))
            if len(auto):
                auto.make_automaton()
            self._auto = auto
        return self._auto

    def find(self, text: str, folded: str | None = None) -> list[Hit[T]]:
        """Every non-overlapping match in ``text`` (pass ``folded`` when already folded)."""
        auto = self._automaton()
        if not len(auto):
            return []
        low = folded if folded is not None else fold(text)
        raw: list[Hit[T]] = []
        n = len(low)
        for last, (key, prefix, values) in auto.iter(low):
            start = last - len(key) + 1
            if _joined_before(low, start, key):
                continue
            end = _end(low, n, key, last + 1, prefix)
            if end is not None:
                raw.append(Hit(start, end, key, values))
        return _leftmost_longest(raw)


class PhraseScan:
    """Several ``PhraseIndex`` searched in one pass over a text: ``find(text, folded)[i]`` equals
    ``indexes[i].find(text, folded)`` (the same boundaries, leftmost-longest within each index), for one
    automaton walk instead of one per index."""

    def __init__(self, indexes: Sequence[PhraseIndex[Any]]) -> None:
        self.size = len(indexes)
        found: dict[str, list[tuple[int, bool, tuple[Any, ...]]]] = {}
        for i, index in enumerate(indexes):
            for key, (prefix, values) in index._table.items():
                found.setdefault(key, []).append((i, prefix, tuple(values)))
        self._auto = ahocorasick.Automaton()
        for key, where in found.items():
            self._auto.add_word(key, (key, tuple(where)))
        if len(self._auto):
            self._auto.make_automaton()

    def find(self, text: str, folded: str | None = None) -> list[list[Hit[Any]]]:
        """Each index's hits in ``text``, in the order the indexes were given."""
        out: list[list[Hit[Any]]] = [[] for _ in range(self.size)]
        if not len(self._auto):
            return out
        low = folded if folded is not None else fold(text)
        n = len(low)
        for last, (key, where) in self._auto.iter(low):
            start = last - len(key) + 1
            if _joined_before(low, start, key):
                continue
            for i, prefix, values in where:
                end = _end(low, n, key, last + 1, prefix)
                if end is not None:
                    out[i].append(Hit(start, end, key, values))
        return [_leftmost_longest(hits) if len(hits) > 1 else hits for hits in out]

    def find_spans(self, text: str, spans: Sequence[tuple[int, int]]) -> list[list[list[Hit[Any]]]]:
        """``[self.find(text[a:b]) for a, b in spans]`` (spans in order, not overlapping), in one automaton
        walk over ``text``: a match is kept where it lies inside one span, and judged on that span's edges.
        Folding the whole text gives each span's folding unless lower-casing changes a length or a capital
        sigma is there (its lower case depends on the letters around it); those texts go span by span."""
        low = _plain(text.lower())  # ``fold`` of the text, unless lower-casing changed its length
        if len(low) != len(text) or "\u03a3" in text or not len(self._auto):
            return [self.find(text[a:b]) for a, b in spans]
        found: list[list[list[Hit[Any]]] | None] = [None] * len(spans)
        starts = [a for a, _ in spans]
        for last, (key, where) in self._auto.iter(low):
            start = last - len(key) + 1
            k = bisect_right(starts, start) - 1
            if k < 0 or last >= spans[k][1]:
                continue  # outside every span, or across the end of one
            base, stop = spans[k]
            if start > base and _joined_before(low, start, key):
                continue
            for i, prefix, values in where:
                end = _end(low, stop, key, last + 1, prefix)
                if end is not None:
                    out = found[k] = found[k] or [[] for _ in range(self.size)]
                    out[i].append(Hit(start - base, end - base, key, values))
        return [[_leftmost_longest(h) if len(h) > 1 else h for h in out] if out is not None
                else [[] for _ in range(self.size)] for out in found]


def _joined_before(low: str, start: int, key: str) -> bool:
    """The match starts inside a word (or right after a hyphen, for a phrase starting with a letter)."""
    return start > 0 and (low[start - 1].isalnum() or low[start - 1] == "-" and key[0].isalnum())


def _end(low: str, n: int, key: str, end: int, prefix: bool) -> int | None:
    """Where a match of ``key`` ending at ``end`` ends: a prefix phrase runs to the end of its word; any
    other is refused (None) when it stops inside a word."""
    if prefix:
        while end < n and (low[end].isalnum() or low[end] in "-'" and end + 1 < n and low[end + 1].isalpha()):
            end += 1
        return end
    if end < n and low[end].isalnum() and key[-1].isalnum():
        return None
    return end


def _leftmost_longest(hits: list[Hit[T]]) -> list[Hit[T]]:
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[Hit[T]] = []
    edge = -1
    for h in hits:
        if h.start >= edge:
            out.append(h)
            edge = h.end
    return out
