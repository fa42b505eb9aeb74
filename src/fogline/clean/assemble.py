"""From labelled lines to the contract: cut spans over raw, and the cleaned text with its offset map."""

from __future__ import annotations

from fogline.clean.lines import Label, Line
from fogline.model import Cut, Segment


def cuts(raw: str, lines: list[Line], labels: list[Label | None]) -> list[Cut]:
    """One ``Cut`` per run of lines with the same label (blank lines inside a run do not break it)."""
    out: list[Cut] = []
    run: tuple[Label, int, int] | None = None
    for line, lab in zip(lines, labels, strict=True):
        if line.blank:
            continue
        if run is not None and lab == run[0]:
            run = (run[0], run[1], line.end)
            continue
        if run is not None:
            out.append(Cut(run[0].kind, run[1], run[2], raw[run[1]:run[2]], run[0].reason))
        run = (lab, line.start, line.end) if lab is not None else None
    if run is not None:
        out.append(Cut(run[0].kind, run[1], run[2], raw[run[1]:run[2]], run[0].reason))
    return out


def text(lines: list[Line], labels: list[Label | None]) -> tuple[str, list[Segment]]:
    """Kept lines joined verbatim: a single newline where they were adjacent, a blank line otherwise."""
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    prev: int | None = None
    for i, (line, lab) in enumerate(zip(lines, labels, strict=True)):
        if line.blank or lab is not None:
            continue
        if prev is not None:
            sep = "\n" if prev == i - 1 else "\n\n"
            parts.append(sep)
            pos += len(sep)
        segments.append(Segment(pos, line.start, len(line.text)))
        parts.append(line.text)
        pos += len(line.text)
        prev = i
    return "".join(parts), segments
