"""The literal gate never refuses a text its pattern matches, and refuses texts that lack the literals."""

from __future__ import annotations

import re

import pytest

from fogline.extract.dates import grammar
from fogline.textmatch.gate import Finder, Gate, admitted, fold

CASES = [
    pytest.param(r"\b(?:last|this) week\b", re.I, "Protests grew LAST WEEK in the capital.", id="ignore-case-words"),
    pytest.param(r"\b(?:last|this) week\b", re.I, "Observers noted it laſt week.", id="long-s-under-ignore-case"),
    pytest.param(r"\bin\s+(?:19|20)\d{2}\b", re.I, "The dam was built İn 1998 by the state.", id="dotted-capital-i"),
    pytest.param(r"\b(?P<n>\d{1,2})\s+(?P<unit>days?|weeks?)\s+ago\b", re.I, "It happened 3 DAYS AGO.",
                 id="optional-plural"),
    pytest.param(r"(?<![\d.])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?:19|20)\d{2}", 0,
                 "Signed on 11.12.2020 in Baku.", id="back-reference"),
    pytest.param(r"\b(?i:on\s+)?(?P<wd>Monday|Tuesday)\b", 0, "Talks resume on Tuesday morning.", id="inline-flag"),
    pytest.param(r"\b(?:ab)+c\b", 0, "The code ababc was seen.", id="repeat-at-least-once"),
]


@pytest.mark.parametrize(("pattern", "flags", "text"), CASES)
def test_admits_what_the_pattern_matches(pattern: str, flags: int, text: str) -> None:
    compiled = re.compile(pattern, flags)
    assert compiled.search(text)
    assert Gate(compiled).admits(fold(text))


@pytest.mark.parametrize(("pattern", "flags", "text"), [
    pytest.param(r"\b(?:last|this) week\b", re.I, "Nothing was reported on the border.", id="no-literal"),
    pytest.param(r"\b(?P<n>\d{1,2})\s+(?P<unit>days?|weeks?)\s+ago\b", re.I, "Two days later the road opened.",
                 id="one-of-two-sets-missing"),
])
def test_refuses_texts_without_the_literals(pattern: str, flags: int, text: str) -> None:
    assert not Gate(re.compile(pattern, flags)).admits(fold(text))


def test_unreadable_constructs_only_weaken_the_gate() -> None:
    gate = Gate(re.compile(r"[A-Z]\w+ (?:said|told)", re.I))
    assert gate.admits(fold("Officials TOLD reporters"))
    assert Gate(re.compile(r".+")).needs == ()


def test_date_grammar_gates_admit_every_match() -> None:
    g = grammar()
    patterns = [p for _, p in g.patterns] + [p for p, _ in g.publication + g.previous]
    text = ("On 2 November 2020, a day after the talks, shelling resumed; last week and earlier this year "
            "(1992-1994, 11.12.2020, 2020-03-01) it was calm until Monday. Three days ago, in May, on the 25th.")
    for pattern, ok in zip(patterns, admitted(g.gates, fold(text)), strict=True):
        assert ok or not pattern.search(text), pattern.pattern


@pytest.mark.parametrize(("pattern", "flags", "text"), [
    pytest.param(r"\b(?:in|since|by)\s+(?:19|20)\d{2}\b", re.I,
                 "Built in 1998, rebuilt SINCE 2004; within 2010 by 2012.", id="prefix-words"),
    pytest.param(r"\b(?:(?:on|last)\s+)?(?:Monday|Tuesday)\b", 0, "Talks on Monday, more last Tuesday and Monday.",
                 id="optional-first-word"),
    pytest.param(r"\b(?:the day|a day) (?:after|before)\b", re.I,
                 "The day after, and a day before; the day afterwards.", id="overlapping-candidates"),
    pytest.param(r"\bin\s+(?:19|20)\d{2}\b", re.I, "İn 1998 the dam was built, in 2001 it broke.",
                 id="dotted-capital-i-finder"),
    pytest.param(r"(?<![\d-])(?:19|20)\d{2}-\d{2}-\d{2}(?![\d-])", 0, "Filed 2020-10-11, updated 12020-10-11.",
                 id="digit-first"),
])
def test_finder_finds_what_finditer_finds(pattern: str, flags: int, text: str) -> None:
    compiled = re.compile(pattern, flags)
    expected = [(m.start(), m.end()) for m in compiled.finditer(text)]
    assert expected
    assert [(m.start(), m.end()) for m in Finder(compiled).finditer(text, fold(text))] == expected
