"""Headlines of other stories: related-article links and video teasers scraped into the body.

They come as runs of short lines that start with a capital and end without sentence punctuation
("Firefighters rescue woman from high-rise window"). A run of at least ``min_run`` such lines
(blank lines do not break it; data/clean/captions.json) is cut as navigation, reason
``related_headlines``. A lone caption or a pair of captions stays.
"""

from __future__ import annotations

from fogline.clean.lines import Label, Line

END_PUNCTUATION = tuple(".!?:;,)")
QUOTES = "'\"\u2019\u201d"


def headline_like(line: Line, max_words: int) -> bool:
    """Short, capitalised, and no sentence punctuation at the end (a closing quote may follow a word)."""
    text = line.text.rstrip(QUOTES)
    return 2 <= line.n_words <= max_words and text[:1].isupper() and not text.endswith(END_PUNCTUATION)


def label(lines: list[Line], labels: list[Label | None], min_run: int, max_words: int) -> None:
    """Cut each run of at least ``min_run`` headline-like lines."""
    run: list[int] = []
    for i, line in enumerate([*lines, None]):
        if line is not None and line.blank:
            continue
        if line is not None and labels[i] is None and headline_like(line, max_words):
            run.append(i)
            continue
        if len(run) >= min_run:
            for j in run:
                labels[j] = Label("navigation", "related_headlines")
        run = []
