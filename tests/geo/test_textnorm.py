"""Folding, skeleton keys, transliteration and rule-made spelling variants."""

from __future__ import annotations

import pytest

from fogline.geo.textnorm import fold, key, skeleton, strip_generic_words, transliterate, variants


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
