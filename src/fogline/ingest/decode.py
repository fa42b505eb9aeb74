"""Bytes to text: encoding detection (UTF-8, UTF-8 with BOM, cp1251, cp1252), NFC, line endings.

UTF-8 with a few invalid bytes stays UTF-8: the bad bytes become U+FFFD and the encoding name says how
many (``utf-8 (3 invalid bytes replaced)``) instead of the whole text being guessed as a legacy code
page. Bytes that are neither UTF-8 nor text-like in a single-byte code page (almost no ASCII: random
high bytes) are rejected as undecodable.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


class DecodeError(ValueError):
    """The bytes are not text fogline can read; the message says why."""


CONTROL_BYTES = bytes([*range(9), *range(14, 32)])
"""Control bytes that plain text does not hold (tab, line feed, vertical tab, form feed and return aside)."""


def looks_binary(data: bytes, rows: bool = False) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean this is not a text file.
    In a container of rows (``rows``) a NUL byte rejects only its row, so it does not count here."""
    head = data[:8192]
    if rows:
        head = head.replace(b"\x00", b"")
    elif b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
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


MAX_INVALID_SHARE = 0.1
"""UTF-8 with at most this share of its non-ASCII bytes invalid is UTF-8 with a few bad bytes."""
MIN_ASCII_SHARE = 0.05
"""Text in a single-byte code page has spaces, digits and punctuation: below this share it is noise."""


def _invalid_utf8_bytes(data: bytes) -> int:
    """How many bytes of ``data`` are not part of a valid UTF-8 sequence."""
    return len(data) - len(data.decode("utf-8", errors="ignore").encode("utf-8"))


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) when ``data`` is UTF-8 but for a few invalid bytes, else None."""
    high = sum(1 for b in data if b >= 0x80)
    bad = _invalid_utf8_bytes(data)
    if not high or bad / high > MAX_INVALID_SHARE:
        return None
    return data.decode("utf-8", errors="replace"), f"utf-8 ({bad} invalid bytes replaced)"


def decode(data: bytes, rows: bool = False) -> tuple[str, str]:
    """Decode ``data`` and return (text, encoding name); ``rows``: see ``looks_binary``."""
    if looks_binary(data, rows) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
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
        pass
    if (mostly := _mostly_utf8(data)) is not None:
        return mostly
    if sum(1 for b in data if b < 0x80) / len(data) < MIN_ASCII_SHARE:
        raise DecodeError("undecodable: neither UTF-8 nor text in a single-byte code page (almost no ASCII)")
    return _single_byte(data)


def normalise(text: str) -> str:
    """NFC, ``\\n`` line endings, no NUL characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return unicodedata.normalize("NFC", text)


def content_id(text: str) -> str:
    """The stable document id: the same article text always gives the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def safe_name(path: object) -> str:
    """A file name as storable text: bytes that are not UTF-8 (surrogate escapes) written as ``\\xNN``."""
    name = os.fsdecode(path) if isinstance(path, bytes | os.PathLike) else str(path)
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
