"""Does a stretch that matched a place name look like a place name in its context?

A gazetteer of the world has a place for almost every word ("Well", "Mary", "Sheriff"), so a match
must also look like a name where it stands:

* not a code or model name: no ALL-CAPS word unless the place is written exactly so ("TOS-1A" is no
  place), nothing glued by a hyphen to a token with a digit;
* not a single dictionary word (``common_words.json``) at the start of a sentence or after "the", and
  elsewhere only after a place cue ("in", "near", "village of") and naming a major place (a country,
  an admin-1 region, a city of ``MAJOR_POPULATION``) or one in a country the article is about;
* not a given name next to another capitalised word ("Jordan Banjo", "Mary Molloy");
* not a minor place's name that speaks elsewhere in the article ("Payne said": a surname);
* not the second half of a person's or organisation's name: a capitalised word right before it that
  is neither a dictionary word, a direction ("Eastern"), nor a place itself ("Daniel Cameron"), or a
  given name and a quoted nickname ("Aaron 'Jay' Danielson").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from fogline.geo.gazetteer import Entry
from fogline.geo.textnorm import data_file, fold, key

MAJOR_POPULATION = 100_000
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"“(\[]|\s[-–—])\s*$")
_PREV_WORD = re.compile(r"([A-Z][\w'’\-]*)\s$")
_NICKNAME = re.compile(r"\b[A-Z][a-z]+\s+['‘\"“][A-Z][\w\-]*['’\"”]\s$")  # "Aaron 'Jay' " before a surname
_ALL_CAPS = re.compile(r"\b[A-Z]{2,}\b")
_DIGIT_GLUE_AFTER = re.compile(r"[-–/]?\w*\d")
_DIGIT_GLUE_BEFORE = re.compile(r"\w*\d\w*[-–/]?$")
_AFTER_THE = re.compile(r"\b[Tt]he\s+$")


@cache
def common_keys() -> frozenset[str]:
    """Skeleton keys of the dictionary words that some place name shares."""
    return frozenset(key(w) for w in data_file("common_words.json")["words"])


def is_common_word(surface: str) -> bool:
    """``surface`` is one word, written in lower case in the dictionary ("Well", "We'll", "Sheriff")."""
    return " " not in surface.strip() and key(surface) in common_keys()


def sentence_initial(text: str, start: int) -> bool:
    return _SENTENCE_START.search(text[max(0, start - 6):start]) is not None


def is_major(e: Entry) -> bool:
    return e.is_admin or e.population >= MAJOR_POPULATION


def code_like(text: str, start: int, end: int, entries: list[Entry]) -> str | None:
    """Why the stretch is a code or a model name rather than a place (its ``entries`` name it), or ``None``."""
    surface = text[start:end]
    if _ALL_CAPS.search(surface) and not any(surface == e.name or surface in e.names for e in entries):
        return f"'{surface}' is written in capitals (an acronym or code), unlike any name of the place"
    if _DIGIT_GLUE_AFTER.match(text, end) or _DIGIT_GLUE_BEFORE.search(text[max(0, start - 12):start]):
        return f"'{surface}' is glued to a token with digits (a model or unit name)"
    return None


def inside_name(text: str, start: int, placed: set[int]) -> str | None:
    """The capitalised word right before the mention, when it makes the mention part of a longer name."""
    lead = text[max(0, start - 40):start]
    nick = _NICKNAME.search(lead)
    if nick is not None:
        return nick.group(0).strip()
    m = _PREV_WORD.search(lead)
    if m is None:
        return None
    word = m.group(1)
    word_start = start - len(m.group(0))
    if word_start in placed or fold(word).rstrip("s'’") in _glue_words() or is_common_word(word):
        return None
    if word.endswith(("'s", "’s")):
        return None
    return word


@cache
def _glue_words() -> frozenset[str]:
    """Capitalised words that may stand before a place name: directions, days, and the function words
    and cue words of a title-case headline ("Clashes In Hadrut")."""
    d = data_file("notplaces.json")
    words = [*d.get("name_prefixes", []), *d["never_places"], *(w for c in d["cues_before"] for w in c.split())]
    return frozenset(fold(w) for w in words)


@cache
def given_names() -> frozenset[str]:
    return frozenset(fold(w) for w in data_file("notplaces.json").get("given_names", []))


_NEXT_CAPITALISED = re.compile(r" ([A-Z][a-z][\w'’\-]*)")


def person_name(text: str, start: int, end: int, placed: set[int], given: bool | None = None) -> str | None:
    """A given name ("Jordan", "Mary") written next to another capitalised word: a person (``given``: whether
    the surface is a given name, when known)."""
    surface = text[start:end]
    if not (fold(surface) in given_names() if given is None else given):
        return None
    nxt = _NEXT_CAPITALISED.match(text, end)
    if nxt and end + 1 not in placed and not is_common_word(nxt.group(1)):
        return f"'{surface} {nxt.group(1)}' is a person's name"
    prev = inside_name(text, start, placed)
    return f"'{prev} {surface}' is a person's name" if prev else None


def after_article(text: str, start: int) -> bool:
    return _AFTER_THE.search(text[max(0, start - 5):start]) is not None


def _dictionary_veto(text: str, start: int, surface: str, cued: bool, in_focus: bool, major: bool) -> str | None:
    if sentence_initial(text, start):
        return f"'{surface}' is a dictionary word at the start of a sentence"
    if after_article(text, start):
        return f"'{surface}' is a dictionary word after 'the' (a thing or an institution)"
    if not cued or not (in_focus or major):
        return f"'{surface}' is a dictionary word with no place cue before it"
    return None


def veto(text: str, start: int, end: int, entries: list[Entry], cued: bool, in_focus: bool,
         placed: set[int]) -> str | None:
    """Why the stretch ``text[start:end]`` that matched ``entries`` is no place name here, or ``None``."""
    surface = text[start:end]
    given = fold(surface) in given_names()
    why = code_like(text, start, end, entries) or person_name(text, start, end, placed, given)
    if why:
        return why
    if given and not any(is_major(e) for e in entries) and not (cued and in_focus):
        return f"'{surface}' is a given name and no place cue introduces it"
    if is_common_word(surface):
        why = _dictionary_veto(text, start, surface, cued, in_focus, any(is_major(e) for e in entries))
        if why:
            return why
    prev = inside_name(text, start, placed)
    if prev is not None and not (cued and in_focus):
        return f"'{surface}' follows the capitalised word '{prev}' (part of a person's or organisation's name)"
    return None


@cache
def _speech() -> re.Pattern[str]:
    verbs = sorted(data_file("notplaces.json").get("speech_verbs", []), key=len, reverse=True)
    return re.compile(r",?\s+(?:" + "|".join(re.escape(v) for v in verbs) + r")\b")


def speakers(text: str, named: list[tuple[str, int, Callable[[], bool]]]) -> frozenset[str]:
    """Names that speak somewhere in the article ("Payne said", "Payne told reporters"), of the
    ``(surface, end, major)`` mentions (``major()``: whether a major place has the name, asked only of a
    name that speaks): a minor place's name used so is a person's surname."""
    return frozenset(s for s, end, major in named if _speech().match(text, end) and not major())
