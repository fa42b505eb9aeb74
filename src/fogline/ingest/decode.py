"""Bytes to text: encoding detection (UTF-8, UTF-8 with BOM, cp1251, cp1252), NFC, line endings."""

from __future__ import annotations

import hashlib
import unicodedata

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


class DecodeError(ValueError):
    """The bytes are not text fogline can read; the message says why."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean this is not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.05


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _single_byte(data: bytes) -> tuple[str, str]:
    """cp1251 when its reading gives Cyrillic words (runs of Cyrillic letters), else cp1252.

    Latin text in cp1252 read as cp1251 also yields Cyrillic letters, but isolated inside Latin
    words ("dйclarй"), so the share of Cyrillic letters with a Cyrillic neighbour decides.
    """
    as_1251 = data.decode("cp1251", errors="replace")
    cyr = [_is_cyrillic(ch) for ch in as_1251]
    total = sum(cyr)
    paired = sum(1 for i, c in enumerate(cyr) if c and ((i and cyr[i - 1]) or (i + 1 < len(cyr) and cyr[i + 1])))
    if total and paired / total > 0.6:
        return as_1251, "cp1251"
    return data.decode("cp1252", errors="replace"), "cp1252"


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and return (text, encoding name)."""
    if looks_binary(data) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DecodeError("binary content (NUL or control bytes), not a text article")
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {name} byte-order mark but does not decode: {exc}") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _single_byte(data)


def normalise(text: str) -> str:
    """NFC, ``\\n`` line endings, no NUL characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return unicodedata.normalize("NFC", text)


def content_id(text: str) -> str:
    """The stable document id: the same article text always gives the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
