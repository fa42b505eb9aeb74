"""Raw text as lines with offsets, and the per-line labels the clean rules fill in."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fogline.model import CutKind

_FOLD = {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "–": "-", "—": "-"}
_FOLDABLE = re.compile("[" + "".join(_FOLD) + "]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


@dataclass(slots=True)
class Line:
    """One line of ``Document.raw``: ``start``/``end`` bound its stripped text in raw."""

    start: int
    end: int
    text: str
    n_words: int = 0
    _key: str | None = None

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def key(self) -> str:
        """``norm(text)``, computed once."""
        if self._key is None:
            self._key = norm(self.text)
        return self._key


@dataclass(slots=True)
class Label:
    """Why a line is cut: the contract's cut kind and the rule (``Cut.reason``)."""

    kind: CutKind
    reason: str


def split_lines(raw: str) -> list[Line]:
    """Every line of ``raw`` with the raw offsets of its stripped text (blank lines have empty text)."""
    out: list[Line] = []
    pos = 0
    for chunk in raw.split("\n"):
        stripped = chunk.strip()
        if stripped:
            lead = chunk.find(stripped[0])  # the first character that is not white space
            n = stripped.count(" ") + 1 if _single_spaced(stripped) else len(stripped.split())
            out.append(Line(pos + lead, pos + lead + len(stripped), stripped, n))
        else:
            out.append(Line(pos, pos, ""))
        pos += len(chunk) + 1
    return out


def _single_spaced(text: str) -> bool:
    """No white space but single ASCII spaces between words (every other white space is unprintable)."""
    return text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " "


def norm(text: str) -> str:
    """A comparison key: straight quotes and dashes, single spaces, case-folded."""
    if not text.isascii():
        text = _FOLDABLE.sub(lambda m: _FOLD[m.group()], text)
    if not text or not _single_spaced(text):
        text = " ".join(text.split())
    return text.casefold()


def words(text: str) -> list[str]:
    return _WORD.findall(text)
