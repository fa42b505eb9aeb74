"""Claims: who asserts, denies or disputes an event, and how certain the article makes it.

Frames come from data/extract/reporting.json. The claimant is who says it (claimants.py finds the
words): the source of "according to X", the subject of a reporting verb (from the parse when the
sentence has one), the agent of a passive ("denied by the Armenian side"), the speaker named after a
quote ("..., police said"). Its side (``claimant_country``) is the catalogue actor in those words
("the Belarusian border police", "Moscow"), the country of a titled person they name ("Navalny's
allies" after "Russian opposition leader Alexei Navalny"), else, for a local speaker (police,
witnesses, a named person), the event's country; wire agencies and UN bodies have no side. A denial
word after a reporting verb turns that speaker's claim ("the Kremlin said the reports were fake");
"denied permission" denies no event. Quoted statements without a frame take the speaker who
introduces the quote ("X made the following announcement:"). Certainty: ``stated`` (the article's
own voice), ``reported`` (a named source that is not a party), ``claimed`` (a party to the conflict),
``alleged`` (anonymous sources), ``rumored``, ``denied`` (only denials), ``hypothetical``.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

from fogline.extract import claimants as who_says
from fogline.extract.catalogue import DEMONYM, Catalogue, Mention
from fogline.model import Claim, Sentence, Span
from fogline.nlp.phrases import PhraseIndex, fold

ARTICLE = "the article itself"
NO_SIDE_KINDS = frozenset({"media", "other"})
QUOTE_OPEN = "\u201c\u00ab\u201e"
QUOTE_CLOSE = "\u201d\u00bb"
_CURLY = re.compile(f"[{re.escape(QUOTE_OPEN + QUOTE_CLOSE)}]")


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
    words: who_says.ClaimantWords
    responsibility: re.Pattern[str] | None = None  # "X claimed the attack": a claim on the event before


def responsibility_pattern(d: dict[str, Any]) -> re.Pattern[str]:
    """A responsibility cue followed by a word pointing back ("claimed the attack", "was behind Tuesday's"),
    not by what a strike claims ("claimed the lives of")."""
    cues = "|".join(re.escape(c) for c in sorted(d["cues"], key=len, reverse=True))
    back = "|".join(re.escape(w) for w in d["pointing_back"])
    veto = "|".join(re.escape(w) for w in d["not_followed_by"])  # "strikes that claimed the lives of three"
    return re.compile(rf"\b(?:{cues})\s+(?:{back})\b(?!\s+(?:{veto})\b)", re.IGNORECASE)


@dataclass(slots=True)
class ClaimDraft:
    """A claim before normalisation: ``source`` kind is named | anonymous | rumor.

    ``claimant`` is the catalogue actor that speaks, when there is one; ``name`` the words that name the
    speaker ("Portland police", "witnesses at the scene"); ``local``: the speaker has no country of its
    own in the text and takes the country of the event (a local police force, a witness, a resident).
    """

    claimant: Mention | None
    stance: str
    evidence: Span
    source: str = "named"
    name: str | None = None
    local: bool = False
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
        who_says.ClaimantWords.from_data(data["claimants"]),
        responsibility_pattern(data["responsibility"]),
    )


def quote_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation: curly pairs, or straight quotes taken two by two."""
    out: list[tuple[int, int]] = []
    opened: int | None = None
    for m in _CURLY.finditer(text):  # every other character leaves the state as it is
        i, ch = m.start(), m.group()
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


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who says one cue's statement: a catalogue actor and/or the words naming it."""

    mention: Mention | None
    name: str | None
    local: bool


def _speaker_of(p: who_says.Phrase, s: Sentence, mentions: list[Mention], rep: Reporting) -> Speaker | None:
    start, end = s.start + p.start, s.start + p.end
    inside = [m for m in mentions if m.start < end and m.end > start]
    if not who_says.names_speaker(p, bool(inside), rep.words):
        return None
    fixed = [m for m in inside if m.entry.country is not None]
    if fixed:
        return Speaker(fixed[0], p.text, False)
    if inside and not inside[0].entry.generic and inside[0].entry.kind in NO_SIDE_KINDS:
        return Speaker(inside[0], p.text, False)  # a wire agency or a UN body: no side
    return Speaker(inside[0] if inside else None, p.text, True)


def _claimant_for(
    hit_start: int, hit_end: int, frame: Frame, s: Sentence, mentions: list[Mention], rep: Reporting
) -> Speaker | None:
    """The speaker of the cue at [hit_start, hit_end) (document offsets); see claimants.py."""
    text, rel_start, rel_end = s.text, hit_start - s.start, hit_end - s.start
    by = re.match(r"\s+(?:\w+\s+)?by\b", text[rel_end : rel_end + 20])
    if frame.source_after or by:
        p = who_says.after(text, rel_end + (by.end() if by else 0), rep.words)
        return _speaker_of(p, s, mentions, rep) if p is not None else None
    decided, p = who_says.parsed_subject(s.parse, rel_start, rep.words) if s.parse is not None else (False, None)
    if not decided:
        p = who_says.before(text, rel_start, rep.words)
    found = _speaker_of(p, s, mentions, rep) if p is not None else None
    lead = text[:rel_start].rstrip()
    inverted = not lead or lead[-1] in ",'\u2019\"\u201d"
    if found is None and p is None and inverted and not text[rel_start:rel_end].endswith("ing"):
        q = who_says.after(text, rel_end, rep.words)
        found = _speaker_of(q, s, mentions, rep) if q is not None and not q.pronoun else None
    return found


def sentence_claims(s: Sentence, mentions: list[Mention], rep: Reporting, speaker: Mention | None) -> list[ClaimDraft]:
    """The claims one sentence makes about what it reports."""
    low = fold(s.text)
    span = Span(s.start, s.end, s.text)
    anonymous = bool(rep.anonymous.find(s.text, low))
    rumor = bool(rep.rumor.find(s.text, low))
    out: list[ClaimDraft] = []
    last_end = -1000
    for hit in rep.frames.find(s.text, low):
        frame = hit.values[0]
        if who_says.is_nominal(s.text, hit.start, hit.phrase, rep.words):
            continue
        if out and hit.phrase.endswith("ing") and frame.stance == "asserts":
            continue  # "denied the reports, saying ...": the main verb's speaker already holds it
        if frame.stance != "asserts" and who_says.rejects_other(s.text, hit.end, rep.words):
            continue  # "denied permission for a march"
        if frame.stance != "asserts" and out and 0 <= hit.start - last_end <= 60:
            out[-1] = replace(out[-1], stance=frame.stance)  # "X said the reports were fake"
            continue
        last_end = hit.end
        who = _claimant_for(s.start + hit.start, s.start + hit.end, frame, s, mentions, rep)
        kind = "rumor" if rumor else "named" if who else "anonymous"
        if who is None and not (anonymous or rumor or frame.stance != "asserts" and out):
            continue
        key = (who.name, frame.stance) if who else (None, frame.stance)
        if any((c.name, c.stance) == key for c in out):
            continue
        if who is None and frame.stance != "asserts" and out:
            out[-1] = replace(out[-1], stance=frame.stance)  # "X said the reports were fake"
            continue
        name, local = (who.name, who.local) if who else (None, False)
        out.append(ClaimDraft(who.mention if who else None, frame.stance, span, kind, name=name, local=local))
    deniers = {c.name for c in out if c.stance != "asserts" and c.name is not None}
    out = [c for c in out if not (c.stance == "asserts" and c.name in deniers)]
    if speaker is not None and not out:
        local = speaker.entry.country is None and speaker.entry.generic
        out.append(ClaimDraft(speaker, "asserts", span, "named", local=local))
    if not out and (anonymous or rumor):
        out.append(ClaimDraft(None, "asserts", span, "rumor" if rumor else "anonymous"))
    return out


FULL_NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+(?:\s+[A-Z][a-z'-]+)+")


def retells(text: str, event_text: str) -> bool:
    """A later sentence that names a person the event's sentence names in full ("Olga Kovalkova") tells
    about that event: its speaker's statement is a claim on it."""
    surnames = {m.group().split()[-1] for m in FULL_NAME.finditer(event_text)}
    return any(re.search(rf"\b{re.escape(n)}\b", text) for n in surnames)


def is_hedged(s: Sentence, rep: Reporting) -> bool:
    return bool(rep.hedge.find(s.text))


def normalise(
    d: ClaimDraft, text: str, cat: Catalogue, country: str | None = None, people: dict[str, str] | None = None
) -> Claim:
    """The claim as recorded; a local speaker takes the country of a titled person it names ("Navalny's
    allies" after "Russian opposition leader Alexei Navalny"), else ``country`` (the event's)."""
    if d.claimant is None and d.name is None:
        name = "rumours on social media" if d.source == "rumor" else "unnamed sources"
        return Claim(name, None, d.stance, d.evidence, d.fatalities, d.injured)  # type: ignore[arg-type]
    actor = d.claimant.actor(text, country if d.local else None) if d.claimant is not None else None
    side = actor.country if actor is not None and not (d.local and d.claimant and d.claimant.entry.generic) else None
    if d.local and side is None:
        side = _person_side(d.name or "", people or {}) or (actor.country if actor is not None else None) or country
    name = d.name or (actor.name if actor is not None else "unnamed sources")
    return Claim(name, side, d.stance, d.evidence, d.fatalities, d.injured)  # type: ignore[arg-type]


def _person_side(name: str, people: dict[str, str]) -> str | None:
    for word in re.findall(r"[\w\u2019'-]+", name):
        side = people.get(word.lower().removesuffix("'s").removesuffix("\u2019s"))
        if side:
            return side
    return None


_PEOPLE: dict[int, dict[str, str]] = {}


def people_sides(text: str, cat: Catalogue, rep: Reporting) -> dict[str, str]:
    """``claimants.titled_people`` for one article, computed once per text."""
    key = hash(text)
    if key not in _PEOPLE:
        if len(_PEOPLE) > 32:
            _PEOPLE.clear()
        sided = [(m.start, m.end, m.entry.country) for m in cat.find(text) if m.entry.country]
        _PEOPLE[key] = who_says.titled_people(text, sided, rep.words)
    return _PEOPLE[key]


def certainty(drafts: list[ClaimDraft], cat: Catalogue, hypothetical: bool) -> str:
    """The event's certainty from its claims (see the module doc)."""
    if hypothetical:
        return "hypothetical"
    asserting = [d for d in drafts if d.stance == "asserts"]
    if any(d.source == "rumor" for d in asserting):
        return "rumored"
    if not asserting:
        return "denied" if any(d.stance == "denies" for d in drafts) else "stated"
    named = [d for d in asserting if d.claimant is not None or d.name is not None]
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


def claims_payload(
    drafts: list[ClaimDraft], text: str, cat: Catalogue, country: str | None = None, rep: Reporting | None = None
) -> list[Claim]:
    """The event's claims, one per claimant and stance; a pronoun speaker ("they denied") takes the side
    of the claimant named before it."""
    out: list[Claim] = []
    seen: set[tuple[str, str]] = set()
    people = people_sides(text, cat, rep) if rep is not None else {}
    prior: str | None = None
    for d in drafts:
        c = normalise(d, text, cat, country, people)
        if d.local and d.name and d.name.lower() in rep_pronouns(rep) and prior:
            c = Claim(c.claimant, prior, c.stance, c.evidence, c.fatalities, c.injured)
        prior = c.claimant_country or prior
        if (c.claimant, c.stance) in seen:
            continue
        seen.add((c.claimant, c.stance))
        out.append(c)
    return out


def rep_pronouns(rep: Reporting | None) -> frozenset[str]:
    return rep.words.pronouns if rep is not None else frozenset()


def as_dict(x: Any) -> dict[str, Any]:  # pragma: no cover - debugging aid
    return {k: getattr(x, k) for k in x.__slots__}
