"""Whether a regular expression can match a text at all, told by literals that every match must contain.

``Gate(pattern)`` reads the compiled pattern's syntax tree once and keeps sets of literal strings such
that each match holds at least one string of every set (the prefilter of RE2 and similar engines):
"\\b(?:last|this) week\\b" needs one of {"last week", "this week"}; a date pattern needs a month name
and a digit. ``gate.admits(folded)`` checks them with ``in`` on ``fold(text)``, which is a few substring
searches in C against a scan of the pattern at every position of the text in Python's ``re``, so a
pattern whose literals are absent is not run. The gate never refuses a text the pattern matches: a
construct it does not understand (a class of many characters, a back-reference) only weakens it, and
``fold`` maps every character that ``re.IGNORECASE`` equates with an ASCII letter to that letter.
"""

from __future__ import annotations

import re
import re._constants as sre  # the syntax tree ``re`` itself compiles from (private, stable since 3.11)
import re._parser as sre_parse
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Finder", "Gate", "admitted", "fold"]

Literals = frozenset[str]
MAX_STRINGS = 64  # larger sets of exact strings are not expanded (the gate gets weaker, never wrong)
FEW = 8  # a set this small is cheap to look for: kept as a need before a run grows past it
_ANY: Literals = frozenset({""})  # matches the empty string: requires nothing


@lru_cache(maxsize=1)
def _odd_letters() -> re.Pattern[str]:
    """The non-ASCII characters ``re.IGNORECASE`` takes for an ASCII letter (dotted and dotless i, long s,
    the Kelvin sign), found by asking ``re`` over the basic plane once."""
    plane = "".join(chr(c) for c in range(0x80, 0x10000) if not 0xD800 <= c < 0xE000)
    odd = sorted({m.group() for m in re.finditer("[a-z]", plane, re.IGNORECASE)})
    return re.compile(f"[{''.join(odd)}]")


def _ascii_letter(ch: str) -> str:
    return next(c for c in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(c, ch, re.IGNORECASE))


def fold(text: str) -> str:
    """``text`` lower-cased, with every character ``re.IGNORECASE`` equates with an ASCII letter written as
    that letter: a text a pattern matches, folded, holds the pattern's literals folded. (``str.lower``
    alone writes 'İ' as 'i' plus a combining dot, and leaves 'ſ' and 'ı'.)"""
    low = text.lower()
    odd = _odd_letters()
    if text.isascii() or not odd.search(text):
        return low
    return odd.sub(lambda m: _ascii_letter(m.group()), low.replace("i\u0307", "i"))


def _fold_char(ch: str, ignore_case: bool) -> str | None:
    """A pattern's literal character as ``fold`` writes the text's; None when folding could lose a match
    (a non-ASCII cased character matched ignoring case)."""
    if ignore_case and not ch.isascii() and ch.lower() != ch.upper():
        return None
    return fold(ch)


@dataclass(frozen=True, slots=True)
class _Info:
    exact: Literals | None  # every string a match of the node can be, when few (else None)
    needs: tuple[Literals, ...] = ()  # a match holds one string of each set
    prefix: Literals | None = None  # a match starts with one of these (when not exact; "" in it: no help)


_UNKNOWN = _Info(None)
_EMPTY = _Info(_ANY)


def _cross(a: Literals, b: Literals) -> Literals | None:
    if len(a) * len(b) > MAX_STRINGS:
        return None
    return frozenset(x + y for x in a for y in b)


def _best(info: _Info) -> Literals | None:
    """The single set a match of ``info`` must hit that tells most for its cost: the longest shortest
    string (up to ``FEW`` letters, past which few texts hold any of them by chance), then the fewest."""
    sets = [*info.needs, *([info.exact] if info.exact is not None and "" not in info.exact else [])]
    return max(sets, key=lambda s: (min(FEW, *map(len, s)), -len(s)), default=None)


def _sequence(items: Any, flags: int) -> _Info:
    exact: Literals | None = _ANY
    run: Literals = _ANY  # the exact strings of the current run of exact items
    needs: list[Literals] = []
    infos = []
    for op, av in items:
        info = _node(op, av, flags)
        infos.append(info)
        needs.extend(info.needs)
        if info.exact is None:
            needs.append(run)
            run, exact = _ANY, None
            continue
        exact = _cross(exact, info.exact) if exact is not None else None
        joined = _cross(run, info.exact)
        if joined is None or len(run) < len(joined) and len(run) <= FEW:
            needs.append(run)  # "sign up " before it grows into forty ways to end the phrase
        run = info.exact if joined is None else joined
    needs.append(run)
    return _Info(exact, tuple(n for n in needs if "" not in n), _prefix(infos))


def _prefix(infos: list[_Info]) -> Literals | None:
    """The strings a match of the items in sequence starts with ("" among them when it may start with
    anything); None when unknown."""
    if not infos:
        return _ANY
    first, rest = infos[0], infos[1:]
    if first.exact is not None:
        if "" not in first.exact:  # the rest only lengthens them; where that grows too large, stop here
            after = _prefix(rest)
            joined = _cross(first.exact, after) if after is not None else None
            return joined if joined is not None else first.exact
        after = _prefix(rest)
        return _cross(first.exact, after) if after is not None else None
    if first.prefix is None:
        return None
    if "" not in first.prefix:
        return first.prefix
    after = _prefix(rest)  # an optional start: the match may begin with what follows it
    return None if after is None else (first.prefix - _ANY) | after


def _branch(alternatives: list[Any], flags: int) -> _Info:
    infos = [_sequence(alt, flags) for alt in alternatives]
    exact: Literals | None = frozenset()
    for info in infos:
        exact = exact | info.exact if exact is not None and info.exact is not None else None
    if exact is not None and len(exact) > MAX_STRINGS:
        exact = None
    each = [_best(info) for info in infos]
    union = frozenset().union(*each) if all(s is not None for s in each) else None  # type: ignore[arg-type]
    starts = [info.exact if info.exact is not None else info.prefix for info in infos]
    prefix = frozenset().union(*starts) if all(s is not None for s in starts) else None  # type: ignore[arg-type]
    return _Info(exact, (union,) if union else (), prefix)


def _repeat(av: Any, flags: int) -> _Info:
    low, high, sub = av
    info = _sequence(sub, flags)
    start = info.exact if info.exact is not None else info.prefix
    if low == 0:
        return _Info(info.exact | _ANY if high == 1 and info.exact is not None else None, (),
                     None if start is None else start | _ANY)
    return _Info(info.exact if low == high == 1 else None, (*info.needs, *([] if info.exact is None else [info.exact])),
                 start)


def _charset(av: Any, flags: int) -> _Info:
    chars = []
    for op, value in av:
        if op is not sre.LITERAL:
            return _UNKNOWN
        ch = _fold_char(chr(value), bool(flags & re.IGNORECASE))
        if ch is None:
            return _UNKNOWN
        chars.append(ch)
    return _Info(frozenset(chars))


def _node(op: Any, av: Any, flags: int) -> _Info:
    if op is sre.LITERAL:
        ch = _fold_char(chr(av), bool(flags & re.IGNORECASE))
        return _UNKNOWN if ch is None else _Info(frozenset({ch}))
    if op is sre.IN:
        return _charset(av, flags)
    if op is sre.SUBPATTERN:
        _, add, remove, sub = av
        return _sequence(sub, (flags | add) & ~remove)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av, flags)
    if op is sre.BRANCH:
        return _branch(av[1], flags)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return _repeat(av, flags)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return _EMPTY  # zero width: it consumes nothing (what it asserts is not relied on)
    return _UNKNOWN  # any character, a class by category or range, a back-reference, a conditional


class Gate:
    """The literal sets every match of ``pattern`` holds one string of (see the module doc)."""

    __slots__ = ("needs",)

    def __init__(self, pattern: re.Pattern[str]) -> None:
        try:
            tree = sre_parse.parse(pattern.pattern, pattern.flags)
            info = _sequence(tree, tree.state.flags)
        except Exception:  # noqa: BLE001 - a tree this module cannot read: no gate, the pattern always runs
            info = _EMPTY
        sets = {*info.needs, *([info.exact] if info.exact is not None and "" not in info.exact else [])}
        self.needs: tuple[tuple[str, ...], ...] = tuple(
            tuple(sorted(s, key=len, reverse=True)) for s in _pruned(sets))

    def admits(self, folded: str) -> bool:
        """Can the pattern match the text ``folded`` (``fold(text)``) comes from?"""
        return all(any(s in folded for s in strings) for strings in self.needs)


class Finder:
    """``pattern.finditer(text)``, the pattern tried only where a match can start: where ``fold(text)``
    holds one of the literals every match starts with ("in", "since", ... before a year). The same
    matches, for a few hundred ``match`` calls instead of the regex at every position of the text. A
    pattern without such literals (a digit first), or one that can match the empty string, runs as usual."""

    __slots__ = ("pattern", "starts")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.starts: tuple[str, ...] | None = None
        try:
            tree = sre_parse.parse(pattern.pattern, pattern.flags)
            prefix = _sequence(tree, tree.state.flags).prefix
            if prefix and "" not in prefix and tree.getwidth()[0] > 0:
                self.starts = tuple(sorted(prefix))
        except Exception:  # noqa: BLE001 - a tree this module cannot read: the pattern runs as usual
            self.starts = None

    def finditer(self, text: str, folded: str) -> Iterator[re.Match[str]]:
        """The matches of ``pattern.finditer(text)``; ``folded`` is ``fold(text)``."""
        if self.starts is None or len(folded) != len(text) or "\u0130" in text:  # offsets differ: the usual way
            yield from self.pattern.finditer(text)
            return
        pos = 0
        for at in sorted({i for s in self.starts for i in _occurrences(folded, s)}):
            if at >= pos and (m := self.pattern.match(text, at)) is not None:
                yield m
                pos = m.end()  # as finditer goes on (a match is never empty here)


def _occurrences(folded: str, s: str) -> Iterator[int]:
    at = folded.find(s)
    while at >= 0:
        yield at
        at = folded.find(s, at + 1)


def _pruned(sets: set[Literals]) -> list[Literals]:
    """The sets, less each one that holds another's strings with more letters around them ("may.", "may")
    and is no smaller: checking it costs more and tells little more. Shortest first."""
    kept: list[Literals] = []
    for s in sorted(sets, key=lambda s: (len(s), sorted(s))):
        if not any(all(any(k in t for k in other) for t in s) for other in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: -min(map(len, s)))


def admitted(gates: list[Gate], folded: str) -> list[bool]:
    """``gate.admits(folded)`` for each gate, each distinct literal set looked for once."""
    seen: dict[tuple[str, ...], bool] = {}
    out = []
    for gate in gates:
        ok = True
        for strings in gate.needs:
            hit = seen.get(strings)
            if hit is None:
                hit = seen[strings] = any(s in folded for s in strings)
            if not hit:
                ok = False
                break
        out.append(ok)
    return out
