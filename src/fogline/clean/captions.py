"""Photo captions (lines with a photo credit) and lines the page repeats (captions or paragraphs shown twice)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from fogline.clean.lines import Label, Line, norm


@dataclass(slots=True, frozen=True)
class CaptionRules:
    """From data/clean/captions.json: the credit pattern, and how short a repeated line may be and still stay."""

    credit: re.Pattern[str]
    max_words: int
    repeat_min_words: int


def label(lines: list[Line], labels: list[Label | None], rules: CaptionRules) -> None:
    """Cut captions carrying a photo credit, and later copies of a repeated line (the first copy stays)."""
    counts = Counter(norm(ln.text) for i, ln in enumerate(lines) if not ln.blank and labels[i] is None)
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if line.blank or labels[i] is not None:
            continue
        key = norm(line.text)
        if line.n_words <= rules.max_words and rules.credit.search(line.text):
            labels[i] = Label("caption", "photo_credit_caption")
        elif counts[key] > 1 and key in seen and line.n_words >= rules.repeat_min_words:
            labels[i] = Label("duplicate", "repeated_line")
        seen.add(key)
