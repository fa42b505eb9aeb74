"""Replaying the last run's decisions: adding, changing or removing articles gives, incrementally, the
incidents of a full recompute (records, reasons in order, and reports), and unchanged events replay."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from synthetic import articles

from fogline.corpus import CorpusResult, build_corpus
from fogline.corpus.replay import KEPT_APART, Prior, label
from fogline.model import Actor, Document, Event, Place, Span
from fogline.store import Store

AZ = Actor("Military Forces of Azerbaijan", "AZE", "military")
AM = Actor("Military Forces of Armenia", "ARM", "military")
WEST = Place("Village West", 38.50, 44.50, 1, "test:w", "AZE", "Region 9", "District 9", "locality")
EAST = Place("Village East", 38.60, 44.80, 1, "test:e", "AZE", "Region 9", "District 9", "locality")
FAR = Place("Village Far", 38.55, 45.30, 1, "test:f", "AZE", "Region 9", "District 8", "locality")
DISTRICT = Place("District 9", 38.55, 44.65, 3, None, "AZE", "Region 9", "District 9", "county")


def _article(doc_id: str, place: Place, day: str = "2020-10-04", precision: str = "day") -> Document:
    """One report of fighting at ``place`` on ``day``, in words of its own (no article copies another)."""
    rng = random.Random(doc_id)
    words = " ".join(f"w{rng.randrange(5000)}" for _ in range(60))
    text = f"Forces of one side fired on the other near {place.name} on {day}. {words}"
    event = Event(f"{doc_id}-e0", "Armed clash", day, precision, AZ, AM, place, fatalities=2,
                  evidence=[Span(0, len(text), text)])
    return Document(doc_id, f"{doc_id}.txt", text, outlet=f"{doc_id}.example", published=day, text=text,
                    events=[event])


HAND = [_article("h1", WEST), _article("h2", WEST), _article("h3", EAST), _article("h4", EAST),
        _article("h5", WEST, "2020-10-09"), _article("h6", EAST, "2020-10-09"), _article("h7", WEST, "2020-10-12"),
        _article("h8", DISTRICT, "2020-10", "month")]
"""Reports at two villages of one district on three days, and one of the district that month (it puts them
all in one partition)."""
BASE = articles(120) + HAND


def _state(store: Store) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    incidents = store.conn.execute("SELECT incident_id, fingerprint, record FROM incidents ORDER BY ALL").fetchall()
    reports = store.conn.execute("SELECT * FROM incident_reports ORDER BY ALL").fetchall()
    return incidents, reports


def _incremental(later: list[Document], replaced: bool = False) -> tuple[CorpusResult, tuple[list, list]]:
    with Store.open(":memory:") as store:
        store.add_many(BASE)
        build_corpus(store)
        store.add_many(later, replace=replaced)
        result = build_corpus(store)
        return result, _state(store)


def _full(docs: list[Document]) -> tuple[list, list]:
    with Store.open(":memory:") as store:
        store.add_many(docs)
        build_corpus(store)
        return _state(store)


def _merged(later: list[Document]) -> list[Document]:
    ids = {d.doc_id for d in later}
    return [d for d in BASE if d.doc_id not in ids] + later


@pytest.mark.parametrize(("later", "note"), [
    pytest.param([_article("n1", WEST)], "n1/n1-e0 joined h1/h1-e0", id="new-report-joins-an-old-group"),
    pytest.param([_article("n2", DISTRICT)], f"n2/n2-e0 {KEPT_APART}", id="new-district-report-fits-two-groups"),
    pytest.param([_article("n3", FAR)], None, id="new-report-founds-a-group-between-old-ones"),
    pytest.param(articles(12, seed=5, start=120, villages=range(4)), None, id="new-articles-at-four-villages"),
    pytest.param(articles(30, seed=8, start=120, villages=range(40)), None, id="new-articles-across-the-region"),
    pytest.param([_article("n4", EAST, "2020-10-09"), _article("n5", DISTRICT, "2020-10-09")], None,
                 id="new-village-and-district-reports-of-one-day"),
])
def test_added_articles_replay_and_equal_a_full_recompute(later: list[Document], note: str | None) -> None:
    result, incremental = _incremental(later)
    assert incremental == _full(_merged(later))
    assert 0 < result.replayed < result.grouped
    if note is not None:
        assert any(note in rec for _, _, rec in incremental[0])


def _changed(doc: Document, **changes: object) -> Document:
    return replace(doc, events=[replace(doc.events[0], **changes)])


@pytest.mark.parametrize("later", [
    pytest.param([_changed(HAND[1], location=EAST)], id="re-analysed-report-moves-to-another-village"),
    pytest.param([_changed(HAND[2], fatalities=9)], id="re-analysed-report-with-other-figures"),
    pytest.param([replace(HAND[0], events=[])], id="founding-report-removed"),
    pytest.param([replace(HAND[3], events=[]), _article("n1", WEST)], id="report-removed-and-one-added"),
])
def test_changed_or_removed_articles_equal_a_full_recompute(later: list[Document]) -> None:
    _, incremental = _incremental(later, replaced=True)
    assert incremental == _full(_merged(later))


def test_prior_leaves_out_an_incident_that_does_not_read_back() -> None:
    keys = [("d1", "e1"), ("d2", "e2")]
    prior = Prior()
    prior.add_incident(keys, [f"{label(keys[1])} joined somewhere else: same place"])
    assert prior.decisions == {}
    prior.add_incident(keys[::-1], [f"{label(keys[0])} {KEPT_APART}", f"{label(keys[1])} joined {label(keys[0])}: x"])
    assert prior.decisions[keys[1]] == (keys[0], f"{label(keys[1])} joined {label(keys[0])}: x")
    assert prior.sizes == {keys[0]: 2}


@pytest.mark.parametrize("later", [
    pytest.param([_article("n6", WEST, "2020-10-03")], id="new-report-early-in-order-before-later-groups"),
    pytest.param([_article("n7", WEST), _article("n8", WEST), _article("n9", WEST)], id="chain-of-joins"),
    pytest.param([_article("n10", DISTRICT, "2020-10-04"), _article("n11", WEST)],
                 id="district-report-between-an-unchanged-and-a-changed-group"),
    pytest.param([_article("n12", EAST, "2020-10-09"), _article("n13", FAR, "2020-10-09"),
                  _article("n14", DISTRICT, "2020-10-09")], id="new-groups-and-a-district-report-of-one-day"),
    pytest.param(articles(8, seed=9, start=300, villages=range(3)), id="new-articles-at-three-villages"),
])
def test_replay_near_changed_groups_equals_a_full_recompute(later: list[Document]) -> None:
    with Store.open(":memory:") as store:
        store.add_many(BASE)
        build_corpus(store)
        store.add_many(later)
        build_corpus(store)
        incremental = _state(store)
    assert incremental == _full(_merged(later))


@pytest.mark.parametrize("later", [
    pytest.param([replace(HAND[1], events=[])], id="report-removed-from-the-middle-of-a-group"),
    pytest.param([replace(HAND[4], events=[]), _article("n15", WEST, "2020-10-09")],
                 id="report-removed-and-another-takes-its-place"),
])
def test_removals_equal_a_full_recompute(later: list[Document]) -> None:
    _, incremental = _incremental(later, replaced=True)
    assert incremental == _full(_merged(later))


def test_rounds_of_random_additions_and_removals_equal_a_full_rebuild_each_time() -> None:
    rng = random.Random(12)
    held = {d.doc_id: d for d in BASE}
    places = [WEST, EAST, FAR, DISTRICT]
    with Store.open(":memory:") as store:
        store.add_many(BASE)
        build_corpus(store)
        for n in range(3):
            added = articles(6, seed=20 + n, start=200 + 10 * n, villages=range(6))
            added += [_article(f"r{n}{k}", rng.choice(places), f"2020-10-{rng.randrange(3, 13):02d}") for k in range(3)]
            removed = [replace(held[d], events=[]) for d in rng.sample(sorted(held), 2)]
            store.add_many(added)
            store.add_many(removed, replace=True)
            held.update({d.doc_id: d for d in added + removed})
            build_corpus(store)
            assert _state(store) == _full(list(held.values())), f"round {n}"
