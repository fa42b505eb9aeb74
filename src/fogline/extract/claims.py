"""Claims: who asserts, denies or disputes an event, and how certain the article makes it.

Frames come from data/extract/reporting.json. The claimant of "according to X" follows the cue; for
a reporting verb it is the subject before it or the agent after a passive ("denied by the Armenian
side"). Quoted statements take the speaker who introduces the quote ("X made the following
announcement:") or who closes it ("..., the statement said"). Certainty: ``stated`` (the article's
own voice), ``reported`` (a named source that is not a party), ``claimed`` (a party to the conflict),
``alleged`` (anonymous sources), ``rumored``, ``denied`` (only denials), ``hypothetical``.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from fogline.extract.catalogue import DEMONYM, Catalogue, Mention
from fogline.model import Claim, Sentence, Span
from fogline.nlp.phrases import PhraseIndex, fold

ARTICLE = "the article itself"
QUOTE_OPEN = "\u201c\u00ab\u201e"
QUOTE_CLOSE = "\u201d\u00bb"


@dataclass(frozen=True, slots=True)
class Frame:
    stance: str
    source_after: bool


@dataclass(slots=True)
class Reporting:
    frames: PhraseIndex[Frame]
    rumor: PhraseIndex[str]
    anonymous: PhraseIndex[str]
    hedge: PhraseIndex[str]
    modals: frozenset[str]
    conditional_marks: frozenset[str]
    anaphora: PhraseIndex[str]


@dataclass(slots=True)
class ClaimDraft:
    """A claim before normalisation: ``source`` kind is named | anonymous | rumor."""

    claimant: Mention | None
    stance: str
    evidence: Span
    source: str = "named"
    fatalities: int | None = None
    injured: int | None = None
    extra: list[str] = field(default_factory=list)


def load_reporting() -> Reporting:
    data = json.loads(resources.files("fogline.data").joinpath("extract/reporting.json").read_text("utf-8"))
    frames: PhraseIndex[Frame] = PhraseIndex()
    for f in data["frames"]:
        for cue in f["cues"]:
            frames.add(cue, Frame(f["stance"], bool(f.get("source_after"))))

    def idx(key: str) -> PhraseIndex[str]:
        return PhraseIndex((c, c) for c in data[key])

    return Reporting(
        frames,
        idx("rumor"),
        idx("anonymous"),
        idx("hedge"),
        frozenset(data["modals"]),
        frozenset(data["conditional_marks"]),
        idx("anaphora"),
    )


def quote_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation: curly pairs, or straight quotes taken two by two."""
    out: list[tuple[int, int]] = []
    opened: int | None = None
    for i, ch in enumerate(text):
        if ch in QUOTE_OPEN and opened is None:
            opened = i
        elif ch in QUOTE_CLOSE and opened is not None:
            out.append((opened, i + 1))
            opened = None
    straight = [m.start() for m in re.finditer('"', text)]
    out.extend((a, b + 1) for a, b in zip(straight[::2], straight[1::2], strict=False))
    return sorted(out)


def _speaker(text: str, q: tuple[int, int], mentions: list[Mention]) -> Mention | None:
    """Who says the quotation ``q``: named just before it (up to a colon) or just after it."""
    before = [m for m in mentions if q[0] - 220 <= m.end <= q[0] and m.entry.kind != DEMONYM]
    lead = text[before[-1].end : q[0]] if before else ""
    if before and ("\n" not in lead.strip() or lead.rstrip().endswith(":")):
        lead_line = text[max(0, q[0] - 3) : q[0]]
        if ":" in lead or ":" in lead_line or "," in lead or len(lead) < 80:
            return before[-1]
    after = [m for m in mentions if q[1] <= m.start <= q[1] + 80 and m.entry.kind != DEMONYM]
    return after[0] if after and "\n" not in text[q[1] : after[0].start] else None


def quote_speakers(text: str, sents: list[Sentence], mentions: list[Mention]) -> dict[int, Mention]:
    """Sentence index -> speaker, for sentences that lie inside a long quotation."""
    out: dict[int, Mention] = {}
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)  # bisect, not quotes x everything
    starts = [mentions[i].start for i in order]
    longest = max((m.end - m.start for m in mentions), default=0)
    sent_starts = [s.start for s in sents]
    for q in quote_regions(text):
        if q[1] - q[0] < 40:
            continue
        near = order[bisect.bisect_left(starts, q[0] - 220 - longest):bisect.bisect_right(starts, q[1] + 80)]
        who = _speaker(text, q, [mentions[i] for i in sorted(near)])
        if who is None:
            continue
        first = max(0, min(bisect.bisect_left(sent_starts, q[0] - 1), bisect.bisect_right(sent_starts, q[0]) - 1))
        for i in range(first, bisect.bisect_right(sent_starts, q[1] + 1)):
            s = sents[i]
            if s.start >= q[0] - 1 and s.end <= q[1] + 1 or (s.start <= q[0] < s.end and s.end - q[0] > 30):
                out[i] = who
    return out


def _claimant_for(hit_start: int, hit_end: int, frame: Frame, s: Sentence, mentions: list[Mention]) -> Mention | None:
    text = s.text
    rel_end = hit_end - s.start
    after = [m for m in mentions if hit_end <= m.start <= hit_end + 60]
    passive_by = re.match(r"\s+(?:\w+\s+)?by\b", text[rel_end : rel_end + 20])
    if (frame.source_after or passive_by) and after:
        return after[0]
    if frame.source_after:
        return None
    before = [m for m in mentions if m.end <= hit_start and m.entry.kind != DEMONYM]
    return before[-1] if before else (after[0] if after and s.parse is None else None)


def sentence_claims(s: Sentence, mentions: list[Mention], rep: Reporting, speaker: Mention | None) -> list[ClaimDraft]:
    """The claims one sentence makes about what it reports."""
    low = fold(s.text)
    span = Span(s.start, s.end, s.text)
    anonymous = bool(rep.anonymous.find(s.text, low))
    rumor = bool(rep.rumor.find(s.text, low))
    out: list[ClaimDraft] = []
    for hit in rep.frames.find(s.text, low):
        frame = hit.values[0]
        who = _claimant_for(s.start + hit.start, s.start + hit.end, frame, s, mentions)
        kind = "rumor" if rumor else "named" if who else "anonymous"
        if who is None and not (anonymous or rumor or frame.stance != "asserts"):
            continue
        if any(c.claimant == who and c.stance == frame.stance for c in out):
            continue
        out.append(ClaimDraft(who, frame.stance, span, kind))
    deniers = {id(c.claimant) for c in out if c.stance != "asserts" and c.claimant is not None}
    out = [c for c in out if not (c.stance == "asserts" and id(c.claimant) in deniers)]
    if speaker is not None and not any(c.claimant == speaker for c in out):
        out.append(ClaimDraft(speaker, "asserts", span, "named"))
    if not out and (anonymous or rumor):
        out.append(ClaimDraft(None, "asserts", span, "rumor" if rumor else "anonymous"))
    return out


def is_hedged(s: Sentence, rep: Reporting) -> bool:
    return bool(rep.hedge.find(s.text))


def normalise(d: ClaimDraft, text: str, cat: Catalogue) -> Claim:
    if d.claimant is None:
        name = "rumours on social media" if d.source == "rumor" else "unnamed sources"
        return Claim(name, None, d.stance, d.evidence, d.fatalities, d.injured)  # type: ignore[arg-type]
    actor = d.claimant.actor(text)
    return Claim(actor.name, actor.country, d.stance, d.evidence, d.fatalities, d.injured)  # type: ignore[arg-type]


def certainty(drafts: list[ClaimDraft], cat: Catalogue, hypothetical: bool) -> str:
    """The event's certainty from its claims (see the module doc)."""
    if hypothetical:
        return "hypothetical"
    asserting = [d for d in drafts if d.stance == "asserts"]
    if any(d.source == "rumor" for d in asserting):
        return "rumored"
    if not asserting:
        return "denied" if any(d.stance == "denies" for d in drafts) else "stated"
    named = [d for d in asserting if d.claimant is not None]
    if any(d.claimant.country in cat.parties for d in named if d.claimant):
        return "claimed"
    if named:
        return "reported"
    return "alleged"


def article_claim(evidence: Span) -> Claim:
    return Claim(ARTICLE, None, "asserts", evidence)


def modal_or_conditional(trig: Any, rep: Reporting) -> str | None:
    """'modal' when the trigger sits under could/will/might..., 'if' under a conditional clause."""
    for tok in [trig, *trig.ancestors]:
        for c in tok.children:
            if c.dep_ == "aux" and c.lower_ in rep.modals:
                return "modal"
            if c.dep_ == "mark" and c.lower_ in rep.conditional_marks:
                return "if"
        if tok.dep_ in {"ROOT"}:
            break
    return None


def negated(trig: Any) -> bool:
    """ "no reports of any further clashes", "did not attack", "no forces were deployed"."""
    for tok in [trig, trig.head]:
        for c in tok.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in {"no"}):
                return True
            if c.dep_ in {"nsubj", "nsubjpass"} and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children):
                return True
    head = trig.head
    return head.lower_ == "of" and any(c.dep_ == "det" and c.lower_ == "no" for c in head.head.children)


def claims_payload(drafts: list[ClaimDraft], text: str, cat: Catalogue) -> list[Claim]:
    out: list[Claim] = []
    seen: set[tuple[str, str]] = set()
    for d in drafts:
        c = normalise(d, text, cat)
        if (c.claimant, c.stance) in seen:
            continue
        seen.add((c.claimant, c.stance))
        out.append(c)
    return out


def as_dict(x: Any) -> dict[str, Any]:  # pragma: no cover - debugging aid
    return {k: getattr(x, k) for k in x.__slots__}
