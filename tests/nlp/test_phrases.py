from __future__ import annotations

import pytest

from fogline.nlp.phrases import PhraseIndex, PhraseScan


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The village was shelled overnight.", ["shell"]),
        ("A shellfish market opened.", ["shell"]),
        ("Mortar shells fell; mortar fire continued.", ["mortar shells", "mortar fire"]),
    ],
    ids=["prefix", "prefix-word-ending", "longest"],
)
def test_find(text: str, want: list[str]) -> None:
    idx: PhraseIndex[str] = PhraseIndex(
        [("shell*", "s"), ("mortar shells", "m"), ("mortar fire", "m"), ("mortar", "m")]
    )
    assert [h.phrase for h in idx.find(text)] == want


def test_word_boundary() -> None:
    idx: PhraseIndex[str] = PhraseIndex([("raid", "r")])
    assert idx.find("A raid at dawn") and not idx.find("Afraid of nothing")


SCANNED = [
    PhraseIndex([("shell*", "s"), ("mortar shells", "m"), ("mortar", "m")]),
    PhraseIndex([("shell", "exact"), ("mortar fire", "f"), ("fire", "f")]),
    PhraseIndex([("protest*", "p"), ("riot police", "r")]),
]


@pytest.mark.parametrize(
    "text",
    [
        "Mortar shells fell on the market; mortar fire continued overnight.",
        "The village was shelled; a shell landed near the school.",
        "Protesters faced riot police after the protest-march.",
        "A shellfish seller said nothing happened.",
        "",
    ],
    ids=["overlapping-longest-per-index", "same-word-prefix-in-one-exact-in-another", "hyphen-and-prefix",
         "inside-a-word", "empty"],
)
def test_one_scan_finds_what_each_index_finds(text: str) -> None:
    found = PhraseScan(SCANNED).find(text)
    assert found == [index.find(text) for index in SCANNED]


SPAN_TEXTS = [
    "Mortar shells fell on the market. Riot police stood by.\nThe village was shelled; a shell landed.",
    "Protesters marched. riot\npolice watched the protest-march from the bridge.",
    "A shellfish seller said nothing. Shell-shocked residents left the mortar-fire zone.",
    "\u201cThe shelling stopped,\u201d a resident said \u2019 afterwards. Riot police arrived.",
    "The word \u03a3\u039f\u03a3 is Greek. Mortar fire followed the protest.",
    "\u0130stanbul riot police met protesters. Mortar shells fell.",
    "",
]


@pytest.mark.parametrize(
    "text", SPAN_TEXTS,
    ids=["three-sentences", "phrase-across-a-line-break", "word-inside-and-hyphens", "typographic-quotes",
         "capital-sigma-goes-span-by-span", "lower-casing-changes-length", "empty"],
)
def test_scan_of_spans_finds_what_each_span_finds(text: str) -> None:
    from fogline.nlp.split import split_sentences

    spans = split_sentences(text)
    cut = [(a, b) for a, b in spans] + ([(spans[-1][0], spans[-1][0] + 9)] if spans else [])  # a span ending mid-word
    for chosen in (spans, cut[-1:]):
        assert PhraseScan(SCANNED).find_spans(text, chosen) == [PhraseScan(SCANNED).find(text[a:b]) for a, b in chosen]
