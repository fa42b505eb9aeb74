"""Photo captions (lines with a photo credit) and lines the page repeats (captions or paragraphs shown twice)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from fogline.clean.lines import Label, Line
from fogline.textmatch.anchored import Anchors, aligned_fold, keywords


@dataclass(slots=True, frozen=True)
class CaptionRules:
    """From data/clean/captions.json: the credit pattern, and how short a repeated line may be and still stay."""

    credit: re.Pattern[str]
    max_words: int
    repeat_min_words: int
    credit_anchors: Anchors | None = None  # keywords every credit spells (signals.anchored.find_anchors)
    sidebar: tuple[int, int] = (0, 0)  # related headlines: (min_run, max_words); 0: off (clean/sidebars.py)

    def has_credit(self, text: str) -> bool:
        """``credit.search(text)``, skipped when the line holds none of the credit's keywords."""
        folded = aligned_fold(text) if self.credit_anchors else None
        if folded is not None and not any(k in folded for k in keywords(self.credit_anchors)):
            return False
        return self.credit.search(text) is not None


def label(lines: list[Line], labels: list[Label | None], rules: CaptionRules) -> None:
    """Cut captions carrying a photo credit, and later copies of a repeated line (the first copy stays).
    Lines that share their key share their word count, so only lines whose count recurs get keys."""
    todo = [i for i, ln in enumerate(lines) if not ln.blank and labels[i] is None]
    sizes = Counter(lines[i].n_words for i in todo)
    counts = Counter(lines[i].key for i in todo if sizes[lines[i].n_words] > 1)
    seen: set[str] = set()
    for i in todo:
        line = lines[i]
        key = line.key if sizes[line.n_words] > 1 else None
        if line.n_words <= rules.max_words and rules.has_credit(line.text):
            labels[i] = Label("caption", "photo_credit_caption")
        elif key is not None and counts[key] > 1 and key in seen and line.n_words >= rules.repeat_min_words:
            labels[i] = Label("duplicate", "repeated_line")
        if key is not None:
            seen.add(key)
