"""Events of one article: detect per sentence, fill arguments, attach follow-up sentences, merge.

Per sentence with cues (and a parse): the subtype and trigger (detect.py), actor1/actor2 (roles.py),
the date (dateindex.DateIndex, else the previous event nearby, else the publication month), casualties
(casualties.find_casualties, aggregates ignored), the place (locate.py) and claims (claims.py).
Predictions ("could be used", "will likely") and negated mentions ("no reports of clashes") give no
event; "if reports ... are confirmed" keeps it as hypothetical; calls, questions, generic, figurative
and non-political uses give none (eventness.py). An event dated more than the current window
(dates.json) before the publication is background; a sentence listing places ("towards A, B and C")
gives one draft per place.
Sentences without an event still count: a denial ("This was then denied by the Armenian side.")
answers the event before it, a toll ("three servicemen were killed") or a place ("This took place
in X") completes it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from fogline.extract import claims as cl
from fogline.extract import roles
from fogline.extract.catalogue import Catalogue, Mention
from fogline.extract.detect import TERRITORY, Detection, EventCues, detect, trigger_token
from fogline.extract.locate import at_unnamed_site, follow_up_place, in_span, locate
from fogline.model import Place, Sentence, Span

FOLLOW_WINDOW = 3  # sentences after an event that may still answer or complete it
ANAPHORIC_KINDS = frozenset({"civilians", "protesters", "police"})  # "the civilian" after "an Azerbaijani civilian"
LIST_GLUE = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+|\s*,\s*")  # what stands between listed places


@dataclass(slots=True)
class Draft:
    """An event while it is being assembled."""

    index: int
    subtype: str
    score: int
    trigger: int
    paragraph: int
    actor1: Mention | None = None
    actor2: Mention | None = None
    date: Any = None  # dates.DateMention
    place: Place | None = None
    site: bool = False  # the sentence puts it at an unnamed site ("at the border"): no place, none to borrow
    fatalities: int | None = None
    injured: int | None = None
    claims: list[cl.ClaimDraft] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    hypothetical: bool = False
    background: bool = False
    last: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Context:
    """Everything about one article that drafting reads."""

    text: str
    sents: list[Sentence]
    mentions: list[Mention]
    places: list[Place]
    date_source: Callable[[], Any]  # makes the dateindex.DateIndex (``dates``) when a draft first needs it
    speakers: dict[int, Mention]
    cues: EventCues
    rep: cl.Reporting
    cat: Catalogue
    breaks: list[int]
    casualties: Any  # callable(text, start, end) -> list
    words: int = 0  # the article's length in words (full articles get the political-actor check)
    _by_start: list[int] = field(default_factory=list, init=False, repr=False)  # mention indexes by start
    _starts: list[int] = field(default_factory=list, init=False, repr=False)
    _kinds: dict[str, tuple[list[int], list[int]]] = field(default_factory=dict, init=False, repr=False)
    _dates: Any = field(default=None, init=False, repr=False)

    @property
    def dates(self) -> Any:
        """The article's ``dateindex.DateIndex``, made on first use: scanning the whole text for dates is
        most of what drafting costs in an article whose parsed sentences turn out to hold no event."""
        if self._dates is None:
            self._dates = self.date_source()
        return self._dates

    def paragraph(self, pos: int) -> int:
        return bisect.bisect_left(self.breaks, pos)

    def para_start(self, pos: int) -> int:
        i = self.paragraph(pos)
        return self.breaks[i - 1] + 1 if i else 0

    def mentions_in(self, s: Sentence) -> list[Mention]:
        """The mentions inside ``s``, in list order (bisect on starts: linear in article size overall)."""
        if len(self._by_start) != len(self.mentions):
            self._by_start = sorted(range(len(self.mentions)), key=lambda i: self.mentions[i].start)
            self._starts = [self.mentions[i].start for i in self._by_start]
        lo, hi = bisect.bisect_left(self._starts, s.start), bisect.bisect_right(self._starts, s.end)
        return [self.mentions[i] for i in sorted(self._by_start[lo:hi]) if self.mentions[i].end <= s.end]

    def prior_index(self, kind: str) -> tuple[list[int], list[int]]:
        """For the mentions of ``kind`` with a country: their ends sorted, and the running highest list index."""
        if kind not in self._kinds:
            pairs = sorted((m.end, i) for i, m in enumerate(self.mentions) if m.entry.kind == kind and m.entry.country)
            best, top = [], -1
            for _, i in pairs:
                top = max(top, i)
                best.append(top)
            self._kinds[kind] = ([e for e, _ in pairs], best)
        return self._kinds[kind]


def tolls(ctx: Context, s: Sentence, notes: list[str] | None = None) -> tuple[int | None, int | None]:
    """Fatalities and injured stated in a sentence (aggregate war tolls, ages, vague amounts ignored).

    A figure over the per-event bound is dropped; the reason goes to ``notes`` when given."""
    mentions = ctx.casualties(ctx.text, s.start, s.end)
    if not mentions:
        return None, None
    from fogline.extract.casualties import dropped, totals

    if notes is not None:
        notes.extend(dropped(mentions))
    t = totals(mentions)
    return t.get("fatalities"), t.get("injured")


def claim_figures(claims: list[cl.ClaimDraft], fatalities: int | None, injured: int | None) -> None:
    """The figures a claimant's sentence gives go on that sentence's asserting claims."""
    for c in claims:
        if c.stance == "asserts":
            c.fatalities = fatalities if c.fatalities is None else c.fatalities
            c.injured = injured if c.injured is None else c.injured


def _keep(det: Detection, trig: Any, s: Sentence, ctx: Context) -> tuple[bool, bool]:
    """(keep, hypothetical) for a detection: predictions, negations, calls, generic and figurative uses are dropped."""
    ev = ctx.cues.eventness
    if ev is not None:
        lone = len(det.cues) == 1 and ctx.words >= ev.political_min_words  # full articles only
        if ev.reason(s.text, trig, lone) is not None:
            return False, False
    kinds = {m.entry.kind for m in ctx.mentions_in(s)}
    if ev is not None and ev.out_of_context(s.text, det.subtype, kinds, ctx.words) is not None:
        return False, False
    if trig is None:
        return True, False
    if cl.negated(trig):
        return False, False
    mood = cl.modal_or_conditional(trig, ctx.rep)
    if mood is None:
        return True, False
    return (True, True) if mood == "if" and cl.is_hedged(s, ctx.rep) else (False, False)


def draft_for(ctx: Context, i: int) -> Draft | None:
    s = ctx.sents[i]
    if not s.cues or s.parse is None:
        return None
    det = detect(s.text, ctx.cues, s.parse)
    if det is None:
        return None
    trig = trigger_token(s.parse, det)
    keep, hypothetical = _keep(det, trig, s, ctx)
    if not keep:
        return None
    pos = s.start + det.trigger
    mentions = ctx.mentions_in(s)
    r = roles.assign(s.parse, s.start, trig, mentions) if trig is not None else roles.by_order(pos, mentions)
    r = roles.Roles(antecedent(ctx, r.actor1), antecedent(ctx, r.actor2), r.via)
    d = Draft(
        i, det.subtype, det.score, pos, ctx.paragraph(s.start), r.actor1, r.actor2, hypothetical=hypothetical, last=i
    )
    d.date = ctx.dates.at(pos, s.start, s.end) if ctx.dates is not None else None
    d.background = bool(d.date is not None and (d.date.background or ctx.dates.stale(d.date)))
    if d.date is not None and d.date.fallback:
        d.notes.append("date: the publication month (the sentence's dates are its report's or another noun's)")
    d.place = locate(ctx.places, ctx.text, ctx.sents, i, pos, ctx.para_start(s.start))
    d.site = d.place is None and at_unnamed_site(ctx.places, ctx.text, s, pos)
    d.fatalities, d.injured = tolls(ctx, s, d.notes)
    d.claims = cl.sentence_claims(s, mentions, ctx.rep, ctx.speakers.get(i))
    claim_figures(d.claims, d.fatalities, d.injured)
    d.evidence = [Span(s.start, s.end, s.text)]
    d.notes.append(f"cues: {', '.join(det.cues)}; roles by {r.via}")
    return d


def antecedent(ctx: Context, m: Mention | None) -> Mention | None:
    """A generic mention without a country takes the country of the last earlier mention of its kind."""
    if m is None or m.entry.country is not None or m.entry.kind not in ANAPHORIC_KINDS:
        return m
    ends, best = ctx.prior_index(m.entry.kind)
    k = bisect.bisect_right(ends, m.start)  # the mentions that end before m; best[k - 1]: the last of them
    return Mention(m.start, m.end, ctx.mentions[best[k - 1]].entry) if k else m


def _anaphoric(s: Sentence, ctx: Context) -> bool:
    hits = ctx.rep.anaphora.find(s.text[:40])
    return bool(hits) and hits[0].start == 0


def follow_up(ctx: Context, i: int, d: Draft) -> None:
    """A sentence without its own event that answers, dates, places or counts the draft ``d``."""
    s = ctx.sents[i]
    mentions = ctx.mentions_in(s)
    drafts = cl.sentence_claims(s, mentions, ctx.rep, ctx.speakers.get(i))
    answers = [c for c in drafts if c.stance != "asserts"]
    anaphoric = _anaphoric(s, ctx)
    if answers and (anaphoric or i - d.last <= 2):
        d.claims.extend(answers)
        d.evidence.append(Span(s.start, s.end, s.text))
    elif claims_responsibility(ctx, i):
        group = next((c.claimant for c in drafts if c.claimant is not None), None)
        attach_responsibility(d, i, drafts, Span(s.start, s.end, s.text), group)
    elif i == d.last + 1:  # "..., police said." next, also as its own one-sentence paragraph
        same = ctx.paragraph(s.start) == d.paragraph
        d.claims.extend(c for c in drafts if c.stance == "asserts" and c.name and (same or _named_speaker(c, ctx.rep)))
    elif any(cl.retells(s.text, e.text) for e in d.evidence):  # "The council said: '... took Olga Kovalkova ...'"
        d.claims.extend(c for c in drafts if c.stance == "asserts" and _named_speaker(c, ctx.rep))
    fat, inj = tolls(ctx, s, d.notes)
    if (fat or inj) and ctx.paragraph(s.start) == d.paragraph and i - d.last <= 2:
        d.fatalities = d.fatalities if d.fatalities is not None else fat
        d.injured = d.injured if d.injured is not None else inj
        claim_figures(drafts, fat, inj)
        d.claims.extend(c for c in drafts if c.stance == "asserts")
        d.evidence.append(Span(s.start, s.end, s.text))
    here = follow_up_place(ctx.places, ctx.text, s) if anaphoric else None
    if here is not None:
        d.place = here
        d.evidence.append(Span(s.start, s.end, s.text))
        d.notes.append("place from a follow-up sentence")


def _named_speaker(c: cl.ClaimDraft, rep: cl.Reporting) -> bool:
    """A claim whose speaker is named, not a pronoun ("they say" refers to someone told before)."""
    return bool(c.name) and (c.name or "").lower() not in rep.words.pronouns


def claims_responsibility(ctx: Context, i: int) -> bool:
    """ "JNIM claimed the attack.": the sentence claims an event told before it (reporting.json)."""
    pattern = ctx.rep.responsibility
    return pattern is not None and pattern.search(ctx.sents[i].text.replace("\u2019", "'")) is not None


def attach_responsibility(prev: Draft, i: int, claims: list[cl.ClaimDraft], span: Span, group: Mention | None) -> None:
    """The claim of responsibility joins the event it claims; the claiming group acts when the event's
    own actor is only generic ("gunmen", "an armed group")."""
    prev.claims.extend(claims)
    if span not in prev.evidence:
        prev.evidence.append(span)
    if group is not None and not _unnamed(group) and (prev.actor1 is None or _unnamed(prev.actor1)):
        prev.actor1 = group
        prev.notes.append("actor1: the group that claimed the attack")
    prev.last = max(prev.last, i)


def _unnamed(m: Mention) -> bool:
    """A template actor ("gunmen": Unidentified Armed Group of some country), not a named group."""
    return "{label}" in m.entry.template


def _answers(d: Draft) -> bool:
    return any(c.stance != "asserts" for c in d.claims) and not any(c.stance == "asserts" for c in d.claims)


def listed_places(ctx: Context, d: Draft, s: Sentence) -> list[Place]:
    """The places of a list that holds the draft's place ("towards Fizuli, Jabrayil and Terter", "in
    Broxbourne, Hertfordshire, and Knowsley"), in order; a region written after a town ("Broxbourne,
    Hertfordshire") qualifies it and is no member."""
    if d.place is None or d.place.precision == 3:
        return []
    here = [p for p in in_span(ctx.places, s.start, s.end) if p.placetype != "country"]
    here.sort(key=lambda p: p.mention.start if p.mention is not None else 0)
    runs: list[list[Place]] = []
    qualifiers: list[Place] = []
    for p in here:
        prev = runs[-1][-1] if runs else None
        gap = _list_gap(ctx.text, prev, p, qualifiers) if prev is not None else ""
        if prev is not None and p.precision == 3 and prev.precision < 3 and re.fullmatch(r",\s*", gap):
            qualifiers.append(p)
        elif prev is not None and LIST_GLUE.fullmatch(gap) and p.name != prev.name:
            runs[-1].append(p)
        else:
            runs.append([p])
    run = next((r for r in runs if d.place in r), [])
    return run if len(run) > 1 else []


def _list_gap(text: str, a: Place, b: Place, qualifiers: list[Place]) -> str:
    """What stands between two listed places, less a region qualifying the first and an aside
    ("Broxbourne, Hertfordshire, (pictured) and Knowsley": ", and")."""
    assert a.mention is not None and b.mention is not None
    lo, hi = a.mention.end, b.mention.start
    gap = text[lo:hi]
    for r in qualifiers:
        if r.mention is not None and lo <= r.mention.start and r.mention.end <= hi:
            gap = gap.replace(r.mention.text, "", 1)
    gap = re.sub(r"\([^()]{0,40}\)", "", gap)
    return re.sub(r",(?:\s*,)+", ",", gap)


def per_place(ctx: Context, d: Draft) -> list[Draft]:
    """One draft per listed place: distinct places in one sentence are distinct events."""
    places = listed_places(ctx, d, ctx.sents[d.index])
    if not places:
        return [d]
    note = [*d.notes, "one of the places listed in the sentence"]
    return [replace(d, place=p, claims=list(d.claims), evidence=list(d.evidence), notes=note) for p in places]


def _clause_event(ctx: Context, s: Sentence, lo: int, hi: int) -> Detection | None:
    """The event of ``s.text[lo:hi]`` (offsets in the sentence), when it reports one."""
    det = detect(s.text[lo:hi], ctx.cues, None)
    if det is None or det.subtype == TERRITORY:
        return None
    det = replace(det, trigger=det.trigger + lo, trigger_end=det.trigger_end + lo)
    return det if _keep(det, trigger_token(s.parse, det), s, ctx)[0] else None


def consequence(ctx: Context, d: Draft) -> Draft | None:
    """The second event of a sentence whose clause tells what the first set off ("rockets were fired
    from A, prompting B to launch air strikes"): ``d`` keeps the cause's subtype, and a draft of the
    clause's own subtype, acted by the clause's first actor, is returned."""
    s = ctx.sents[d.index]
    hit = next(iter(ctx.cues.consequences.find(s.text)), None)
    if hit is None or s.parse is None:
        return None
    cause, effect = _clause_event(ctx, s, 0, hit.start), _clause_event(ctx, s, hit.end, len(s.text))
    if cause is None or effect is None or cause.subtype == effect.subtype:
        return None
    mentions = ctx.mentions_in(s)
    if d.subtype != cause.subtype:  # the sentence's best cue was the clause's: the cause's roles anew
        before = [m for m in mentions if m.end <= s.start + hit.start]
        tok = trigger_token(s.parse, cause)
        rc = roles.assign(s.parse, s.start, tok, before) if tok is not None else roles.by_order(d.trigger, before)
        d.actor1, d.actor2 = antecedent(ctx, rc.actor1), antecedent(ctx, rc.actor2)
    d.subtype, d.score, d.trigger = cause.subtype, cause.score, s.start + cause.trigger
    after = [m for m in mentions if m.start >= s.start + hit.end]
    r = roles.by_order(s.start + effect.trigger, after)
    note = f"cues: {', '.join(effect.cues)}; the second event of the sentence (after '{hit.phrase}')"
    return replace(d, subtype=effect.subtype, score=effect.score, trigger=s.start + effect.trigger,
                   actor1=r.actor1, actor2=r.actor2, claims=list(d.claims), evidence=list(d.evidence),
                   notes=[*d.notes[:-1], note])


def drafts(ctx: Context) -> list[Draft]:
    """One draft per sentence that holds an event (one per listed place); follow-up sentences attach
    to the latest."""
    out: list[Draft] = []
    for i in range(len(ctx.sents)):
        d = draft_for(ctx, i)
        if d is not None and out and i - out[-1].last <= FOLLOW_WINDOW and _answers(d):
            follow_up(ctx, i, out[-1])  # "Armenian sources deny any advances": about the event before
        elif d is not None and out and i - out[-1].last <= FOLLOW_WINDOW and claims_responsibility(ctx, i):
            attach_responsibility(out[-1], i, d.claims, d.evidence[0], d.actor1)
        elif d is not None:
            second = consequence(ctx, d)  # before the main draft, which follow-up sentences answer
            out.extend([second] if second is not None else [])
            out.extend(per_place(ctx, d))
        elif out and i - out[-1].last <= FOLLOW_WINDOW:
            follow_up(ctx, i, out[-1])
    return out


def side_of(m: Mention | None) -> str | None:
    return m.entry.country if m is not None else None


def resolve_territory(d: Draft) -> str:
    """Territory taken by a state's forces is 'Government regains territory', else non-state."""
    a = d.actor1
    if a is None:
        return "Government regains territory"
    if a.entry.kind in {"rebels", "militia"} or a.entry.country == "XNK":
        return "Non-state actor overtakes territory"
    return "Government regains territory"


def final_subtype(d: Draft) -> str:
    if d.subtype == TERRITORY:
        return resolve_territory(d)
    if d.subtype == "Armed clash" and d.actor2 is not None and d.actor2.entry.kind == "civilians":
        return "Attack"
    return d.subtype
