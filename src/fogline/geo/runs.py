"""Runs of capitalised words looked up in the world layer's populated places (``geo.cities``).

A run ("Santa Cruz de la Sierra", "Boris Johnson") is split into words; a stretch is tried only from a
capitalised word some place name starts with, no longer than such names, longest first. What a run names
is remembered (``Gazetteer.run_places``), and so are its words' keys and place-name lengths.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fogline.geo.cities import CityLayer
from fogline.geo.gazetteer import Gazetteer
from fogline.geo.textnorm import key

_WORD = re.compile(r"[^\W\d_][\w'’ʼ\-]*", re.UNICODE)
# A run of capitalised words, with the particles place names carry ("Ras al-Ain", "Santa Cruz de la Sierra")
_RUN_REST = (r"[^\W\d_a-z][\w'’\-]*(?:\.(?= [A-Z]))?"
             r"(?:(?: (?:de|del|de la|da|do|dos|das|di|du|des|la|le|el|al|an|am|im|upon|on|sur|y))?"
             r" (?:[a-z]{1,3}[-’'])?[^\W\d_a-z][\w'’\-]*)*")
_NAME_RUN = re.compile(r"(?:(?:[a-z]{1,3}[-’'])?" + _RUN_REST + ")")
# The same run from its capital on (no leading particle): the engine skips to a capital at once
_RUN_CORE = re.compile("(?:" + _RUN_REST + ")")
MAX_NAME_WORDS = 5
_SPACELESS = re.compile(r"\S+")


def capitalised(text: str) -> bool:
    """The first word capitalised, every other one too or of three letters at most ("Ras al-Ain")."""
    words = _WORD.findall(text)
    return bool(words) and words[0][0].isupper() and all(w[0].isupper() or len(w) <= 3 for w in words)


def city_places(text: str, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """(start, end, key) of the stretches of capitalised words whose key names a place of the cities layer
    (longest first)."""
    if gaz.cities is None:
        return []
    out: list[tuple[int, int, str]] = []
    seen = gaz.run_places
    known = gaz.memo("run words")
    for run in _name_runs(text):
        found = seen.get(run.group(0))
        if found is None:
            if len(seen) >= 1 << 16:
                seen.clear()
            found = seen[run.group(0)] = _run_places(run.group(0), gaz, known)
        if not found:  # most runs name no place of the layer
            continue
        r0 = run.start()
        out.extend((r0 + a, r0 + b, k) for a, b, k in found)
    return out


def _name_runs(text: str) -> Iterator[re.Match[str]]:
    """``_NAME_RUN.finditer(text)``: each run found from its first capital (``_RUN_CORE``, which the engine
    finds in one scan), moved back onto the particle right before it ("al-Ain") when one is written there
    after the run before; a particle is at most four characters and only ends at a capital."""
    pos = 0
    for run in _RUN_CORE.finditer(text):
        q = run.start()
        if q > 0 and text[q - 1] in "-’'":
            run = next((m for p in range(max(pos, q - 4), q) if (m := _NAME_RUN.match(text, p)) is not None), run)
        pos = run.end()
        yield run


def _run_places(text: str, gaz: Gazetteer, known: dict[str, tuple[str, int]]) -> tuple[tuple[int, int, str], ...]:
    """(start, end, key) of the places of the cities layer in one run of capitalised words (longest
    first): only stretches starting with a capitalised word some place name starts with, no longer than
    such names. ``known``: each word's key and the most words a place name starting with it has."""
    assert gaz.cities is not None
    out: list[tuple[int, int, str]] = []
    words = [w.span() for w in _SPACELESS.finditer(text)]
    info = [_word_info(text[wa:wb], gaz.cities, known) for wa, wb in words]
    keys = [k for k, _ in info]  # a stretch's key: its words' keys, space-joined
    i = 0
    while i < len(words):
        a = words[i][0]
        for j in range(min(len(words), i + info[i][1]), i, -1):
            b = words[j - 1][1]
            while b > a and not text[b - 1].isalnum():
                b -= 1
            if not text[b - 1].isalnum() or not capitalised(text[a:b]):
                continue
            k = _stretch_key(text, words, keys, i, j, b)
            if len(k) >= 3 and gaz.city_hits(k):
                out.append((a, b, k))
                i = j - 1
                break
        i += 1
    return tuple(out)


def _word_info(word: str, cities: CityLayer, known: dict[str, tuple[str, int]]) -> tuple[str, int]:
    """The word's key and, when it is capitalised, the most words (``MAX_NAME_WORDS`` at most) of a place
    name starting with it (0: no stretch to try)."""
    got = known.get(word)
    if got is None:
        k = key(word)
        got = known[word] = (k, min(MAX_NAME_WORDS, _first_word_span(cities, word, k)) if word[0].isupper() else 0)
    return got


def _first_word_span(cities: CityLayer, word: str, k: str) -> int:
    """The most words of a place name starting with this word (0: none does, no stretch to try)."""
    n = cities.max_words(k.split(" ", 1)[0])  # "Saint-Germain": one word, two words of a key
    trimmed = word.rstrip(".,;:!?)'’\"")
    return n if len(trimmed) == len(word) else max(n, cities.max_words(key(trimmed).split(" ", 1)[0]))


def _stretch_key(text: str, words: list[tuple[int, int]], keys: list[str], i: int, j: int, end: int) -> str:
    """``key(text[words[i][0]:end])`` from the words' own keys (the last word cut at ``end``)."""
    last_start, last_end = words[j - 1]
    if end <= last_start:
        return key(text[words[i][0]:end])
    last = keys[j - 1] if end == last_end else key(text[last_start:end])
    return " ".join(x for x in (*keys[i:j - 1], last) if x)
