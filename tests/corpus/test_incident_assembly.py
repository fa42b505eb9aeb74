"""Assembling incidents: an incident of one report (the lean path most take) is the incident the general path
makes of it, record and fingerprint alike; the rows the store gets are those of ``fingerprint``."""

from __future__ import annotations

import pytest

from fogline.corpus.clustering import Group
from fogline.corpus.incidents import _assemble, assemble
from fogline.corpus.items import DocInfo, make_item
from fogline.corpus.reliability import OutletInfo, from_table
from fogline.corpus.rules import default_rules
from fogline.model import Actor, Claim, Event, Place, Span
from fogline.store.incidents import fingerprint, incident_row, record_row

RATINGS = from_table({
    "State Wire": OutletInfo("State Wire", 0.4, "mixed", True, "AZE"),
    "Daily Ledger": OutletInfo("Daily Ledger", 0.8, "reliable"),
    "Rumour Mill": OutletInfo("Rumour Mill", 0.1, "unreliable"),
})
ARMY_AZ = Actor("Military Forces of Azerbaijan", "AZE", "military", Span(0, 5, "Baku'"))
ARMY_AM = Actor("Military Forces of Armenia", "ARM", "military")
VILLAGE = Place("Talish", 40.16, 46.55, 1, "test:talish", "AZE", "Tartar", None, "locality", Span(30, 36, "Talish"),
                0.875, ["exact name"])
REGION = Place("Tartar District", 40.34, 46.93, 3, None, "AZE", "Tartar", None, "county", None, 0.5)
TEXT = "Fighting near Talish left soldiers dead, officials on both sides said."


def _event(**kw: object) -> Event:
    base: dict[str, object] = {
        "event_id": "d-e0", "sub_event_type": "Armed clash", "date": "2020-10-02", "date_precision": "day",
        "actor1": ARMY_AZ, "actor2": ARMY_AM, "location": VILLAGE, "evidence": [Span(0, len(TEXT), TEXT)],
    }
    return Event(**(base | kw))  # type: ignore[arg-type]


CASES = [
    pytest.param(_event(), DocInfo("d", "Daily Ledger", "2020-10-03"), id="rated-outlet"),
    pytest.param(_event(fatalities=4, claims=[
        Claim("Ministry of Defence of Armenia", "ARM", "asserts", Span(0, 10, TEXT[:10]), 4),
        Claim("Ministry of Defence of Azerbaijan", "AZE", "denies", None, 0)]),
        DocInfo("d", "State Wire", "2020-10-03"), id="denial-and-party-media"),
    pytest.param(_event(fatalities=3, injured=7, claims=[Claim("Armenian officials", "ARM", "asserts", None, 3),
                                                         Claim("Azerbaijani officials", "AZE", "asserts", None, 9)]),
                 DocInfo("d", None, "2020-10-03"), id="sides-differ-no-outlet"),
    pytest.param(_event(certainty="rumored", date="2020-10", date_precision="month", location=REGION),
                 DocInfo("d", "Rumour Mill", signal_kinds=("anonymous_sourcing",)), id="rumour-month-region"),
    pytest.param(_event(date="2020-09-27/2020-10-01", date_precision="week", location=None, actor2=None),
                 DocInfo("d", "Unrated Times"), id="week-interval-no-place"),
    pytest.param(_event(date="XXXX-10-02", certainty="claimed", claims=[Claim("A spokesman", None, "asserts")]),
                 DocInfo("d", "Daily Ledger"), id="year-unknown-claimed"),
    pytest.param(_event(certainty="denied"), DocInfo("d", "Daily Ledger"), id="denied-report"),
    pytest.param(_event(), DocInfo("d", "Copy Blog", is_repost=True, origin_doc_id="o"), id="copy-of-another"),
    pytest.param(_event(), DocInfo("d", "Satire Desk", genre="satire"), id="satire"),
]


@pytest.mark.parametrize(("event", "doc"), CASES)
def test_one_report_is_assembled_as_the_general_path_does(event: Event, doc: DocInfo) -> None:
    rules = default_rules()
    docs = {doc.doc_id: doc, "o": DocInfo("o", "Origin Post")}
    group = Group([make_item(doc, event, rules)], ["d/d-e0 founded"])
    lean, general = assemble(group, docs, RATINGS, rules), _assemble(group, docs, RATINGS, rules)
    assert lean == general
    assert fingerprint(lean) == fingerprint(general)


@pytest.mark.parametrize(("event", "doc"), CASES[:3])
def test_record_row_is_the_fingerprinted_row(event: Event, doc: DocInfo) -> None:
    rules = default_rules()
    inc = assemble(Group([make_item(doc, event, rules)]), {doc.doc_id: doc}, RATINGS, rules)
    row = record_row(inc)
    assert [*row[:-1], row[-1].decode("utf-8")] == incident_row(inc, *fingerprint(inc))
