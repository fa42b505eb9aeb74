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

    @property
    def blank(self) -> bool:
        return not self.text


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
            lead = len(chunk) - len(chunk.lstrip())
            out.append(Line(pos + lead, pos + lead + len(stripped), stripped, len(stripped.split())))
        else:
            out.append(Line(pos, pos, ""))
        pos += len(chunk) + 1
    return out


def norm(text: str) -> str:
    """A comparison key: straight quotes and dashes, single spaces, case-folded."""
    if not text.isascii():
        text = _FOLDABLE.sub(lambda m: _FOLD[m.group()], text)
    return " ".join(text.split()).casefold()


def words(text: str) -> list[str]:
    return _WORD.findall(text)
