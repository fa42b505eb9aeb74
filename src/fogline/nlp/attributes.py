"""A fast, exact stand-in for the pinned pipeline's ``attribute_ruler``: POS, MORPH and LEMMA exceptions.

spaCy's AttributeRuler runs a general ``Matcher`` over every token and took a third of the parse time
(bench/bench_cascade.py). Its 179 patterns are one or two tokens testing TAG, LOWER, DEP and IS_SPACE
by value, ``IN``, ``NOT_IN`` or ``REGEX``. Here each rule is filed under the exact value of its first
token's most selective attribute, tokens are read as integer rows (``Doc.to_array``), and the results
are written back in one ``Doc.from_array``. Rules apply in the AttributeRuler's order (pattern order,
later rules win), so ``pos_``, ``morph``, ``lemma_`` come out identical (tests/nlp/test_attributes.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG

Row = list[int]
Test = Callable[[Row], bool]
_READ = (TAG, LOWER, DEP, IS_SPACE)
_COL = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_INDEXED = ("LOWER", "DEP", "TAG", "IS_SPACE")  # most selective first
_WRITE = (POS, MORPH, LEMMA, TAG, DEP)


class FastAttributes:
    """Applies an AttributeRuler's rules to a tagged and parsed Doc without the Matcher."""

    def __init__(self, ruler: Any) -> None:
        self.strings = ruler.vocab.strings
        # a rule: (token tests, index into the match, {column in _WRITE: value})
        self.rules: list[tuple[list[Test], int, dict[int, int]]] = []
        # per column of _READ, value -> rule ids; ~id: the key is the whole pattern, no test needed
        self.index: tuple[dict[int, tuple[int, ...]], ...] = ({}, {}, {}, {})
        self.anywhere: tuple[int, ...] = ()
        self.by_regex: list[tuple[re.Pattern[str], int]] = []  # first token: only a REGEX on LOWER
        self._regex_hits: dict[int, tuple[int, ...]] = {}  # LOWER hash -> those rules it matches
        for order, pat in enumerate(ruler.patterns):
            writes = {_WRITE.index(attr): int(v) for attr, v in ruler.attrs[order].items()}
            for tokens in pat["patterns"]:
                rid = len(self.rules)
                self.rules.append(([self._token_test(t) for t in tokens], ruler.indices[order], writes))
                keys = self._index_keys(tokens[0])
                regex = tokens[0].get("LOWER")
                if keys is None and len(tokens[0]) == 1 and isinstance(regex, dict) and set(regex) == {"REGEX"}:
                    self.by_regex.append((re.compile(regex["REGEX"]), rid))
                elif keys is None:
                    self.anywhere += (rid,)
                sure = len(tokens) == 1 and len(tokens[0]) == 1
                for col, value in keys or ():
                    self.index[col][value] = (*self.index[col].get(value, ()), ~rid if sure else rid)

    def _id(self, value: Any) -> int:
        return int(value) if isinstance(value, bool) else int(self.strings.as_int(value))

    def _predicate(self, attr: str, spec: Any) -> Test:
        """One key of a Matcher token pattern as a test on a token's integer row."""
        col = _COL[attr]
        if not isinstance(spec, dict):
            value = self._id(spec)
            return lambda r: r[col] == value
        if set(spec) == {"IN"}:
            values = frozenset(self._id(v) for v in spec["IN"])
            return lambda r: r[col] in values
        if set(spec) == {"NOT_IN"}:
            values = frozenset(self._id(v) for v in spec["NOT_IN"])
            return lambda r: r[col] not in values
        if set(spec) == {"REGEX"}:
            return self._regex(spec["REGEX"], col)
        raise ValueError(f"attribute_ruler pattern not supported by the fast ruler: {attr}={spec!r}")

    def _regex(self, pattern: str, col: int) -> Test:
        rx, strings = re.compile(pattern), self.strings
        cache: dict[int, bool] = {}  # string hash -> match; bounded by the vocabulary

        def test(r: Row) -> bool:
            hit = cache.get(r[col])
            if hit is None:
                hit = cache[r[col]] = rx.search(strings[r[col]]) is not None
            return hit

        return test

    def _token_test(self, spec: dict[str, Any]) -> Test:
        tests = [self._predicate(k, v) for k, v in spec.items()]
        return lambda r: all(f(r) for f in tests)

    def _index_keys(self, spec: dict[str, Any]) -> list[tuple[int, int]] | None:
        """(column, value) keys a first-token spec is filed under; None when it must be tried everywhere."""
        for attr in _INDEXED:
            value = spec.get(attr)
            if isinstance(value, str | bool):
                return [(_COL[attr], self._id(value))]
            if isinstance(value, dict) and set(value) == {"IN"}:
                return [(_COL[attr], self._id(v)) for v in value["IN"]]
        return None

    def _regex_rules(self, lower: int) -> tuple[int, ...]:
        """The REGEX-on-LOWER rules whose first token ``lower`` matches (cached per string)."""
        if len(self._regex_hits) > 200_000:
            self._regex_hits.clear()
        text = self.strings[lower]
        hits = self._regex_hits[lower] = tuple(rid for rx, rid in self.by_regex if rx.search(text))
        return hits

    def matches(self, rows: list[Row]) -> list[tuple[int, int]]:
        """(rule, start) of every match, in the order the AttributeRuler applies them."""
        found: set[tuple[int, int]] = set()
        n, rules, anywhere, empty = len(rows), self.rules, self.anywhere, ()
        by_tag, by_lower, by_dep, by_space = (d.get for d in self.index)
        by_regex = self._regex_hits.get
        for i, (tag, lower, dep, space) in enumerate(rows):
            cands = by_tag(tag, empty) + by_lower(lower, empty) + by_dep(dep, empty) + by_space(space, empty)
            regex = by_regex(lower)
            cands += self._regex_rules(lower) if regex is None else regex
            for rid in cands + anywhere:
                if rid < 0:
                    found.add((~rid, i))
                    continue
                tests = rules[rid][0]
                if i + len(tests) <= n and all(test(rows[i + k]) for k, test in enumerate(tests)):
                    found.add((rid, i))
        return sorted(found)

    def __call__(self, doc: Any) -> Any:
        if not len(doc):
            return doc
        rows = doc.to_array(list(_READ)).tolist()
        out = doc.to_array(list(_WRITE)).tolist()
        touched = {0, 1, 2}
        for rid, start in self.matches(rows):
            tests, index, writes = self.rules[rid]
            row = out[start + index if index >= 0 else start + len(tests) + index]
            for col, value in writes.items():
                row[col] = value
                touched.add(col)
        cols = sorted(touched)
        doc.from_array([_WRITE[c] for c in cols], numpy.array([[r[c] for c in cols] for r in out], dtype=numpy.uint64))
        return doc
