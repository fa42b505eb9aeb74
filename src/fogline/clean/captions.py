"""Photo captions: lines with a photo credit, and short lines the page repeats (captions shown twice)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from fogline.clean.lines import Label, Line, norm, words


@dataclass(slots=True, frozen=True)
class CaptionRules:
    """From data/clean/captions.json: the credit pattern, and how long a repeated line may be to be a caption."""

    credit: re.Pattern[str]
    max_words: int
    repeat_max_words: int


def label(lines: list[Line], labels: list[Label | None], rules: CaptionRules) -> None:
    """Cut credit-bearing captions, repeated short lines (all copies) and repeated paragraphs (later copies)."""
    counts = Counter(norm(ln.text) for i, ln in enumerate(lines) if not ln.blank and labels[i] is None)
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if line.blank or labels[i] is not None:
            continue
        n = len(words(line.text))
        key = norm(line.text)
        if n <= rules.max_words and rules.credit.search(line.text):
            labels[i] = Label("caption", "photo_credit_caption")
        elif counts[key] > 1 and n <= rules.repeat_max_words:
            labels[i] = Label("caption", "repeated_caption")
        elif counts[key] > 1 and key in seen:
            labels[i] = Label("duplicate", "repeated_paragraph")
        seen.add(key)
