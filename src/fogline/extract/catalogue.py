"""The actor catalogue (data/extract/actors.json): find actors in text and normalise them.

Names follow ACLED's style without the period suffix: "Military Forces of Azerbaijan". Generic
mentions ("protesters", "police") carry no country; the event extractor fills the country of the
event's place. A bare demonym ("Armenian") is kept as kind ``demonym`` for coordination
("Armenian and Azerbaijani forces") and for deciding sides.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from fogline.model import Actor, Span
from fogline.nlp.phrases import PhraseIndex, fold

DEMONYM = "demonym"


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
        if e.generic and e.country is None and country:
            e = self.catalogue_fill(e, country)
        kind = e.kind if e.kind != DEMONYM else "other"
        return Actor(
            e.name.replace("({label})", "").replace(" of {label}", "").strip(),
            e.country,
            kind,  # type: ignore[arg-type]
            Span(self.start, self.end, text[self.start : self.end]),
        )

    @staticmethod
    def catalogue_fill(e: Entry, country: str) -> Entry:
        label = LABELS.get(country, country)
        return replace(e, name=e.template.format(label=label, adj=label), country=country)


LABELS: dict[str, str] = {}


@dataclass(slots=True)
class Catalogue:
    index: PhraseIndex[Entry]
    labels: dict[str, str]
    adversaries: dict[str, list[str]]
    parties: frozenset[str]
    neutral: frozenset[str]
    templates: dict[str, dict[str, Any]]

    def find(self, text: str, base: int = 0) -> list[Mention]:
        """Actor mentions in ``text``; offsets shifted by ``base``."""
        hits = self.index.find(text, fold(text))
        mentions = [Mention(base + h.start, base + h.end, h.values[0]) for h in hits]
        return _coordinate(mentions, text, base)

    def for_country(self, kind_template: str, country: str) -> Entry:
        label = self.labels.get(country, country)
        return Entry(kind_template.format(label=label, adj=label), country, "military", kind_template)


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
        label = LABELS.get(m.entry.country or "", m.entry.country or "")
        name = nxt.entry.template.format(label=label, adj=label)
        out[i] = Mention(m.start, m.end, replace(nxt.entry, name=name, country=m.entry.country))
    return out


def _add_country(index: PhraseIndex[Entry], c: dict[str, Any], templates: list[dict[str, Any]]) -> None:
    code, label, adj = c["code"], c["label"], c["adj"]
    for t in templates:
        e = Entry(t["name"].format(label=label, adj=adj), code, t["kind"], t["name"])
        for head in t["heads"]:
            for a in c["adjectives"]:
                index.add(f"{a} {head}", e)
                if t.get("pro"):
                    index.add(f"pro-{a} {head}", replace(e, name=f"pro-{adj} {head}"))
            for n in c["names"]:
                index.add(f"{head} of {n}", e)
                index.add(f"{head} of the {n}", e)
                index.add(f"{n}'s {head}", e)
    demonym = Entry(label, code, DEMONYM)
    for word in c["adjectives"] + c["names"] + c.get("people", []):
        index.add(word, demonym)


def load_catalogue() -> Catalogue:
    data = json.loads(resources.files("fogline.data").joinpath("extract/actors.json").read_text("utf-8"))
    index: PhraseIndex[Entry] = PhraseIndex()
    for c in data["countries"]:
        _add_country(index, c, data["templates"])
        LABELS[c["code"]] = c["label"]
    for g in data["generic"]:
        e = Entry(g["name"], None, g["kind"], g["name"], generic=True)
        for n in g["names"]:
            index.add(n, e)
    for f in data["fixed"]:
        e = Entry(f["name"], f["country"], f["kind"], "")
        for n in f["names"]:
            index.add(n, e)
    for p in data["people"]:
        e = Entry(p["name"], p["country"], p["kind"], "", role=p["role"], person=True)
        for n in p["names"]:
            index.add(n, e)
    return Catalogue(
        index,
        dict(LABELS),
        data["adversaries"],
        frozenset(data["parties"]),
        frozenset(data["neutral_sources"]),
        {t["kind"]: t for t in data["templates"]},
    )
