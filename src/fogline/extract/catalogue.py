"""The actor catalogue: find actors in text and normalise them.

Data: data/extract/countries.json (every country: label, adjectives, names, demonyms; pycountry adds
the names of countries the file lacks), data/extract/actors.json (templates per country, generic
mentions, the Karabakh-specific entries and office holders) and data/extract/groups.json (armed
groups, agencies, outlets). Names follow ACLED's style without the period suffix: "Military Forces of
Azerbaijan", "Protesters (Belarus)". Generic mentions ("protesters", "police") and groups that operate
across borders carry no country; the event extractor fills the country of the event's place. A bare
demonym ("Armenian", "the Kremlin") is kept as kind ``demonym`` for coordination and for sides.
Country words and acronyms match only when capitalised as written in the data ("us" is not the US).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import pycountry

from fogline.model import Actor, Span
from fogline.nlp.phrases import Hit, PhraseIndex, fold

DEMONYM = "demonym"

_OPENING = frozenset("'\"\u2018\u201c")  # a name right after one of these opens quoted words (a sign, a chant)
_QUOTED = re.compile(r"(?<!\w)['\u2018\"\u201c][^'\u2019\"\u201d\n]{2,300}?['\u2019\"\u201d](?!\w)")


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    label: str
    of: str  # the label after "of": "the United States"
    adj: str


COUNTRIES: dict[str, Country] = {}


def fill(template: str, code: str) -> str:
    """A name template for one country: "Police Forces of {label}" -> "Police Forces of the United States"."""
    c = COUNTRIES.get(code) or Country(code, code, code, code)
    return template.replace("of {label}", "of {of}").format(label=c.label, of=c.of, adj=c.adj)


def label(code: str | None) -> str | None:
    """The country's name for a code ("GBR" -> "United Kingdom"), never the bare code when known."""
    return COUNTRIES[code].label if code in COUNTRIES else code


@dataclass(frozen=True, slots=True)
class Entry:
    """What a catalogue phrase stands for; ``template`` rebuilds the name for another country."""

    name: str
    country: str | None
    kind: str
    template: str = ""
    role: str | None = None
    generic: bool = False
    person: bool = False
    home: str | None = None  # where a cross-border group is placed when the event has no country
    head: bool = False  # a head noun of a template ("forces", "side"): an actor only after a country word
    pro: bool = False  # "pro-Russian": a country word that takes only 'pro' templates


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor found in ``Document.text``."""

    start: int
    end: int
    entry: Entry

    @property
    def country(self) -> str | None:
        return self.entry.country

    def actor(self, text: str, country: str | None = None) -> Actor:
        e = self.entry
        where = country or e.home
        if e.generic and e.country is None and where:
            e = self.catalogue_fill(e, where)
        kind = e.kind if e.kind != DEMONYM else "other"
        name = e.name.replace(" ({label})", "").replace(" of {label}", "").replace("{adj} ", "").strip()
        return Actor(name, e.country, kind, Span(self.start, self.end, text[self.start : self.end]))  # type: ignore[arg-type]

    @staticmethod
    def catalogue_fill(e: Entry, country: str) -> Entry:
        return replace(e, name=fill(e.template or e.name, country), country=country)


@dataclass(slots=True)
class Catalogue:
    index: PhraseIndex[Entry]
    labels: dict[str, str]
    adversaries: dict[str, list[str]]
    parties: frozenset[str]
    neutral: frozenset[str]
    templates: dict[str, dict[str, Any]]
    cased: dict[str, set[str]]
    regions: PhraseIndex[str]
    names: dict[str, str]  # folded country name -> code ("hong kong" -> "HKG")

    def places_named(self, text: str) -> Counter[str]:
        """Countries named as places in ``text`` ("in Hong Kong", "across Belarus", "in Oregon"), not as
        the side of an actor ("Belarusian police"), nor in a quotation ("a sign that says 'Germany!'")."""
        quoted = [q.span() for q in _QUOTED.finditer(text)]
        found = [
            (m.entry.country, fold(text[m.start : m.end]))
            for m in self.find(text)
            if m.entry.kind == DEMONYM and text[m.end : m.end + 2] not in {"'s", "\u2019s"}  # "China's" acts
            and text[m.start - 1 : m.start] not in _OPENING and not any(a < m.start < b for a, b in quoted)
        ]
        counts: Counter[str] = Counter(code for code, word in found if code and self.names.get(word) == code)
        counts.update(h.values[0] for h in self.regions.find(text) if text[h.start : h.start + 1].isupper())
        return counts

    def countries_named(self, text: str, mentions: list[Mention] | None = None) -> Counter[str]:
        """How often each country is named in ``text``: its actors, names and demonyms, its regions.
        ``mentions``: ``find(text)``, when the caller has it."""
        found = self.find(text) if mentions is None else mentions
        counts: Counter[str] = Counter(m.entry.country for m in found if m.entry.country)
        low = fold(text)
        counts.update(h.values[0] for h in self.regions.find(text, low) if text[h.start : h.start + 1].isupper())
        return counts

    def find(self, text: str, base: int = 0) -> list[Mention]:
        """Actor mentions in ``text``; offsets shifted by ``base``."""
        hits = self.index.find(text, fold(text))
        hits = [h for h in hits if _case_ok(self.cased.get(h.phrase), text[h.start : h.end])]
        return _coordinate(_combine(hits, text, base), text, base)

    def for_country(self, kind_template: str, country: str) -> Entry:
        return Entry(fill(kind_template, country), country, "military", kind_template)


def _country_word(h: Hit[Entry], name: bool = False) -> Entry | None:
    return next((v for v in h.values if v.kind == DEMONYM and (v.role == "name" or not name)), None)


def _template(h: Hit[Entry], pro: bool) -> Entry | None:
    """The template a head hit gives after a country word (its own head entry, else its generic one)."""
    heads = [v for v in h.values if v.head and (v.pro or not pro)]
    if heads:
        return heads[0]
    generic = [v for v in h.values if v.generic and "{label}" in v.template and not pro and v.home is None]
    return generic[0] if generic else None


def _joined(a: Hit[Entry], b: Hit[Entry], text: str) -> tuple[Entry, Entry] | None:
    """(country word, template) when hits ``a`` and ``b`` form "Belarusian police", "police of Belarus",
    "Belarus's police"."""
    gap = text[a.end : b.start].lower()
    word_a, word_b = _country_word(a), _country_word(b, name=True)
    if word_a is not None and gap in {" ", "'s ", "’s "}:
        t = _template(b, word_a.pro)
        return (word_a, t) if t is not None else None
    if word_b is not None and gap in {" of ", " of the "}:
        t = _template(a, False)
        return (word_b, t) if t is not None else None
    return None


def _combine(hits: list[Hit[Entry]], text: str, base: int) -> list[Mention]:
    """Country words joined to the head nouns next to them; lone heads dropped, lone generics kept."""
    out: list[Mention] = []
    i = 0
    while i < len(hits):
        h = hits[i]
        pair = _joined(h, hits[i + 1], text) if i + 1 < len(hits) else None
        if pair is not None:
            word, t = pair
            name = fill(t.template, word.country or "")
            if word.pro:
                name = f"pro-{COUNTRIES[word.country or ''].adj} {text[hits[i + 1].start : hits[i + 1].end].lower()}"
            entry = replace(t, name=name, country=word.country, generic=False, head=False, pro=False)
            out.append(Mention(base + h.start, base + hits[i + 1].end, entry))
            i += 2
            continue
        alone = next((v for v in h.values if not v.head and not v.pro), None)
        if alone is not None:
            out.append(Mention(base + h.start, base + h.end, alone))
        i += 1
    return out


def _case_ok(originals: set[str] | None, surface: str) -> bool:
    """Written as the data writes it: an acronym in capitals, a proper name with a capital."""
    if not originals:
        return True
    return any(_case_matches(o, surface) for o in originals)


def _case_matches(orig: str, surface: str) -> bool:
    if not any(ch.isupper() for ch in orig):
        return True
    for w_o, w_s in zip(orig.split(), surface.split(), strict=False):
        letters = [c for c in w_o if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters) and not all(c.isupper() for c in w_s if c.isalpha()):
            return False
    return any(ch.isupper() for ch in surface)


def _coordinate(mentions: list[Mention], text: str, base: int) -> list[Mention]:
    """ "Armenian and Azerbaijani forces": the bare demonym borrows the head of its partner."""
    out = list(mentions)
    for i, m in enumerate(mentions[:-1]):
        nxt = mentions[i + 1]
        if m.entry.kind != DEMONYM or not nxt.entry.template or nxt.entry.kind == DEMONYM:
            continue
        gap = text[m.end - base : nxt.start - base].strip().lower()
        if gap not in {"and", ",", "or", "and the", ", and"}:
            continue
        name = fill(nxt.entry.template, m.entry.country or "")
        out[i] = Mention(m.start, m.end, replace(nxt.entry, name=name, country=m.entry.country))
    return out


class _Builder:
    """Adds phrases to the index and remembers how each one is capitalised in the data."""

    def __init__(self) -> None:
        self.index: PhraseIndex[Entry] = PhraseIndex()
        self.cased: dict[str, set[str]] = {}
        self.names: dict[str, str] = {}

    def add(self, phrase: str, entry: Entry) -> None:
        self.index.add(phrase, entry)
        self.cased.setdefault(fold(phrase.rstrip("*").strip()), set()).add(phrase)

    def country(self, c: dict[str, Any]) -> None:
        code = c["code"]
        demonym = Entry(COUNTRIES[code].label, code, DEMONYM)
        for word in c["adjectives"] + c.get("people", []):
            self.add(word, demonym)
        for word in c["names"]:
            self.add(word, replace(demonym, role="name"))
            self.names.setdefault(fold(word), code)
        for a in c["adjectives"]:
            self.add(f"pro-{a}", replace(demonym, pro=True))

    def heads(self, templates: list[dict[str, Any]]) -> None:
        for t in templates:
            e = Entry(t["name"], None, t["kind"], t["name"], head=True, pro=bool(t.get("pro")))
            for head in t["heads"]:
                self.add(head, e)


def _read(name: str) -> dict[str, Any]:
    return json.loads(resources.files("fogline.data").joinpath(f"extract/{name}").read_text("utf-8"))  # type: ignore[no-any-return]


def world_countries(extra: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """countries.json, extended by pycountry's names and by actors.json's own aliases per code."""
    world = _read("countries.json")
    skip = set(world["ambiguous"])
    rows = {c["code"]: {**c, "names": list(c["names"])} for c in world["countries"]}
    for pc in pycountry.countries:
        row = rows.setdefault(pc.alpha_3, _row(pc.alpha_3, _common(pc), _common(pc)))
        names = {pc.name, _common(pc), getattr(pc, "official_name", pc.name)} - skip
        row["names"] += sorted(n for n in names if n not in row["names"])
    for c in extra:
        row = rows.setdefault(c["code"], _row(c["code"], c["label"], c["adj"]))
        for key in ("names", "adjectives", "people"):
            row[key] = row.get(key, []) + [w for w in c.get(key, []) if w not in row.get(key, [])]
        row["label"], row["adj"] = c.get("label", row["label"]), c.get("adj", row["adj"])
    return list(rows.values())


def _row(code: str, label: str, adj: str) -> dict[str, Any]:
    return {"code": code, "label": label, "adj": adj, "names": [], "adjectives": []}


def _common(pc: Any) -> str:
    return str(getattr(pc, "common_name", None) or pc.name.split(",")[0])


def load_catalogue() -> Catalogue:
    data = _read("actors.json")
    countries = world_countries(data["countries"])
    for c in countries:
        the = "the " if c.get("the") else ""
        COUNTRIES[c["code"]] = Country(c["code"], c["label"], the + c["label"], c["adj"])
    b = _Builder()
    for c in countries:
        b.country(c)
    b.heads(data["templates"])
    for g in data["generic"]:
        e = Entry(g["name"], None, g["kind"], g["name"], generic=True)
        for n in g["names"]:
            b.add(n, e)
    for f in data["fixed"] + _read("groups.json")["groups"]:
        e = _group_entry(f)
        for n in f["names"]:
            b.add(n, e)
    for p in data["people"]:
        e = Entry(p["name"], p["country"], p["kind"], "", role=p["role"], person=True)
        for n in p["names"]:
            b.add(n, e)
    return Catalogue(
        b.index,
        {k: v.label for k, v in COUNTRIES.items()},
        data["adversaries"],
        frozenset(data["parties"]),
        frozenset(data["neutral_sources"]),
        {t["kind"]: t for t in data["templates"]},
        b.cased,
        PhraseIndex((r, code) for code, rs in _read("countries.json")["regions"].items() for r in rs),
        b.names,
    )


def _group_entry(f: dict[str, Any]) -> Entry:
    """A named group: fixed in its country, or ("home" given) placed where the event happens."""
    if "home" in f:
        return Entry(f["name"], None, f["kind"], f["name"], generic=True, home=f["home"])
    country = f["country"]
    return Entry(fill(f["name"], country) if country else f["name"], country, f["kind"])
