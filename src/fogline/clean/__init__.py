"""Stage `clean`: cut page furniture and reader comments, find the title, build the cleaned text.

Every cut keeps its raw offsets, kind and rule (``Cut.reason``); ``doc.text`` is the kept lines copied
verbatim, with ``doc.segments`` mapping its offsets back to ``doc.raw``. Patterns live in
``fogline/data/clean/`` (furniture.json, comments.json, captions.json).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fogline.clean import assemble, captions, comments, furniture, sidebars, title
from fogline.clean.captions import CaptionRules
from fogline.clean.comments import CommentRules
from fogline.clean.furniture import Rule, data_path
from fogline.clean.lines import Label, split_lines
from fogline.config import Config
from fogline.model import Document
from fogline.textmatch.anchored import find_anchors

if TYPE_CHECKING:
    from fogline.resources import Resources

__all__ = ["CleanResources", "load", "run"]


@dataclass(slots=True)
class CleanResources:
    """The compiled furniture, caption and comment rules."""

    rules: list[Rule]
    captions: CaptionRules
    comments: CommentRules

    def signal_for(self, reason: str) -> str | None:
        """The reliability signal a cut made by rule ``reason`` implies (donation_appeal, repost_marker)."""
        for rule in self.rules:
            if rule.id == reason:
                return rule.signal
        return None


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _load_comments() -> CommentRules:
    d = json.loads(data_path("comments.json").read_text(encoding="utf-8"))
    return CommentRules(
        markers=_alternation(d["markers"]), meta=_alternation(d["meta_patterns"]),
        second_person=frozenset(d["second_person"]), chatter=frozenset(d["chatter"]),
        insults=frozenset(d["insults"]), reporting=frozenset(d["reporting"]),
    )


def _load_captions() -> CaptionRules:
    d = json.loads(data_path("captions.json").read_text(encoding="utf-8"))
    credit = re.compile(d["credit"], re.IGNORECASE)
    sidebar = (int(d.get("sidebar_min_run", 0)), int(d.get("sidebar_max_words", 0)))
    return CaptionRules(credit, int(d["max_words"]), int(d["repeat_min_words"]), find_anchors(credit), sidebar)


def load(config: Config) -> CleanResources:
    return CleanResources(furniture.load_rules(), _load_captions(), _load_comments())


def run(doc: Document, res: Resources) -> None:
    """Fill ``doc.removed``, ``doc.title``, ``doc.text`` and ``doc.segments``."""
    cres = res.clean
    lines = split_lines(doc.raw)
    labels: list[Label | None] = [None] * len(lines)
    furniture.label(lines, labels, cres.rules)
    comments.label(lines, labels, cres.comments)
    doc.title = title.apply(lines, labels, doc.meta.title or doc.title)
    captions.label(lines, labels, cres.captions)
    if cres.captions.sidebar[0]:
        sidebars.label(lines, labels, *cres.captions.sidebar)
    doc.removed = assemble.cuts(doc.raw, lines, labels)
    doc.text, doc.segments = assemble.text(lines, labels)
