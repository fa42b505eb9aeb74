"""Who says it: the claimant phrase of one reporting cue, read from the words around it.

- "according to X", "citing X", "... was denied by X": the phrase after the cue (or after "by");
- "X said/claimed/denied ...", "..., X said": the phrase before the cue, within its clause, without
  trailing auxiliaries and adverbs ("his allies have claimed" -> "his allies");
- "the Kremlin, which has denied": a relative pronoun takes the phrase before it;
- "..., said X": the phrase after the cue when nothing before it names a speaker.
A phrase counts when it holds a catalogue actor, a capitalised name or a claimant head noun (police,
ministry, spokesman, witnesses...). The words come from data/extract/reporting.json ("claimants").
No parse is needed: reporting sentences that hold no event cue are not parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

TOKEN = re.compile(r"[^\s,;:()\"\u201c\u201d\u2014]+|[,;:()\"\u201c\u201d\u2014]")
BOUNDARY = frozenset(',;:()"\u201c\u201d\u2014')
QUOTES = "'\u2018\u2019"


@dataclass(frozen=True, slots=True)
class ClaimantWords:
    """Word lists from reporting.json: heads that name a speaker, words stripped off a phrase's ends."""

    heads: frozenset[str]
    trailing: frozenset[str]
    leading: frozenset[str]
    clause: frozenset[str]
    relative: frozenset[str]
    pronouns: frozenset[str]
    nominal: frozenset[str]
    max_words: int
    titles: frozenset[str] = frozenset()
    passive: frozenset[str] = frozenset()
    not_claims: frozenset[str] = frozenset()
    nominal_cues: frozenset[str] = frozenset()
    title_words: frozenset[str] = frozenset()
    first_person: frozenset[str] = frozenset()
    finite: frozenset[str] = frozenset()
    nobody: frozenset[str] = frozenset()

    @staticmethod
    def from_data(d: dict[str, Any]) -> ClaimantWords:
        return ClaimantWords(
            frozenset(d["heads"]),
            frozenset(d["trailing"]),
            frozenset(d["leading"]),
            frozenset(d["clause"]),
            frozenset(d["relative"]),
            frozenset(d["pronouns"]),
            frozenset(d["nominal"]),
            int(d["max_words"]),
            frozenset(t.split()[-1] for t in d["titles"]),
            frozenset(d["passive"]),
            frozenset(d["not_claims"]),
            frozenset(d["nominal_cues"]),
            frozenset(w for t in d["titles"] for w in t.lower().split()) | {"of", "the", "for"},
            frozenset(d["first_person"]),
            frozenset(d["finite"]),
            frozenset(d["nobody"]),
        )


@dataclass(frozen=True, slots=True)
class Phrase:
    """A claimant phrase; offsets index the searched sentence text."""

    start: int
    end: int
    text: str
    pronoun: bool = False


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def _bare(w: str) -> str:
    return w.strip(QUOTES + ".!?").lower()


def _adverb(w: str) -> bool:
    return w.islower() and _bare(w).endswith("ly")


def _trim(words: list[tuple[int, int, str]], cw: ClaimantWords) -> list[tuple[int, int, str]]:
    while words and (_bare(words[-1][2]) in cw.trailing or _adverb(words[-1][2])):
        words = words[:-1]
    while words and _bare(words[0][2]) in cw.leading:
        words = words[1:]
    return words


def _phrase(words: list[tuple[int, int, str]], text: str, cw: ClaimantWords) -> Phrase | None:
    words = _trim(words, cw)
    if not words or len(words) > cw.max_words:
        return None
    start, end = words[0][0], words[-1][1]
    if len(words) == 1 and _bare(words[0][2]) in cw.pronouns:
        return Phrase(start, end, text[start:end], pronoun=True)
    return Phrase(start, end, text[start:end])


def _clause_before(text: str, pos: int, cw: ClaimantWords) -> list[tuple[int, int, str]]:
    """The words between the last clause boundary and ``pos``."""
    words = _words(text[:pos])
    out: list[tuple[int, int, str]] = []
    for w in reversed(words):
        if w[2] in BOUNDARY or _bare(w[2]) in cw.clause or w[2][0] in QUOTES or w[2][-1] in QUOTES and out:
            break
        out.insert(0, w)
    return out


def _antecedent(text: str, pos: int, cw: ClaimantWords) -> Phrase | None:
    """ "the Kremlin, which has denied": the capitalised or head-noun phrase just before the comma."""
    words = _words(text[:pos])
    while words and words[-1][2] in BOUNDARY:
        words = words[:-1]
    run: list[tuple[int, int, str]] = []
    for w in reversed(words):
        bare = _bare(w[2])
        if w[2][:1].isupper() or bare in cw.heads or (run and bare in cw.leading):
            run.insert(0, w)
        else:
            break
    return _phrase(run, text, cw)


def before(text: str, pos: int, cw: ClaimantWords) -> Phrase | None:
    """The speaker named before the cue at ``pos`` ("Police said", "..., his allies have claimed")."""
    clause = _clause_before(text, pos, cw)
    if any(_bare(w[2]) in cw.nobody for w in clause[:2]):
        return None  # "no group claimed the attack": nobody speaks
    if clause and _bare(clause[-1][2]) in cw.passive:
        return None  # "if the reports are confirmed": only "by X" names a speaker
    if clause and _bare(clause[0][2]) in cw.relative and len(_trim(clause[1:], cw)) == 0:
        return _antecedent(text, clause[0][0], cw)
    return _phrase(clause, text, cw)


def after(text: str, pos: int, cw: ClaimantWords) -> Phrase | None:
    """The phrase after ``pos``: "according to Oregon Live", "said McDaniel, 23"."""
    out: list[tuple[int, int, str]] = []
    for w in _words(text[pos:]):
        if w[2] in BOUNDARY or _bare(w[2]) in cw.clause or len(out) >= cw.max_words:
            break
        out.append((w[0] + pos, w[1] + pos, w[2]))
    while out and out[-1][2][-1:] in ".!?":
        out[-1] = (out[-1][0], out[-1][1] - 1, out[-1][2][:-1])
        break
    return _phrase(out, text, cw)


DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "any", "all", "this", "that", "our", "these"})


def rejects_other(text: str, end: int, cw: ClaimantWords) -> bool:
    """ "denied permission", "rejected a proposal": the verb refuses something, it denies no event."""
    for _, _, w in _words(text[end : end + 60])[:3]:
        bare = _bare(w)
        if bare not in DETERMINERS:
            return bare in cw.not_claims
    return False


def parsed_subject(parse: Any, pos: int, cw: ClaimantWords) -> tuple[bool, Phrase | None]:
    """(decided, phrase) from the dependency parse: the subject of the reporting verb at ``pos``
    ("Phil Robinson, a militia member, told ..."); a relative pronoun gives its antecedent; a passive
    subject is no speaker. Not decided when the cue is no verb of the parse."""
    tok = next((t for t in parse if t.idx == pos), None)
    if tok is None or tok.pos_ not in {"VERB", "AUX"}:
        return False, None
    verb = tok
    for _ in range(2):
        subj = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subj:
            break
        if verb.dep_ not in {"conj", "xcomp", "advcl"}:
            return False, None
        verb = verb.head
    if not subj or subj[0].dep_ == "nsubjpass":
        return True, None
    head = subj[0]
    if head.lower_ in cw.relative and head.head.dep_ == "relcl":
        head = head.head.head
    if head.lower_ in cw.nobody or any(c.dep_ == "det" and c.lower_ in cw.nobody for c in head.children):
        return True, None  # "no group claimed the attack": nobody speaks
    return True, _phrase(_words_between(parse.text, head.left_edge.idx, _right_end(head)), parse.text, cw)


KEEP_RIGHT = frozenset({"appos", "prep", "compound", "amod", "nmod", "cc", "conj", "pobj"})


def _right_end(head: Any) -> int:
    """End offset of the subject phrase: the head noun with its short appositions and modifiers."""
    last = head
    for c in head.rights:
        if c.dep_ in KEEP_RIGHT and c.right_edge.i - head.i <= 8:
            last = c.right_edge
    return int(last.idx + len(last))


def _words_between(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(a + start, b + start, w) for a, b, w in _words(text[start:end]) if w not in BOUNDARY]


def is_nominal(text: str, pos: int, cue: str, cw: ClaimantWords) -> bool:
    """ "denied the claims", "these reports": the cue word is a noun here, not a reporting verb."""
    if cue.lower() not in cw.nominal_cues:
        return False
    prev = _words(text[:pos])
    return bool(prev) and _bare(prev[-1][2]) in cw.nominal


def names_speaker(p: Phrase, has_actor: bool, cw: ClaimantWords) -> bool:
    """A phrase that can be a speaker: an actor, a head noun, a capitalised name or a pronoun."""
    words = [w for _, _, w in _words(p.text)]
    if p.pronoun:
        return _bare(p.text) not in cw.first_person  # "I", "we": a quotation's speaker, found elsewhere
    if any(_bare(w) in cw.finite for w in words):
        return False  # a clause, not a noun phrase: "was arrested today"
    if has_actor:
        return True
    if any(_bare(w) in cw.heads for w in words):
        return True
    return any(w[:1].isupper() and _bare(w) not in cw.leading for w in words)


NAME = re.compile(r"((?:[A-Z][\w'\u2019.-]+\s+){0,2}[A-Z][\w\u2019-]+)")
APPOSED = re.compile(r"([A-Z][\w\u2019-]+),\s+(?:the\s+|a\s+|an\s+)?((?:[\w'\u2019-]+\s+){0,5})$")


def _title_run(text: str, pos: int, cw: ClaimantWords) -> int:
    """End of the title words from ``pos`` ("opposition leader ", "Secretary of State "), or ``pos``."""
    end = pos
    for m in re.finditer(r"\s*([\w-]+)", text[pos : pos + 80]):
        if m.group(1).lower() not in cw.title_words:
            break
        end = pos + m.end()
    return end


POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)(?=\s)")


def _modifiers_end(text: str, end: int, cw: ClaimantWords) -> int:
    """After a country's possessive, past up to two lowercase modifiers: "Belarus's embattled President"."""
    m = POSSESSIVE.match(text, end)
    if m is None:
        return end
    pos = m.end()
    for _ in range(2):
        w = re.match(r"\s+([a-z][\w-]*)", text[pos : pos + 40])
        if w is None or w.group(1) in cw.title_words:
            break
        pos += w.end()
    return pos


def titled_people(text: str, sided: list[tuple[int, int, str]], cw: ClaimantWords) -> dict[str, str]:
    """Surname -> country of people the text introduces with a side and a title: "Russian opposition
    leader Alexei Navalny", "In Washington, Secretary of State Mike Pompeo", "Kremlin spokesman Dmitry
    Peskov", "Anton Bychkovsky, spokesman for Belarus' border guards". ``sided``: (start, end, country)
    of the country words and actors found in ``text``."""
    out: dict[str, str] = {}
    for start, end, country in sided:
        pos = end + 2 if text[end : end + 2] == ", " else _modifiers_end(text, end, cw)
        after = _title_run(text, pos, cw)
        run = {w.lower() for w in text[pos:after].split()}
        titled = bool(run & cw.titles) or _bare(text[:end].split()[-1]) in cw.titles | cw.heads
        name = NAME.match(text, after + 1) if text[after : after + 1] == " " else None
        if titled and name is not None:
            out.setdefault(_bare(name.group(1).split()[-1]).removesuffix("'s"), country)
        before = APPOSED.search(text[max(0, start - 80) : start])
        if before is not None and set(before.group(2).lower().split()) & cw.titles:
            out.setdefault(_bare(before.group(1)), country)
    return out
