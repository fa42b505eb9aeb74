r"""Runs of letters, split fast: what ``re.findall(r"[^\W\d_]+", text)`` gives, several times faster."""

from __future__ import annotations

import functools
import re

_LETTER = re.compile(r"[^\W\d_]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@functools.cache
def _separators(keep: str) -> bytes:
    """A ``bytes.translate`` table over UTF-8 making every ASCII character but letters and ``keep`` a space
    (every other character is bytes from 0x80 up there, left as they are)."""
    return bytes(32 if c < 128 and chr(c) not in keep and not _LETTER.match(chr(c)) else c for c in range(256))


def letter_chunks(text: str, keep: str = "") -> list[str]:
    """``text`` split at every character that is neither a letter nor one of ``keep`` (ASCII), in order:
    the characters beyond ASCII that are no letter become spaces, then the ASCII ones through one
    ``bytes.translate``."""
    if not text.isascii():
        for c in set(_NON_ASCII.findall(text)):
            if not _LETTER.match(c):
                text = text.replace(c, " ")
    return text.encode("utf-8", "surrogatepass").translate(_separators(keep)).decode("utf-8", "surrogatepass").split()
