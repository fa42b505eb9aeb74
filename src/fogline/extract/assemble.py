"""From drafts to ``model.Event``: merge what tells one event, fill sides and defaults, certainty, ids.

Merging: a draft that continues the one before it in the same paragraph (same subtype, or a protest
refined by arrests or violence, no conflicting date, side or place) joins it; across the article
(headline, lead, captions, retellings), drafts of one ACLED unit are one event with several evidence
spans: same subtype and background flag, dates that agree (equal, or one the month of the other), no
conflicting acting side, the same place (or a region holding it), and a shared day or place besides
the subtype. Distinct places stay distinct events.
Actors: generic actors ("protesters", "police") take the country of the event's place, else the
article's main country; a violent event with only a target gets the target's adversary as actor1
(data/extract/actors.json "adversaries"), noted in ``Event.notes``.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from fogline.extract import claims as cl
from fogline.extract.catalogue import Catalogue, Entry, Mention
from fogline.extract.detect import EventCues
from fogline.extract.events import FOLLOW_WINDOW, Draft, final_subtype
from fogline.model import EVENT_TYPES, Actor, Event, Place, Span

PROTEST_TYPES = frozenset(
    {
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
        "Violent demonstration",
        "Mob violence",
        "Arrests",
    }
)
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence"})
PROTESTERS = Entry("Protesters ({label})", None, "protesters", "Protesters ({label})", generic=True)
RIOTERS = Entry("Rioters ({label})", None, "protesters", "Rioters ({label})", generic=True)
POLICE = Entry("Police Forces of {label}", None, "police", "Police Forces of {label}", generic=True)
CIVILIANS = Entry("Civilians ({label})", None, "civilians", "Civilians ({label})", generic=True)
FORCES = Entry("Military Forces of {label}", None, "military", "Military Forces of {label}", generic=True)
UNKNOWN = Entry(
    "Unidentified Armed Group ({label})", None, "militia", "Unidentified Armed Group ({label})", generic=True
)
# subtype -> (actor1 forced, actor1 default, actor2 default, actor2 kept)
DEFAULTS: dict[str, tuple[Entry | None, Entry | None, Entry | None, bool]] = {
    "Peaceful protest": (PROTESTERS, PROTESTERS, None, False),
    "Protest with intervention": (PROTESTERS, PROTESTERS, POLICE, True),
    "Excessive force against protesters": (PROTESTERS, PROTESTERS, POLICE, True),
    "Violent demonstration": (RIOTERS, RIOTERS, CIVILIANS, True),
    "Mob violence": (RIOTERS, RIOTERS, CIVILIANS, True),
    "Arrests": (None, POLICE, CIVILIANS, True),
    "Attack": (None, UNKNOWN, CIVILIANS, True),
    "Remote explosive/landmine/IED": (None, UNKNOWN, CIVILIANS, True),
    "Sexual violence": (None, UNKNOWN, CIVILIANS, True),
    "Abduction/forced disappearance": (None, UNKNOWN, CIVILIANS, True),
}


def _combo(a: str, b: str, cues: EventCues) -> str | None:
    if a == b:
        return a
    for need, then in cues.combos:
        if need == {a, b} and need & PROTEST_TYPES:
            return a if then == "@score" else then
    return None


def _compatible(a: Draft, b: Draft, cues: EventCues) -> str | None:
    sub = _combo(a.subtype, b.subtype, cues)
    if sub is None or a.background != b.background or not _places_agree(a.place, b.place):
        return None
    if a.date is not None and b.date is not None and a.date.edtf != b.date.edtf:
        return None
    ca, cb = (a.actor1.entry.country if a.actor1 else None), (b.actor1.entry.country if b.actor1 else None)
    if ca and cb and ca != cb:
        return None
    return sub


def _absorb(a: Draft, b: Draft, sub: str) -> None:
    a.subtype = sub
    a.actor1 = a.actor1 or b.actor1
    a.actor2 = a.actor2 or b.actor2
    a.date = a.date or b.date
    if a.place is None or (b.place is not None and b.place.precision < a.place.precision):
        a.place = b.place
    a.fatalities = (
        b.fatalities
        if a.fatalities is None
        else a.fatalities
        if b.fatalities is None
        else max(a.fatalities, b.fatalities)
    )
    a.injured = b.injured if a.injured is None else a.injured if b.injured is None else max(a.injured, b.injured)
    a.claims.extend(b.claims)
    a.evidence.extend(e for e in b.evidence if e not in a.evidence)
    a.hypothetical = a.hypothetical and b.hypothetical
    a.last = max(a.last, b.last)
    a.notes.extend(b.notes)


def infer_side(d: Draft, cat: Catalogue) -> None:
    """A violent event with only a target: the target's adversary acted (a two-sided conflict)."""
    if d.actor1 is not None or d.actor2 is None or not d.actor2.entry.country:
        return
    if d.subtype != "TERRITORY" and EVENT_TYPES.get(d.subtype) not in VIOLENT_TYPES:
        return
    foes = cat.adversaries.get(d.actor2.entry.country) or []
    if foes:
        d.actor1 = Mention(d.actor2.start, d.actor2.start, Mention.catalogue_fill(FORCES, foes[0]))
        d.notes.append(f"actor1 inferred as the adversary of {d.actor2.entry.country}")


def _linked(prev: Draft, d: Draft) -> bool:
    """Does ``d`` continue ``prev``: same paragraph, or it answers it, or it carries no date of its own."""
    if d.index - prev.last > FOLLOW_WINDOW:
        return False
    return prev.paragraph == d.paragraph or d.date is None or any(c.stance != "asserts" for c in d.claims)


def merge(drafts: list[Draft], cues: EventCues, cat: Catalogue) -> list[Draft]:
    """Join continuations, then same-day repeats across the article."""
    out: list[Draft] = []
    for d in drafts:
        infer_side(d, cat)
        prev = out[-1] if out else None
        sub = _compatible(prev, d, cues) if prev is not None and _linked(prev, d) else None
        if prev is not None and d.date is None and d.index - prev.last <= FOLLOW_WINDOW:
            d.date = prev.date
        if prev is not None and sub is not None:
            _absorb(prev, d, sub)
        else:
            out.append(d)
    final: list[Draft] = []
    for d in out:
        twin = next((f for f in final if _same_day(f, d)), None)
        if twin is not None:
            _absorb(twin, d, twin.subtype)
        else:
            final.append(d)
    return final


def _same_day(a: Draft, b: Draft) -> bool:
    """Same ACLED unit told twice (headline, lead, caption, retelling): same subtype, background flag,
    a compatible day, acting side and place (distinct places stay distinct events)."""
    if a.subtype != b.subtype or a.background != b.background or a.hypothetical != b.hypothetical:
        return False
    if a.date is not None and b.date is not None and not _dates_agree(a.date.edtf, b.date.edtf):
        return False
    ca, cb = (a.actor1.entry.country if a.actor1 else None), (b.actor1.entry.country if b.actor1 else None)
    if (ca and cb and ca != cb) or not _places_agree(a.place, b.place):
        return False
    same_day = a.date is not None and b.date is not None
    same_place = a.place is not None and b.place is not None
    return same_day or same_place  # something besides the subtype ties them


def _dates_agree(a: str, b: str) -> bool:
    """Equal, or one the month or year of the other ("2020-09" and "2020-09-05")."""
    a, b = a.rstrip("?~%"), b.rstrip("?~%")
    return a == b or a.startswith(b) or b.startswith(a)


def _places_agree(a: Place | None, b: Place | None) -> bool:
    """No place, the same place, or a region or country holding the other one."""
    if a is None or b is None:
        return True
    if (a.gazetteer_id or a.name) == (b.gazetteer_id or b.name):
        return True
    coarse, fine = (a, b) if a.precision >= b.precision else (b, a)
    same = coarse.country is not None and coarse.country == fine.country
    return coarse.precision == 3 and fine.precision < 3 and same


def main_country(places: list[Place]) -> str | None:
    counts = Counter(p.country for p in places if p.country)
    return counts.most_common(1)[0][0] if counts else None


def _actor(m: Mention | None, text: str, country: str | None) -> Actor | None:
    if m is None:
        return None
    if m.entry.kind == "demonym":
        m = Mention(m.start, m.end, Entry(f"Military Forces of {m.entry.name}", m.entry.country, "military"))
    return m.actor(text, country)


def _from_entry(e: Entry, country: str | None) -> Actor:
    return Mention(0, 0, e).actor("", country)


def actors(
    d: Draft, sub: str, text: str, country: str | None, cat: Catalogue
) -> tuple[Actor | None, Actor | None, str]:
    """actor1, actor2 and a note on how they were decided."""
    own = (d.place.country if d.place is not None and d.place.country else None) or country
    a1, a2 = _actor(d.actor1, text, own), _actor(d.actor2, text, own)
    note = ""
    forced, default1, default2, keep2 = DEFAULTS.get(sub, (None, None, None, True))
    if forced is not None:
        side = (a1.country if a1 and a1.country else None) or own
        a1 = _from_entry(forced, side)
    elif a1 is None and default1 is not None:
        a1 = _from_entry(default1, own)
    if not keep2:
        a2 = None
    elif a2 is None and default2 is not None:
        a2 = _from_entry(default2, own)
    if a1 is None and a2 is not None and a2.country and EVENT_TYPES[sub] in VIOLENT_TYPES:
        foes = cat.adversaries.get(a2.country) or []
        if foes:
            a1 = _from_entry(FORCES, foes[0])
            note = f"actor1 inferred as the adversary of {a2.country}"
    return a1, a2, note


def event_id(doc_id: str, evidence: list[Span]) -> str:
    key = ";".join(f"{s.start}:{s.end}" for s in evidence)
    return f"{doc_id}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"


def to_event(d: Draft, doc_id: str, text: str, country: str | None, cat: Catalogue) -> Event:
    sub = final_subtype(d)
    a1, a2, note = actors(d, sub, text, country, cat)
    certainty = cl.certainty(d.claims, cat, d.hypothetical)
    claims = cl.claims_payload(d.claims, text, cat)
    if certainty == "stated" and not any(c.stance == "asserts" for c in claims):
        claims.insert(0, cl.article_claim(d.evidence[0]))
    date = d.date.edtf if d.date is not None else None
    precision = d.date.precision if d.date is not None else "unknown"
    notes = [*d.notes, note] if note else list(d.notes)
    return Event(
        event_id(doc_id, d.evidence),
        sub,
        date,
        precision,
        a1,
        a2,
        d.place,
        d.fatalities,
        d.injured,
        certainty,
        claims,
        list(d.evidence),
        d.background,
        notes,
    )  # type: ignore[arg-type]
