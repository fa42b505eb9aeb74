"""Folding, skeleton keys, transliteration and rule-made spelling variants."""

from __future__ import annotations

import re

import pytest

from fogline.geo.textnorm import (
    fold,
    key,
    skeleton,
    strip_generic_words,
    text_skeleton,
    transliterate,
    trie_pattern,
    variants,
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
], ids=["caucasus-news", "repeats-and-symbols", "apostrophes"])
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
