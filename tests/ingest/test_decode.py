from __future__ import annotations

import pytest

from fogline.ingest.decode import DecodeError, content_id, decode, normalise

CYRILLIC = "Обстрел Степанакерта продолжался всю ночь, сообщили местные власти."
WESTERN = "Le ministère a déclaré que les tirs d'artillerie ont cessé à l'aube."


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        pytest.param("Shelling near Füzuli".encode(), "Shelling near Füzuli", "utf-8", id="utf8"),
        pytest.param(b"\xef\xbb\xbfCeasefire holds", "Ceasefire holds", "utf-8-sig", id="utf8-bom"),
        pytest.param(CYRILLIC.encode("cp1251"), CYRILLIC, "cp1251", id="cp1251"),
        pytest.param(WESTERN.encode("cp1252"), WESTERN, "cp1252", id="cp1252"),
    ],
)
def test_decode_detects_encoding(data: bytes, text: str, encoding: str) -> None:
    assert decode(data) == (text, encoding)


@pytest.mark.parametrize(
    "data",
    [pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", id="png"),
     pytest.param(bytes(range(0, 32)) * 20, id="control-bytes")],
)
def test_decode_rejects_binary(data: bytes) -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode(data)


def test_normalise_nfc_and_line_endings() -> None:
    assert normalise("Qarax\u0061\u0301nbəyli\r\nsecond\rthird") == "Qaraxánbəyli\nsecond\nthird"


def test_content_id_is_stable_and_short() -> None:
    assert content_id("same text") == content_id("same text")
    assert content_id("same text") != content_id("other text")
    assert len(content_id("x")) == 16
