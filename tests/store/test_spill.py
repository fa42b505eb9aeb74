"""The report's scratch database: what goes in comes back equal, in the report's order."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fogline.store.spill import ReportSpill


@pytest.fixture
def spill() -> Iterator[ReportSpill]:
    s = ReportSpill()
    yield s
    s.close()


def _report(doc_id: str, event_id: str) -> dict[str, object]:
    return {"doc_id": doc_id, "event_id": event_id, "outlet": None, "published": "2021-05-04", "is_repost": False,
            "satire": False}


def _fill(spill: ReportSpill) -> None:
    spill.add_incidents([
        (0, "9999", "inc-a", "Battles", {"incident_id": "inc-a", "lat": None, "confidence": 0.1}, None,
         [_report("d1", "e1")]),
        (1, "2021-05-02", "inc-c", "Protests", {"incident_id": "inc-c", "lat": 40.5, "reasons": ["x"]},
         {"summary": {"incident_id": "inc-c"}, "sides": [], "line": "A: asserts"},
         [_report("d2", "e2"), _report("d3", "e3")]),
        (2, "2021-05-02", "inc-b", "Battles", {"incident_id": "inc-b", "lat": 1.25}, None, []),
    ])


def test_incidents_come_back_by_day_then_id(spill: ReportSpill) -> None:
    _fill(spill)
    assert [s["incident_id"] for s in spill.summaries()] == ["inc-b", "inc-c", "inc-a"]
    assert list(spill.day_types()) == [("2021-05-02", "Battles"), ("2021-05-02", "Protests"), ("9999", "Battles")]
    assert [c["line"] for c in spill.contests()] == ["A: asserts"]


def test_cards_join_each_report_to_its_articles_evidence(spill: ReportSpill) -> None:
    _fill(spill)
    assert spill.doc_count() == 3
    assert spill.wanted(["d2", "d3", "d9"]) == {"d2": {"e2"}, "d3": {"e3"}}
    view = {"outlet": "o.example", "sentences": [[{"text": "Shelling", "mark": None}]], "certainty": 0.5}
    spill.add_evidence([("d2", "e2", view)])
    cards = list(spill.cards())
    assert [s["incident_id"] for s, _ in cards] == ["inc-b", "inc-c", "inc-a"]
    assert cards[0][1] == [] and cards[1][1] == [(_report("d2", "e2"), view), (_report("d3", "e3"), None)]
