"""From drafts to ``model.Event``: merge what tells one event, fill sides and defaults, certainty, ids.

Merging: a draft that continues the one before it in the same paragraph (same subtype, or a protest
refined by arrests or violence, no conflicting date, side or place) joins it; across the article
(headline, lead, captions, retellings), drafts of one ACLED unit are one event with several evidence
spans: same subtype and background flag, dates that agree (equal, or one the month of the other), no
conflicting acting side, the same place (or a region holding it), and a shared day or place besides
the subtype. Distinct places stay distinct events.
Actors: generic actors ("protesters", "police") and local speakers take the event's country
(``event_country``: its place, unless that place is implausible for the article or lies outside the
event's sentences while they name another country as a place), else the article's main country
(``main_country``: places and the countries the text names); a violent event with only a target
gets the target's adversary as actor1 (data/extract/actors.json "adversaries"), noted in ``Event.notes``.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import replace
from datetime import date

from fogline.extract import claims as cl
from fogline.extract.catalogue import DEMONYM, Catalogue, Entry, Mention, fill
from fogline.extract.dateindex import adoptable, lent
from fogline.extract.dates import DateMention, edtf_of
from fogline.extract.detect import EventCues
from fogline.extract.events import FOLLOW_WINDOW, Draft, final_subtype
from fogline.geo.resolve import km
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
REGIONS = frozenset({"region", "macroregion", "county"})
REGION_KM = 150.0  # a region holds a place this close to its point (or in its admin-1)
LEAD_DAYS = 3  # an undated lead tells the latest days: a retelling dated earlier is another occurrence
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


def _charged_arrest(d: Draft, cues: EventCues) -> bool:
    """An arrest told with its charges or custody ("charged with incitement") is its own event, not
    the intervention of the protest told next to it."""
    return d.subtype == "Arrests" and any(cues.charges.find(e.text) for e in d.evidence[:1])


def _compatible(a: Draft, b: Draft, cues: EventCues) -> str | None:
    if a.subtype != b.subtype and (_charged_arrest(a, cues) or _charged_arrest(b, cues)):
        return None
    sub = _combo(a.subtype, b.subtype, cues)
    if sub is None or a.background != b.background or not _places_agree(a.place, b.place) or _sites_apart(a, b):
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
    tail = a.evidence[-1].start if a.evidence else -1  # evidence runs in text order: a later span is new
    a.evidence.extend(e for e in b.evidence if e.start > tail or e not in a.evidence)
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


def merge(drafts: list[Draft], cues: EventCues, cat: Catalogue, published: date | None = None) -> list[Draft]:
    """Join continuations, then same-day repeats across the article. An undated telling (a lead in the
    present perfect) and a retelling dated more than ``LEAD_DAYS`` before ``published`` are not joined:
    the dated one is an earlier occurrence ("the biggest rally so far, over the weekend")."""
    out: list[Draft] = []
    for d in drafts:
        infer_side(d, cat)
        prev = out[-1] if out else None
        sub = _compatible(prev, d, cues) if prev is not None and _linked(prev, d) else None
        if prev is not None and d.date is None and d.index - prev.last <= FOLLOW_WINDOW and not prev.background:
            d.date = prev.date if sub is not None or prev.paragraph == d.paragraph else lent(prev.date)
        if prev is not None and sub is not None:
            _absorb(prev, d, sub)
        else:
            out.append(d)
    final: list[Draft] = []
    for d in out:
        twin = next((f for f in final if _same_day(f, d) and not _earlier(f, d, published)), None)
        if twin is not None:
            undated = twin.date is None
            _absorb(twin, d, twin.subtype)
            if undated and not adoptable(d.date):
                twin.date = None  # a retelling's lent or year-only date does not date the first telling
        else:
            final.append(d)
    return final


def sibling_month(d: Draft, drafts: list[Draft]) -> DateMention | None:
    """For an undated event, the one month in which the article's other current events of its subtype are
    dated ("riots" in a lead, the nights of rioting dated in captions), or None."""
    dated = [x.date for x in drafts if x is not d and x.subtype == d.subtype and not x.background
             and x.date is not None and not x.date.borrowed and x.date.year is not None and x.date.month is not None]
    months = {(m.year, m.month) for m in dated}
    if len(months) != 1:
        return None
    m = dated[0]
    return replace(m, edtf=edtf_of(m.year, m.month), precision="month", day=None, relative=True)


def _earlier(a: Draft, b: Draft, published: date | None) -> bool:
    """One of two tellings is undated and the other dated to a day more than ``LEAD_DAYS`` before
    publication."""
    if published is None or (a.date is None) == (b.date is None):
        return False
    m = a.date or b.date
    if m is None or m.precision != "day" or m.borrowed or None in (m.year, m.month, m.day):
        return False
    return (published - date(m.year, m.month, m.day)).days > LEAD_DAYS


def _same_day(a: Draft, b: Draft) -> bool:
    """Same ACLED unit told twice (headline, lead, caption, retelling): same subtype, background flag,
    a compatible day, acting side and place (distinct places stay distinct events)."""
    if a.subtype != b.subtype or a.background != b.background or a.hypothetical != b.hypothetical:
        return False
    if a.date is not None and b.date is not None and not _dates_agree(a.date.edtf, b.date.edtf):
        return False
    ca, cb = (a.actor1.entry.country if a.actor1 else None), (b.actor1.entry.country if b.actor1 else None)
    if (ca and cb and ca != cb) or not _places_agree(a.place, b.place) or _sites_apart(a, b):
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
    if coarse.placetype in REGIONS and coarse.admin1 != fine.admin1 and \
            km(coarse.lat, coarse.lon, fine.lat, fine.lon) > REGION_KM:
        return False  # a region holds only places near it (the borough of Knowsley does not hold Broxbourne)
    return coarse.precision == 3 and fine.precision < 3 and same


def _sites_apart(a: Draft, b: Draft) -> bool:
    """One telling puts the event at a site it does not name ("at the border"), the other at a place: two
    events (a detention at the border is not the one in the capital the article falls back to)."""
    return (a.site and b.place is not None) or (b.site and a.place is not None)


def main_country(places: list[Place], named: Counter[str] | None = None) -> str | None:
    """The country the article is about: its resolved places and the countries it names
    (``Catalogue.countries_named``: actors, demonyms, states and provinces), one vote per mention."""
    counts = Counter(p.country for p in places if p.country)
    counts.update(named or {})
    return counts.most_common(1)[0][0] if counts else None


STATE_ACTS = frozenset({"Agreement", "Non-violent transfer of territory", "Change to group/activity", "Other"})


def _actor(m: Mention | None, text: str, country: str | None, sub: str = "") -> Actor | None:
    """The recorded actor; a bare country ("Israel and the UAE signed") is its government in a
    non-violent state act, else its military forces."""
    if m is None:
        return None
    if m.entry.kind == "demonym" and m.entry.country:
        template = "Government of {label}" if sub in STATE_ACTS else "Military Forces of {label}"
        kind = "government" if sub in STATE_ACTS else "military"
        m = Mention(m.start, m.end, Entry(fill(template, m.entry.country), m.entry.country, kind))
    return m.actor(text, country)


def _from_entry(e: Entry, country: str | None) -> Actor:
    return Mention(0, 0, e).actor("", country)


def event_country(
    d: Draft, country: str | None, named: Counter[str] | None = None, cat: Catalogue | None = None
) -> str | None:
    """The country generic actors and local speakers take: the event's place, unless (a) that place was
    found outside the event's own sentences and they name another country as a place ("the streets of
    Hong Kong"), or (b) the article never names the place's country, nor a party it fights, while it
    names its own country again and again (a namesake abroad); else the article's country."""
    place = d.place.country if d.place is not None and d.place.country else None
    if place is None or cat is None:
        return place or country
    said = None if _place_in_evidence(d) else _named_in_evidence(d, cat)
    if said is not None and said != place:
        return said
    if named and country and named.get(country, 0) >= 2 and not _plausible(place, named, cat):
        return country
    return place


def _plausible(place: str, named: Counter[str], cat: Catalogue) -> bool:
    """The article names the place's country, or a country whose adversary it is (actors.json)."""
    return bool(named.get(place)) or any(place in cat.adversaries.get(c, []) for c in named)


def _place_in_evidence(d: Draft) -> bool:
    m = d.place.mention if d.place is not None else None
    return m is None or any(e.start <= m.start < e.end for e in d.evidence)


def _named_in_evidence(d: Draft, cat: Catalogue) -> str | None:
    """The one country the event's own sentences name as a place."""
    top = cat.places_named(" ".join(e.text for e in d.evidence)).most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


def actors(
    d: Draft, sub: str, text: str, country: str | None, cat: Catalogue, named: Counter[str] | None = None
) -> tuple[Actor | None, Actor | None, str]:
    """actor1, actor2 and a note on how they were decided."""
    own = event_country(d, country, named, cat)
    a1, a2 = _actor(d.actor1, text, own, sub), _actor(d.actor2, text, own, sub)
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
    if sub == "Agreement" and (a1 is None or a2 is None):
        a1, a2 = _counterparts(d, sub, text, cat, a1, a2)
    if a1 is None and EVENT_TYPES[sub] in VIOLENT_TYPES:
        origin = _fired_from(d, cat, a2.country if a2 is not None else None)
        if origin is not None:
            a1, note = _from_entry(UNKNOWN, origin), f"actor1: an unnamed group firing from {origin}"
    elif a2 is None and a1 is not None and (EVENT_TYPES[sub] in VIOLENT_TYPES or sub == "Disrupted weapons use"):
        # "missiles fired from X were intercepted": the unnamed group firing from X is the other side
        origin = _fired_from(d, cat, a1.country)
        a2 = _from_entry(UNKNOWN, origin) if origin is not None else None
    if a1 is None and a2 is not None and a2.country and EVENT_TYPES[sub] in VIOLENT_TYPES:
        foes = cat.adversaries.get(a2.country) or []
        if foes:
            a1 = _from_entry(FORCES, foes[0])
            note = f"actor1 inferred as the adversary of {a2.country}"
    return a1, a2, note


FIRED_FROM = re.compile(r"\bfrom\s+(?:the\s+|inside\s+|within\s+)?$", re.IGNORECASE)


def _fired_from(d: Draft, cat: Catalogue, target: str | None) -> str | None:
    """ "rockets were fired at Israel from Gaza": the country the unattributed fire comes from."""
    for span in d.evidence:
        for m in cat.find(span.text):
            before = span.text[max(0, m.start - 20) : m.start]
            if m.entry.kind == DEMONYM and m.entry.country not in {None, target} and FIRED_FROM.search(before):
                return m.entry.country
    return None


def _counterparts(
    d: Draft, sub: str, text: str, cat: Catalogue, a1: Actor | None, a2: Actor | None
) -> tuple[Actor | None, Actor | None]:
    """A state act between governments ("Israeli and UAE ministers signed the accord") takes its
    missing sides from the other countries its evidence names, in text order."""
    have = {a.country for a in (a1, a2) if a is not None}
    for span in d.evidence:
        for m in cat.find(span.text):
            if m.entry.country is None or m.entry.country in have or m.entry.kind not in {DEMONYM, "government"}:
                continue
            if span.text[m.end : m.end + 1] == "-":
                continue  # "a Qatari-mediated deal", "US-brokered": a mediator, not a party
            found = _actor(Mention(span.start + m.start, span.start + m.end, m.entry), text, None, sub)
            have.add(m.entry.country)
            if a1 is None:
                a1 = found
            elif a2 is None:
                a2 = found
            if a1 is not None and a2 is not None:
                return a1, a2
    return a1, a2


def event_id(doc_id: str, evidence: list[Span], subtype: str = "", place: Place | None = None) -> str:
    """Stable per article: the evidence spans, and the subtype and place that tell apart the events one
    sentence gives ("shelled A, B and C": one event per place, the same evidence)."""
    where = (place.gazetteer_id or place.name) if place is not None else ""
    key = ";".join(f"{s.start}:{s.end}" for s in evidence) + f"|{subtype}|{where}"
    return f"{doc_id}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"


def _third_country(d: Draft, a1: Actor | None, a2: Actor | None) -> bool:
    """A deal between two named states placed, from outside its sentences, in a country neither is (the
    article's war zone): not where it was made."""
    sides = {a.country for a in (a1, a2) if a is not None and a.country}
    place = d.place.country if d.place is not None else None
    return len(sides) == 2 and place is not None and place not in sides and not _place_in_evidence(d)


def to_event(  # noqa: PLR0913 - the article-level context an event is finished with
    d: Draft,
    doc_id: str,
    text: str,
    country: str | None,
    cat: Catalogue,
    named: Counter[str] | None = None,
    rep: cl.Reporting | None = None,
) -> Event:
    sub = final_subtype(d)
    a1, a2, note = actors(d, sub, text, country, cat, named)
    certainty = cl.certainty(d.claims, cat, d.hypothetical)
    own = event_country(d, country, named, cat)
    claims = cl.claims_payload(d.claims, text, cat, own, rep)
    if certainty == "stated" and not claims:  # a party's dispute alone: not the article's own voice
        claims.insert(0, cl.article_claim(d.evidence[0]))
    date = d.date.edtf if d.date is not None else None
    precision = d.date.precision if d.date is not None else "unknown"
    notes = [*d.notes, note] if note else list(d.notes)
    place = None if sub == "Agreement" and _third_country(d, a1, a2) else d.place
    return Event(
        event_id(doc_id, d.evidence, sub, place),
        sub,
        date,
        precision,
        a1,
        a2,
        place,
        d.fatalities,
        d.injured,
        certainty,
        claims,
        list(d.evidence),
        d.background,
        notes,
    )  # type: ignore[arg-type]
