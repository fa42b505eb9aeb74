"""Build model objects from tests/data/corpus/reports.json (a corpus written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fogline.corpus.items import DocInfo, Item, make_item
from fogline.corpus.rules import default_rules
from fogline.model import Actor, Claim, Document, Event, Place, Signal

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus" / "reports.json"


def load() -> dict[str, Any]:
    return json.loads(CORPUS.read_text(encoding="utf-8"))


def _actor(a: list[Any] | None) -> Actor | None:
    return Actor(a[0], a[1], a[2]) if a else None


def _place(p: list[Any]) -> Place:
    placetype = p[8] if len(p) > 8 else "locality"
    return Place(name=p[0], lat=p[1], lon=p[2], precision=p[3], gazetteer_id=p[4], country=p[5], admin1=p[6],
                 admin2=p[7], placetype=placetype, score=0.9)


def event(doc_id: str, i: int, e: dict[str, Any]) -> Event:
    return Event(
        event_id=f"{doc_id}-e{i}", sub_event_type=e["sub_event_type"], date=e["date"],
        date_precision=e["date_precision"], actor1=_actor(e["actor1"]), actor2=_actor(e["actor2"]),
        location=_place(e["place"]) if e.get("place") else None, fatalities=e["fatalities"],
        certainty=e["certainty"],
        claims=[Claim(c[0], c[1], c[2], None, c[3], c[4]) for c in e["claims"]],
    )


def documents() -> list[Document]:
    """The corpus as analysed documents (events hand-coded as an extractor would give them)."""
    out = []
    for a in load()["articles"]:
        doc = Document(doc_id=a["doc_id"], source=f"{a['doc_id']}.txt", raw=a["text"], text=a["text"],
                       title=a["title"], published=a["published"], outlet=a["outlet"], url=a["url"],
                       genre=a["genre"], is_repost=a["is_repost"],
                       signals=[Signal(k, d) for k, d in a.get("signals", [])])
        doc.events = [event(a["doc_id"], i, e) for i, e in enumerate(a["events"])]
        out.append(doc)
    return out


def items(origins: dict[str, str] | None = None) -> tuple[list[Item], dict[str, DocInfo], dict[tuple[str, str], str]]:
    """(items, docs, expected label per (doc_id, event_id)); ``origins`` marks copies."""
    rules = default_rules()
    docs: dict[str, DocInfo] = {}
    out: list[Item] = []
    labels: dict[tuple[str, str], str] = {}
    for a in load()["articles"]:
        info = DocInfo(a["doc_id"], a["outlet"], a["published"], a["url"], a["title"], a["genre"], a["is_repost"],
                       (origins or {}).get(a["doc_id"]))
        docs[info.doc_id] = info
        for i, e in enumerate(a["events"]):
            ev = event(a["doc_id"], i, e)
            out.append(make_item(info, ev, rules))
            labels[(info.doc_id, ev.event_id)] = e["expect"]
    return out, docs, labels
