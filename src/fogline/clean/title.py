"""The article's title: from metadata, else the first meaningful line; the title and its repeats are cut."""

from __future__ import annotations

import re

from fogline.clean.lines import Label, Line, norm, words

MAX_TITLE_WORDS = 30
_SITE_SUFFIX = re.compile(r"\s+(?:\||-|—|–|::)\s+[^|]{2,60}$")
_HAS_LETTER = re.compile(r"[^\W\d_]")


def _looks_like_title(text: str) -> bool:
    n = len(words(text))
    if n < 2 or n > MAX_TITLE_WORDS or len(text) > 300 or not _HAS_LETTER.search(text):
        return False
    return not (text.endswith(".") and n > 20)


def _keys(title: str) -> set[str]:
    """Comparison keys for a title: itself, and without a trailing ' | Outlet' / ' - Outlet' suffix."""
    keys = {norm(title)}
    bare = _SITE_SUFFIX.sub("", title)
    if bare != title and len(words(bare)) >= 2:
        keys.add(norm(bare))
    return keys


def _first_meaningful(lines: list[Line], labels: list[Label | None]) -> int | None:
    """Index of the first unlabelled line that reads as a title and has body text after it."""
    for i, line in enumerate(lines):
        if line.blank or labels[i] is not None:
            continue
        if not _looks_like_title(line.text):
            return None
        key, n = line.key, line.n_words  # equal keys have equal word counts: compare those first
        rest = any(not ln.blank and labels[j] is None and (ln.n_words != n or ln.key != key)
                   for j, ln in enumerate(lines[i + 1:], start=i + 1))
        return i if rest else None
    return None


def apply(lines: list[Line], labels: list[Label | None], meta_title: str | None) -> str | None:
    """Return the title and cut its line(s) from the body: the first as ``title``, later ones as repeats."""
    title = meta_title.strip() if meta_title and meta_title.strip() else None
    if title is None:
        i = _first_meaningful(lines, labels)
        if i is None:
            return None
        title = lines[i].text
    keys = _keys(title)
    sizes = {len(k.split()) for k in keys}  # a line's key can only equal a key of as many words
    first = True
    for j, line in enumerate(lines):
        if line.blank or labels[j] is not None or line.n_words not in sizes or line.key not in keys:
            continue
        labels[j] = Label("other", "title") if first else Label("duplicate", "title_repeat")
        first = False
    return title
