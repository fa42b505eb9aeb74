"""Casualty counts (fatalities and injured) stated in a sentence or window of text.

Pure functions, regex only (no spaCy), cues in ``data/extract/casualties.json``:

    >>> [(c.kind, c.count, c.who) for c in find_casualties("Two days ago three soldiers were killed.")]
    [('fatalities', 3, 'soldiers')]

Forms handled: the people counted before the cue ("three soldiers were killed", "Five dead", "one man has
been hospitalized"), after it ("killing three soldiers", "claimed the lives of three soldiers of the
Artsakh Defense Army"), running totals ("the death toll ... reached 31"), explicit zeros ("No injuries or
fatalities were reported", "nobody was hurt"), one person without a number ("a soldier was wounded", "the
journalist was hospitalized": 1) and named people ("Aram Petrosyan and Elvin Aliyev were killed": 2).
A plural with no number ("soldiers were killed") gives ``count=None`` with ``low=2``.

``aggregate`` marks cumulative tolls (a war's or a period's: "has exceeded 3,000", "since September",
"in total", "killed 30,000 over the 1990s war"), which are not one event's figures; the test reads the
clause of the figure, so "... over the war, and on Monday a blast killed four" keeps the four.
``totals(mentions)`` sums what one event's fields should hold.

Traps that give no figure: ages ("Javier Ordonez, 46, died": one dead, not 46), counts of people
arrested or of vehicles before a cue in another clause, vague amounts ("dozens": no count, floor in
``low``), and any figure over ``max_per_event`` (casualties.json), dropped with a reason in ``dropped``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from fogline.extract.numbers import Quantity, alternation, find_quantities, load_data
from fogline.model import Span

__all__ = ["CasualtyMention", "dropped", "find_casualties", "totals"]

Kind = Literal["fatalities", "injured"]
KINDS: tuple[Kind, Kind] = ("fatalities", "injured")
_STOP = re.compile(r"[.;:!?\n]|,\s|\b(?:in|at|near|on|during|and|while|after|when|as|who|which|that|from|by|"
                   r"with|when|since|including|because|but)\b", re.I)
_CLAUSE = re.compile(r"[.;:!?\n,(\[\]\)]|\b(?:while|and|but|as|when|after|where|whereas|whom|although|that|said|"
                     r"claimed|reported|says|claim|claims|report|reports)\b", re.I)


@dataclass(frozen=True, slots=True)
class CasualtyMention:
    """One stated casualty figure.

    ``count``: the figure to record (ACLED's conservative value; ``None`` when only a plural is given);
    ``low``/``high``: the range the words allow; ``span``: the evidence (indexes the text given);
    ``who``: the people counted as written ("soldiers of the Artsakh Defense Army"), for the caller's side
    attribution; ``aggregate``: a cumulative toll; ``anaphoric``: re-counts people counted before
    ("All three were hospitalized"); ``weak``: a cue that re-counts (hospital admissions); ``cue``: the
    matched cue words.
    """

    kind: Kind
    count: int | None
    low: int | None
    high: int | None
    span: Span
    cue: str
    aggregate: bool = False
    who: str | None = None
    approx: bool = False
    anaphoric: bool = False
    weak: bool = False
    dropped: str | None = None
    prior: bool = False

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end


class _Cues:
    def __init__(self) -> None:
        d: dict[str, Any] = load_data("casualties.json")
        self.after = {k: re.compile(rf"\b(?:{alternation(d[k]['after'])})\b", re.I) for k in KINDS}
        self.before = {k: re.compile(rf"\b(?:{alternation(d[k]['before'])})\b", re.I) for k in KINDS}
        self.toll = {k: re.compile(rf"\b(?:{'|'.join(d[k]['toll'])})\b", re.I) for k in KINDS}
        self.weak = {w.lower() for w in d["weak"]}
        self.intransitive = {w.lower() for w in d["intransitive"]}
        self.finite_intransitive = {w.lower() for w in d["finite_intransitive"]}
        self.zero = [re.compile(p, re.I) for p in d["zero"]]
        self.idioms = re.compile(rf"\b(?:{alternation(d.get('idioms', []))})\b", re.I) if d.get("idioms") else None
        self.zero_words: dict[str, list[Kind]] = d["zero_words"]
        self.zero_word = re.compile(rf"\b(?:{alternation(list(self.zero_words))})\b", re.I)
        aux = alternation(d["aux"])
        self.aux_tail = re.compile(rf"(?:\s+(?:{aux}|\w+ly|“|\"|not|n't))*[\s“\"]*\Z", re.I)
        self.aggregate = [re.compile(p, re.I) for p in d["aggregate"]]
        self.single_event = re.compile(rf"\b(?:{alternation(d['single_event'])})\b", re.I)
        self.non_person = {w.lower() for w in d["non_person"]}
        self.age_before = re.compile(rf"\b(?:{alternation(d['age']['before'])})\s*\Z", re.I)
        self.apposition = re.compile(d["age"]["apposition"])
        self.not_counted = re.compile(rf"\b(?:{alternation(d['not_counted'])})\b", re.I)
        self.max_per_event: int = d["max_per_event"]
        self.prior = re.compile(rf"\b(?:{alternation(d['prior'])})\b", re.I)
        self.anaphora = re.compile(rf"\b(?:{alternation(d['anaphora'])})\s+\Z", re.I)
        self.singular_aux = re.compile(r"\b(?:was|is|has been|had been|got)\b(?:\s+\w+ly)?[\s“\"]*\Z", re.I)
        self.plural_aux = re.compile(r"\b(?:were|are|have been|have|got)\b(?:\s+\w+ly)?[\s“\"]*\Z", re.I)
        ap = d["apposed"]
        self.apposed = frozenset(w.lower() for w in ap["cues"])
        self.apposed_not_names = frozenset(w.lower() for w in ap["not_names"])
        self.apposed_next = re.compile(rf"\s*(?:[,.;]|\b(?:{alternation(ap['next'])})\b)", re.I)


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    return _Cues()


def _zeros(c: _Cues, text: str, start: int, end: int) -> list[CasualtyMention]:
    out: list[CasualtyMention] = []
    for pat in c.zero:
        for m in pat.finditer(text, start, end):
            kinds: list[Kind] = []
            for w in c.zero_word.findall(m.group(0)):
                kinds += [k for k in c.zero_words[w.lower()] if k not in kinds]
            span = Span(m.start(), m.end(), m.group(0))
            out += [CasualtyMention(k, 0, 0, 0, span, m.group(0)) for k in kinds
                    if not any(o.kind == k and o.span.start < m.end() and m.start() < o.span.end for o in out)]
    return out


def _who_after(text: str, pos: int, end: int) -> str | None:
    """The noun phrase right after a count: up to punctuation or a clause/place word ('of' kept)."""
    stop = _STOP.search(text, pos, end)
    who = text[pos:stop.start() if stop else end].strip(" ,“”\"'")
    return re.sub(r"^of\s+", "", who) or None


def _head(who: str | None) -> str:
    return who.split()[0].lower() if who else ""


def _before_count(c: _Cues, text: str, cue: re.Match[str], qs: list[Quantity], lo: int) -> tuple[Quantity, str] | None:
    """A count before an 'after' cue: '<count> <who, at most 10 words> <aux>* <cue>'."""
    prior = [q for q in qs if q.end <= cue.start() and q.end >= cue.start() - 110]
    if not prior:
        return None
    q = prior[-1]
    gap = text[q.end:cue.start()]
    if re.search(r"[.;:!?\n]", gap) or len(gap.split()) > 12:
        return None
    tail = c.aux_tail.search(gap)
    who = gap[:tail.start()].strip(" ,") if tail else gap.strip(" ,")
    if re.search(r",", who) or len(who.split()) > 10 or c.not_counted.search(who):
        return None
    return q, re.sub(r"^of\s+", "", who)


_DETERMINER_GAP = re.compile(r"[\s“\"]*(?:(?:his|her|their|its|the|all)\s+)?")  # 'killing his two sons'


def _after_count(text: str, cue: re.Match[str], qs: list[Quantity], end: int) -> tuple[Quantity, str | None] | None:
    """A count right after a 'before' cue: 'killing <count> <who>', 'killing their three children'."""
    for q in qs:
        if q.start >= cue.end() and _DETERMINER_GAP.fullmatch(text[cue.end():q.start]):
            return q, _who_after(text, q.end, end)
    return None


def _clause_subject(text: str, lo: int, pos: int) -> str:
    seg = re.sub(r",\s*\d{1,3}\s*,?\s*\Z", "", text[lo:pos])  # "Ordonez, 46, died": the age goes
    seg = seg.rstrip(" ,")  # "Smith, a local activist, was killed": the apposition ends there
    cut = 0
    for m in _CLAUSE.finditer(seg):
        cut = m.end()
    return seg[cut:]


def _no_number(c: _Cues, text: str, cue: re.Match[str], lo: int) -> tuple[int | None, int | None, str] | None:
    """(count, low, who) for a subject without a number: one person, named people, or a bare plural."""
    left = text[max(lo, cue.start() - 160):cue.start()]
    if cue.group(0).lower() in c.apposed and c.apposed_next.match(text, cue.end()):
        name = _apposed_name(left)
        if name is not None and name.split()[0].lower() not in c.apposed_not_names:
            return 1, 1, name
    sing, plur = c.singular_aux.search(left), c.plural_aux.search(left)
    aux = sing or plur
    if aux is None and cue.group(0).lower() in c.intransitive:
        sing = aux = re.search(r"\s*\Z", left)
    if aux is None:
        return None
    subject = _clause_subject(text, max(lo, cue.start() - 160), cue.start() - len(left) + aux.start()).strip()
    who = re.sub(r"^(?:the|a|an|another|one)\s+", "", subject, flags=re.I).strip() or subject
    if not subject or re.search(r"\b(?:no one|nobody|none)\b", subject, re.I):
        return None
    if sing and aux is not None and not aux.group(0).strip():  # no auxiliary: '<a/the person> died'
        first = subject.split()[0].lower()
        one = first in ("a", "an", "one", "another", "the") and not who.endswith("s")
        named = cue.group(0).lower() in c.finite_intransitive and _singular_np(subject)
        return (1, 1, who) if one or named else None
    if sing:
        return 1, 1, who
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+", _full_subject(text, lo, cue, aux, left)) if p.strip()]
    if len(parts) >= 2 and all(_singular_np(p) for p in parts):
        return len(parts), len(parts), " and ".join(parts)
    return None, 2, who


def _apposed_name(left: str) -> str | None:
    """ "Aaron Danielson, shot and killed after ...": a person's full name (two to four capitalised words)
    set off by a comma just before a passive cue is one person killed."""
    m = re.search(r"(?:^|[,;:(]\s*|\b[a-z]+\s+)((?:[A-Z'\"][\w'\u2019\".-]*\s+){1,3}[A-Z][\w\u2019-]*),\s*\Z", left)
    if m is None:
        return None
    words = m.group(1).split()
    return m.group(1) if all(w.strip("'\"\u2019")[:1].isupper() for w in words) else None


def _full_subject(text: str, lo: int, cue: re.Match[str], aux: re.Match[str], left: str) -> str:
    seg = text[max(lo, cue.start() - 160):cue.start() - len(left) + aux.start()]
    cut = 0
    for m in re.finditer(r"[.;:!?\n(]|\b(?:while|but|when|after|where|that|said|claimed|reported)\b", seg):
        cut = m.end()
    return seg[cut:]


def _singular_np(part: str) -> bool:
    words = part.split()
    if not words or len(words) > 5:
        return False
    if words[0].lower() in ("a", "an", "one", "another"):
        return True
    return all(w[:1].isupper() for w in words) and not words[-1].endswith("s")


def _mention(kind: Kind, q: Quantity | None, count: int | None, low: int | None, high: int | None,
             text: str, s: int, e: int, cue: str, who: str | None) -> CasualtyMention:
    if q is not None and q.vague:
        count = None  # "dozens": a floor (low), never a count
    return CasualtyMention(kind, count, low, high, Span(s, e, text[s:e]), cue, who=who or None,
                           approx=bool(q and q.approx))


def _one_cue(c: _Cues, text: str, kind: Kind, cue: re.Match[str], form: str, qs: list[Quantity],
             lo: int, hi: int) -> CasualtyMention | None:
    if form == "after":
        found = _before_count(c, text, cue, qs, lo)
        if found:
            q, who = found
            mention = _mention(kind, q, q.value, q.low, q.high, text, q.start, cue.end(), cue.group(0), who)
            if c.anaphora.search(text[max(lo, q.start - 12):q.start]) or q.text.lower() == "both":
                mention = _replace(mention, anaphoric=True)
            return mention
        nn = _no_number(c, text, cue, lo)
        if nn:
            count, low, who = nn
            s = max(lo, cue.start() - len(who) - 12)
            return _mention(kind, None, count, low, count, text, s, cue.end(), cue.group(0), who)
        return None
    if form == "before":
        found2 = _after_count(text, cue, qs, hi)
        if found2:
            q, who2 = found2
            return _mention(kind, q, q.value, q.low, q.high, text, cue.start(), q.end, cue.group(0), who2)
        one = re.match(r"[\s“\"]*(?:a|an)\s+", text[cue.end():hi])
        if one:
            who3 = _who_after(text, cue.end() + one.end(), hi)
            return _mention(kind, None, 1, 1, 1, text, cue.start(), cue.end() + one.end() + len(who3 or ""),
                            cue.group(0), who3)
        return None
    for q in qs:  # toll: the first count within 90 characters, same sentence
        if q.start >= cue.end() and q.start - cue.end() <= 90 and not re.search(r"[.;!?\n]", text[cue.end():q.start]):
            return _mention(kind, q, q.value, q.low, q.high, text, cue.start(), q.end, cue.group(0), None)
    return None


def _replace(m: CasualtyMention, **kw: Any) -> CasualtyMention:
    from dataclasses import replace

    return replace(m, **kw)


def _sentence_window(text: str, pos: int, lo: int, hi: int) -> str:
    s = max(text.rfind(".", lo, pos), text.rfind("\n", lo, pos), lo - 1) + 1
    e_candidates = [i for i in (text.find(".", pos, hi), text.find("\n", pos, hi)) if i != -1]
    return text[s:min(e_candidates) if e_candidates else hi]


_CLAUSE_BREAK = re.compile(r"[.;\n]|,\s+(?:and|but|while|whereas|yet)\b|\s(?:but|while|whereas)\s")


def _clause_window(text: str, start: int, end: int, lo: int, hi: int) -> str:
    """The clause holding ``text[start:end]``: between breaks like '; ', ', and ', ' but '."""
    s = lo
    for m in _CLAUSE_BREAK.finditer(text, lo, start):
        s = m.end()
    nxt = _CLAUSE_BREAK.search(text, end, hi)
    return text[s:nxt.start() if nxt else hi]


def _is_age(c: _Cues, text: str, q: Quantity, lo: int) -> bool:
    """'Javier Ordonez, 46,' 'a man, 28, was' 'aged 46': a person's age, not a count."""
    if q.bound or q.vague or not q.text.isdigit() or not 0 < q.value < 120:
        return False
    before = text[max(lo, q.start - 12):q.start]
    if c.age_before.search(before):
        return True
    return bool(c.apposition.search(before)) and bool(re.match(r"\s*[,)]", text[q.end:q.end + 3]))


def _bounded(c: _Cues, m: CasualtyMention) -> CasualtyMention:
    if m.count is not None and m.count > c.max_per_event:
        reason = f"{m.kind} figure {m.count} over the bound {c.max_per_event}: dropped"
        return _replace(m, count=None, low=None, high=None, dropped=reason)
    return m


def find_casualties(text: str, start: int = 0, end: int | None = None) -> list[CasualtyMention]:
    """Casualty figures stated in ``text[start:end]`` (a sentence or a window), in order.

    Offsets index ``text``. Each cue gives at most one mention; a count already used by an earlier cue
    is not used again; people that are not people ('3 animals were killed') and ages are skipped.
    """
    c = _cues()
    hi = len(text) if end is None else end
    qs = [q for q in find_quantities(text, start, hi) if not _is_age(c, text, q, start)]
    zeros = _zeros(c, text, start, hi)
    zero_spans = [(z.span.start, z.span.end) for z in zeros]
    if c.idioms is not None:  # "in the dead of night": no casualty cue
        zero_spans += [(m.start(), m.end()) for m in c.idioms.finditer(text, start, hi)]
    found: list[CasualtyMention] = list(zeros)
    used: set[int] = set()
    for kind in KINDS:
        for form, pat in (("toll", c.toll[kind]), ("after", c.after[kind]), ("before", c.before[kind])):
            for cue in pat.finditer(text, start, hi):
                if any(s <= cue.start() < e for s, e in zero_spans):
                    continue
                m = _one_cue(c, text, kind, cue, form, [q for q in qs if q.start not in used], start, hi)
                if m is None or _head(m.who) in c.non_person or (m.who or "").lower() in c.non_person:
                    continue
                if any(f.kind == kind and f.span.start < m.span.end and m.span.start < f.span.end for f in found):
                    continue
                m = _replace(m, aggregate=_aggregate_at(c, text, m, form == "toll", start, hi),
                             weak=cue.group(0).lower() in c.weak, prior=_prior(c, text, cue.start(), start))
                used.update(q.start for q in qs if m.span.start <= q.start < m.span.end)
                found.append(_bounded(c, m))
    return sorted(found, key=lambda m: (m.span.start, m.kind))


def _prior(c: _Cues, text: str, pos: int, lo: int) -> bool:
    """'... after Daniel Doe died in March': the deaths came before, and led to, the event told."""
    clause = max(text.rfind(ch, lo, pos) for ch in ",;.\n")
    return bool(c.prior.search(text, max(lo, clause + 1), pos))


def _aggregate_at(c: _Cues, text: str, m: CasualtyMention, toll: bool, lo: int, hi: int) -> bool:
    """A cumulative toll: an aggregate phrase in the figure's clause, or a toll tied to no one event."""
    clause = _clause_window(text, m.span.start, m.span.end, lo, hi)
    if any(p.search(clause) for p in c.aggregate):
        return True
    return toll and not c.single_event.search(_sentence_window(text, m.span.start, lo, hi))


def totals(mentions: list[CasualtyMention]) -> dict[str, int | None]:
    """One event's fatalities and injured from its mentions: the sum of the plain counts (not aggregate,
    not anaphoric, not weak, not prior); else the largest anaphoric or weak count; else 0 when a zero is stated;
    else None. A sum over ``max_per_event`` is None (see ``dropped``)."""
    out: dict[str, int | None] = {}
    for kind in KINDS:
        ms = [m for m in mentions if m.kind == kind and not m.aggregate and not m.prior and m.count is not None]
        plain = [m.count for m in ms if m.count and not m.anaphoric and not m.weak]
        other = [m.count for m in ms if m.count and (m.anaphoric or m.weak)]
        if plain:
            total = sum(c for c in plain if c is not None)
            out[kind] = total if total <= _cues().max_per_event else None
        elif other:
            out[kind] = max(c for c in other if c is not None)
        elif any(m.count == 0 for m in ms):
            out[kind] = 0
        else:
            out[kind] = None
    return out


def dropped(mentions: list[CasualtyMention]) -> list[str]:
    """Why figures were left out of ``totals``: each figure, or sum, over the per-event bound."""
    out = [m.dropped for m in mentions if m.dropped]
    bound = _cues().max_per_event
    for kind in KINDS:
        total = sum(m.count or 0 for m in mentions if m.kind == kind and not m.aggregate and not m.prior
                    and not m.anaphoric and not m.weak)
        if total > bound:
            out.append(f"{kind} sum {total} over the bound {bound}: dropped")
    return out
