"""An exact, fast ``pattern.finditer`` for patterns that every match must spell a literal keyword into.

A regex like ``\\b(?:has|have) not (?:yet )?confirmed\\b`` with ``re.IGNORECASE`` gets no literal-prefix
speed-up from ``re``: it is tried at every position of the text. ``find_anchors`` reads the parsed pattern
and returns keywords (lower case) with a bound ``lead``: every match starting at ``s`` spells one keyword
at some ``a`` with ``s <= a <= s + lead``. ``finditer`` finds the keywords with ``str.find`` in the
case-folded text and tries ``pattern.match`` only at those starts, in order, as ``re``'s own scan would:
the matches are the same. Patterns without such keywords (or texts whose case folding changes offsets)
take the plain ``pattern.finditer``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from re import _constants as sre
from re import _parser as sre_parse
from typing import Any

Anchors = tuple[tuple[str, int], ...]

MIN_KEYWORD = 3  # shorter keywords occur too often to help
MAX_LEAD = 60    # how far before its keyword a match may start, at most
MAX_ANCHORS = 64


class _Budget:
    """Caps the work of reading one pattern (branches followed by branches multiply the paths)."""

    def __init__(self, calls: int = 4000) -> None:
        self.calls = calls

    def spend(self) -> bool:
        self.calls -= 1
        return self.calls >= 0


def _score(option: list[tuple[str, int]]) -> tuple[int, int]:
    return min(len(k) for k, _ in option), -len(option)


def _expand(alts: list[Any], rest: list[tuple[Any, Any]], state: Any, at: tuple[str, int, int],
            budget: _Budget) -> list[tuple[str, int]] | None:
    """The union of each alternative's keywords (each followed by ``rest``)."""
    out: list[tuple[str, int]] = []
    for alt in alts:
        found = _anchors(list(alt.data) + rest, state, *at, budget)
        if found is None or len(out) + len(found) > MAX_ANCHORS:
            return None
        out += found
    return out


def _anchors(items: list[tuple[Any, Any]], state: Any, lead: int, run: str, run_lead: int,
             budget: _Budget) -> list[tuple[str, int]] | None:
    """The most selective keywords, with their leads, for the parsed sequence ``items``, which starts
    ``lead`` characters into a match, right after the keyword-so-far ``run`` (begun at ``run_lead``)."""
    if not budget.spend():
        return None
    options: list[list[tuple[str, int]]] = []
    for k, (op, av) in enumerate(items):
        if op is sre.LITERAL and av < 128:
            run, run_lead = run + chr(av).lower(), run_lead if run else lead
            lead += 1
            continue
        if op in (sre.SUBPATTERN, sre.BRANCH):
            alts = [av[-1]] if op is sre.SUBPATTERN else av[1]
            found = _expand(alts, items[k + 1:], state, (lead, run, run_lead), budget)
            if found:
                options.append(found)
                break
        if len(run) >= MIN_KEYWORD:
            options.append([(run, run_lead)])
        run = ""
        lead += sre_parse.SubPattern(state, [(op, av)]).getwidth()[1]
        if lead > MAX_LEAD:
            break
    if len(run) >= MIN_KEYWORD:
        options.append([(run, run_lead)])
    return max(options, key=_score) if options else None


def find_anchors(pattern: re.Pattern[str]) -> Anchors | None:
    """The keywords that every match of ``pattern`` spells (see the module), or None when there are none."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except re.error:
        return None
    found = _anchors(list(parsed.data), parsed.state, 0, "", 0, _Budget())
    if not found:
        return None
    leads: dict[str, int] = {}
    for keyword, lead in found:
        leads[keyword] = max(lead, leads.get(keyword, 0))
    return tuple(leads.items())


@functools.cache
def keywords(anchors: Anchors | None) -> tuple[str, ...]:
    """The fewest of the anchors' keywords one of which every match holds (a keyword holding another goes)."""
    words = sorted({k for k, _ in anchors or ()}, key=len)
    return tuple(w for i, w in enumerate(words) if not any(v in w for v in words[:i]))


def aligned_fold(text: str) -> str | None:
    """``text.casefold()`` when it keeps every offset and folds every letter ``re.IGNORECASE`` equates with
    an ASCII letter onto that letter (not so for the dotless i); None otherwise."""
    folded = text.casefold()
    if len(folded) != len(text) or "ı" in text:
        return None
    return folded


def finditer(pattern: re.Pattern[str], anchors: Anchors | None, text: str,
             folded: str | None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``; ``folded`` is ``aligned_fold(text)``."""
    if anchors is None or folded is None:
        yield from pattern.finditer(text)
        return
    starts: set[int] = set()
    for keyword, lead in anchors:
        at = folded.find(keyword)
        while at >= 0:
            starts.update(range(max(0, at - lead), at + 1))
            at = folded.find(keyword, at + 1)
    pos = 0
    for s in sorted(starts):
        if s < pos:
            continue
        m = pattern.match(text, s)
        if m is not None:
            yield m
            pos = m.end() if m.end() > s else s + 1


class Folded:
    """A text case-folded once, with which pre-filter strings (``needs``) it holds, each looked up once."""

    def __init__(self, text: str) -> None:
        self.text = text.casefold()
        self.aligned = self.text if len(self.text) == len(text) and "ı" not in text else None
        self._holds: dict[str, bool] = {}

    def holds_any(self, needs: tuple[str, ...]) -> bool:
        """One of ``needs`` occurs in the folded text."""
        for n in needs:
            hit = self._holds.get(n)
            if hit is None:
                hit = self._holds[n] = n in self.text
            if hit:
                return True
        return False
