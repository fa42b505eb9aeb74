"""Reader-comment sections: known section markers, and a structural detector for sections never seen.

The structural detector scores each non-blank line after the article's opening: user-handle lines
(a short name over a comment), reply chatter ("Reply", "2 hours ago"), second person, slang and insults
score as comments; reporting language scores as article. The comment section is the best-scoring suffix,
accepted only when it holds several handles or reply lines, several chatty lines, and follows enough body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fogline.clean.lines import Label, Line, words

MIN_CHATTY_SHARE = 0.3  # of the non-handle lines in a comment section, at least this share chat

_TERMINAL = re.compile(r"[.!?:;,\"”»)]$")
_EMPHASIS = re.compile(r"!!|\?\?|\.\.(?!\.\w)|[:;]-?[)(DP]\B|\b(?:x+d+)\b", re.IGNORECASE)
_LOWER_START = re.compile(r"^[a-z]")
_HANDLE = re.compile(r"[^\W\d_][\w.' -]*", re.UNICODE)
_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|«[^»]*(?:»|$)|‘[^’]*’(?!\w)")


@dataclass(slots=True, frozen=True)
class CommentRules:
    """From data/clean/comments.json."""

    markers: re.Pattern[str]
    meta: re.Pattern[str]
    second_person: frozenset[str]
    chatter: frozenset[str]
    insults: frozenset[str]
    reporting: frozenset[str]


@dataclass(slots=True)
class _Unit:
    index: int
    score: float
    handle: bool
    meta: bool
    chatty: bool
    after_furniture: bool = False

    @property
    def opens(self) -> bool:
        """Can a comment section start here: a handle, a reply line, or right after the page's furniture."""
        return self.score > 0 and (self.handle or self.meta or self.after_furniture)


def _is_handle(text: str, next_text: str | None) -> bool:
    """A short name-like line with a longer comment right after it."""
    if next_text is None or len(text) > 40 or _TERMINAL.search(text) or not _HANDLE.fullmatch(text):
        return False
    n = len(text.split())
    if n > 1 and text.isupper():
        return False  # a section heading, not a user name
    return 1 <= n <= 5 and len(next_text.split()) > n


def _chatter(text: str, rules: CommentRules) -> tuple[int, bool]:
    """How many kinds of reader chatter the line shows outside quoted speech, and whether any is lexical
    (second person, slang, insults, emphasis) rather than only a lower-case start."""
    text = _QUOTED.sub(" ", text).strip()
    lw = {w.casefold() for w in words(text)}
    lexical = [lw & rules.second_person, lw & rules.chatter, lw & rules.insults, _EMPHASIS.search(text)]
    n = sum(1 for f in lexical if f)
    return n + (1 if _LOWER_START.match(text) else 0), n > 0


def _flags(lines: list[Line], idx: list[int], rules: CommentRules) -> list[tuple[bool, bool]]:
    """(meta, handle) for each of the lines ``idx``: the cheap part of the score, computed first."""
    out: list[tuple[bool, bool]] = []
    for k, i in enumerate(idx):
        text = lines[i].text
        meta = rules.meta.fullmatch(text) is not None
        nxt = lines[idx[k + 1]].text if k + 1 < len(idx) else None
        out.append((meta, not meta and _is_handle(text, nxt)))
    return out


def _score(text: str, meta: bool, handle: bool, rules: CommentRules, i: int) -> _Unit:
    c, lexical = _chatter(text, rules)
    reporting = bool({w.casefold() for w in words(text)} & rules.reporting)
    score = 1.5 * meta + 1.0 * handle + 0.6 * min(c, 3) - 1.0 * reporting
    if c == 0 and not handle and not meta:
        score -= 0.3
    return _Unit(i, score, handle, meta, lexical)


def _units(lines: list[Line], labels: list[Label | None], rules: CommentRules, min_pos: int) -> list[_Unit]:
    """Scored units: the unlabelled non-blank lines from ``min_pos`` on. None at all when fewer than two
    are handles or reply lines, as no comment section can then be accepted (see ``_by_structure``)."""
    idx = [i for i, ln in enumerate(lines) if not ln.blank and labels[i] is None and ln.start >= min_pos]
    flags = _flags(lines, idx, rules)
    if sum(meta or handle for meta, handle in flags) < 2:
        return []
    out = []
    for i, (meta, handle) in zip(idx, flags, strict=True):
        unit = _score(lines[i].text, meta, handle, rules, i)
        prev = next((j for j in range(i - 1, -1, -1) if not lines[j].blank), None)
        lab = labels[prev] if prev is not None else None
        unit.after_furniture = lab is not None and lab.kind in ("boilerplate", "navigation", "comments")
        out.append(unit)
    return out


def _by_marker(lines: list[Line], labels: list[Label | None], rules: CommentRules, min_pos: int) -> int | None:
    for i, line in enumerate(lines):
        if line.blank or line.start < min_pos:
            continue
        if (labels[i] is None or labels[i].kind == "comments") and rules.markers.fullmatch(line.text):
            return i
    return None


def _by_structure(lines: list[Line], units: list[_Unit], min_pos: int) -> int | None:
    """Start of the best-scoring suffix of units, when it looks like a comment section."""
    best, best_k, total = 0.0, None, 0.0
    for k in range(len(units) - 1, -1, -1):
        total += units[k].score
        if units[k].opens and total > best:
            best, best_k = total, k
    if best_k is None or best < 2.5:
        return None
    suffix = units[best_k:]
    handles = sum(u.handle or u.meta for u in suffix)
    chatty = sum(u.chatty for u in suffix)
    said = len(suffix) - handles  # the lines that say something: comments, or (a list's) descriptions
    if len(suffix) < 3 or handles < 2 or chatty < 3 or chatty < MIN_CHATTY_SHARE * said:
        return None
    return units[best_k].index


def find_section(lines: list[Line], labels: list[Label | None], rules: CommentRules) -> tuple[int, str] | None:
    """Index of the line that opens the comment section and the rule that found it, or ``None``."""
    content = [ln for ln in lines if not ln.blank]
    if len(content) < 4:
        return None
    min_pos = content[0].start + (content[-1].end - content[0].start) * 3 // 10
    i = _by_marker(lines, labels, rules, min_pos)
    if i is not None:
        return i, "comment_section_marker"
    i = _by_structure(lines, _units(lines, labels, rules, min_pos), min_pos)
    return (i, "comment_section_structure") if i is not None else None


def label(lines: list[Line], labels: list[Label | None], rules: CommentRules) -> None:
    """Cut everything from the opening of the comment section to the end as ``comments``."""
    found = find_section(lines, labels, rules)
    if found is None:
        return
    start, reason = found
    for j in range(start, len(lines)):
        labels[j] = Label("comments", reason)
