"""The pinned pipeline's rule lemmatizer read through a cache of whole answers, applied as integer rows.

spaCy's ``Lemmatizer`` builds a ``Token`` per word, caches its rule answers under (ORTH, POS, MORPH)
but recomputes the base forms ("the noun is singular") every time, and sets each lemma through the
``Token``. Its answer depends on nothing else (the word's text, POS and morphology and the model's
fixed tables), so here every (ORTH, POS, MORPH) is asked once per process, and the lemmas of a Doc are
read and written in one ``Doc.to_array`` / ``Doc.from_array``. Asking is cheap too: the model's word
index per POS (``lemma_index``, up to 57k words) is a list that each candidate form was looked up in
one by one; it becomes a frozenset (membership is all the rules ask of it). The same ``lemma_`` on
every token (tests/nlp/test_lemmas.py), at a fraction of the time.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS

MAX_CACHED = 500_000
"""Distinct (word, POS, morphology) answers kept; past this the cache starts afresh."""


class CachedLemmas:
    """Sets ``lemma`` where it is unset (as the model's lemmatizer does without ``overwrite``)."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.overwrite = bool(lemmatizer.overwrite)
        self.cache: dict[tuple[int, int, int], int] = {}
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos in list(index.keys()):
            index[pos] = frozenset(index[pos])

    def __call__(self, doc: Any) -> Any:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = [row[3] for row in rows]
        strings, cache = doc.vocab.strings, self.cache
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not self.overwrite:
                continue
            found = cache.get((orth, pos, morph))
            if found is None:
                if len(cache) >= MAX_CACHED:
                    cache.clear()
                found = cache[(orth, pos, morph)] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64).reshape(-1, 1))
        return doc
