"""Folding, skeleton keys, transliteration and rule-made spelling variants."""

from __future__ import annotations

import re

import pytest

from fogline.geo.textnorm import (
    WordFinder,
    fold,
    key,
    skeleton,
    strip_generic_words,
    text_skeleton,
    transliterate,
    trie_pattern,
    variants,
    words_pattern,
)


@pytest.mark.parametrize("text", ["Böyük Mərcanlı", "İlham Əliyev's visit", "Şuşa — Xankəndi"],
                         ids=["az", "dotted-I", "dash"])
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_skeleton_maps_back_to_the_text() -> None:
    text = "near Garakhanbeyli, Fizuli"
    sk = skeleton(fold(text))
    i = sk.text.index("garahanbeili")
    a, b = sk.source_span(i, i + len("garahanbeili"))
    assert text[a:b] == "Garakhanbeyli"


@pytest.mark.parametrize(("name", "lang", "written", "rule"), [
    ("Qaraxanbəyli", "aze", "Garakhanbeyli", "az-q:g"),
    ("Böyük Mərcanlı", "aze", "Boyuk Marchanli", "az-c:ch"),
    ("Böyük Mərcanlı", "aze", "Boyuk Marjanli", "az-c:j"),
    ("Cəbrayıl", "aze", "Jebrail", "az-schwa:e"),
    ("Hadrut", "eng", "Gadrut", "hy-h-to-g"),
    ("Şuşa", "aze", "Shusha", "az-s-cedilla:sh"),
    ("Movsesgegh", "eng", "Movses", "hy-village-suffix"),
], ids=["garakhanbeyli", "marchanli", "marjanli", "jebrail", "gadrut", "shusha", "movses-gegh"])
def test_variants_reach_news_spellings(name: str, lang: str, written: str, rule: str) -> None:
    vs = variants(name, lang)
    assert key(written) in vs
    assert rule in vs[key(written)]


@pytest.mark.parametrize(("written", "same_as"), [
    ("Karakhanbeyli", "Karakhanbeyly"), ("Jabrayil", "Jabrail"), ("Khankendi", "Xankendi"), ("Farrukh", "Farukh"),
], ids=["li-ly", "yi-i", "kh-x", "double-letters"])
def test_skeleton_merges_spellings(written: str, same_as: str) -> None:
    assert key(written) == key(same_as)


@pytest.mark.parametrize(("name", "latin"),
                         [("Гадрут", "gadrut"), ("Степанакерт", "stepanakert"), ("Երևան", "yerevan")],
                         ids=["ru-gadrut", "ru-stepanakert", "hy-yerevan"])
def test_transliterate(name: str, latin: str) -> None:
    assert transliterate(name) == latin


def test_strip_generic_words() -> None:
    assert strip_generic_words("Füzuli Rayonu") == "Füzuli"
    assert strip_generic_words("Fizuli District") == "Fizuli"


@pytest.mark.parametrize("text", [
    "Shelling near Khankendi and Dzhebrail, the ministry's spokesman said.",
    "Aaa  bbb -- O'Neill's   Ghazni 2211 __ éé şş",
    "Troops  took  Kharkiv’s outskirts; Zhytomyr, Djibouti and Yerevan.",
    "Dzhzh kkhh ddjj zhh 'x ghgh dzdzh: sources side by side and overlapping",
], ids=["caucasus-news", "repeats-and-symbols", "apostrophes", "sources-side-by-side"])
def test_text_skeleton_equals_letter_by_letter(text: str) -> None:
    bulk, slow = text_skeleton(fold(text)), skeleton(fold(text))
    assert (bulk.text, [int(x) for x in bulk.starts], [int(x) for x in bulk.ends]) == \
        (slow.text, list(slow.starts), list(slow.ends))


@pytest.mark.parametrize("name", ["Garakhanbeyli", "Dzhebrail", "O'Brien's Hill", "Böyük  Mərcanlı", "Ghazni"],
                         ids=["kh-y", "dzh", "apostrophes", "double-space", "gh"])
def test_key_is_the_stripped_skeleton(name: str) -> None:
    assert key(name) == skeleton(fold(name)).text.strip()


@pytest.mark.parametrize("text", [
    "the villages of Talish and near the town of Martuni",
    "village Talish; villages Madagiz; in the city of Ganja, nearby Agdam",
    "located near the border, close to the area, around, into, at, from",
], ids=["cues-with-of", "cue-without-of", "short-cues"])
def test_trie_pattern_matches_like_longest_first_alternation(text: str) -> None:
    words = ["village", "villages", "villages of", "village of", "near", "nearby", "located near", "in", "into",
             "at", "around", "area of", "areas of", "close to", "town of", "city of", "from"]
    plain = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r") ")
    trie = re.compile(r"\b(" + trie_pattern(words) + r") ")
    assert [(m.span(), m.group(1)) for m in trie.finditer(text)] == \
        [(m.span(), m.group(1)) for m in plain.finditer(text)]


@pytest.mark.parametrize(("words", "ignore_case", "text"), [
    (["Iranian", "Iran", "US", "U.S."], False,
     "Iranian and US envoys met; USA, thus, U.S. officials, xIran and Iran_ were not words of the list."),
    (["South Korean", "Korean"], False, "The xSouth Korean and South Korean navies; a Korean-built ship."),
    (["Molotov cocktail", "molotov cocktails", "Grad rocket"], True,
     "They threw MOLOTOV COCKTAILS and a molotov cocktail; no Grad rockets, a grad rocket, xgrad rocket."),
    (["Stinger"], True, "An İstanbul STINGER with the Kelvin \u212a sign: the plain scan."),
    ([], False, "Nothing to find."),
], ids=["case-sensitive-words", "word-inside-a-longer-one", "case-blind-phrases", "odd-case-letter", "no-words"])
def test_word_finder_finds_what_the_pattern_finds(words: list[str], ignore_case: bool, text: str) -> None:
    fast = [m.span() for m in WordFinder(words, ignore_case).finditer(text)]
    assert fast == ([m.span() for m in words_pattern(words, ignore_case).finditer(text)] if words else [])


@pytest.mark.parametrize("text", [
    "Şəhər Mərkəzi — “quoted” Kharkiv’s İstanbul ÆØÅ Straße " * 8,
    "Emoji 🙂 and the euro sign € past the table, a lone \udc80 surrogate, Ελληνικά, Кириллица " * 6,
], ids=["latin-letters-and-quotes", "past-the-table"])
def test_long_text_folds_as_letter_by_letter(text: str) -> None:
    assert len(text) >= 256  # the numpy way
    assert fold(text) == "".join(fold(ch) for ch in text)
