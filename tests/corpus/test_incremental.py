"""The incremental corpus stage (``corpus.incremental``): reading only the events around a change gives the
incidents, reports and partitions of a full recompute; a store without stored keys, or grouped under other
rules or ratings, is worked out in full once."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from synthetic import articles

from fogline import corpus
from fogline.config import Config
from fogline.corpus import CorpusResult, build_corpus
from fogline.model import Actor, Document, Event, Place, Span
from fogline.store import Store

AZ = Actor("Military Forces of Azerbaijan", "AZE", "military")
AM = Actor("Military Forces of Armenia", "ARM", "military")
WEST = Place("Village West", 38.50, 44.50, 1, "test:w", "AZE", "Region 9", "District 9", "locality")
FAR = Place("Village Far", 38.55, 45.90, 1, "test:f", "AZE", "Region 9", "District 8", "locality")
REGION = Place("Region 9", 38.55, 45.20, 4, None, "AZE", "Region 9", None, "region")


def _article(doc_id: str, place: Place, day: str = "2020-10-04", precision: str = "day", text: str | None = None,
             published: str | None = None) -> Document:
    words = " ".join(f"{doc_id}w{n}" for n in range(60))
    text = text or f"Forces of one side fired on the other near {place.name} on {day}. {words}"
    event = Event(f"{doc_id}-e0", "Armed clash", day, precision, AZ, AM, place, fatalities=2,
                  evidence=[Span(0, len(text), text)])
    return Document(doc_id, f"{doc_id}.txt", text, outlet=f"{doc_id}.example", published=published or day, text=text,
                    events=[event])


BASE = articles(60) + [_article("w1", WEST), _article("w2", WEST), _article("f1", FAR), _article("f2", FAR),
                       _article("g1", REGION, "2020-10", "month")]
"""Reports at two villages of one region far apart (two partitions of their own), and one of the region that
month, which joins them."""


def _state(store: Store) -> tuple[list[Any], ...]:
    return tuple(store.conn.execute(q).fetchall() for q in (
        "SELECT incident_id, fingerprint, record FROM incidents ORDER BY ALL",
        "SELECT * FROM incident_reports ORDER BY ALL", "SELECT * FROM corpus_copies ORDER BY ALL",
        "SELECT part, count(*) FROM corpus_parts GROUP BY part ORDER BY ALL"))


def _part_of(store: Store, event_id: str) -> str:
    row = store.conn.execute("SELECT part FROM corpus_parts WHERE event_id = ?", [event_id]).fetchone()
    assert row is not None
    return str(row[0])


def _full(docs: list[Document], config: Config | None = None) -> tuple[list[Any], ...]:
    with Store.open(":memory:") as store:
        store.add_many(docs)
        build_corpus(store, config)
        return _state(store)


def _merged(base: list[Document], later: list[Document]) -> list[Document]:
    ids = {d.doc_id for d in later}
    return [d for d in base if d.doc_id not in ids] + later


@pytest.fixture
def regions(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many events each incremental plan read (``region_plan`` calls)."""
    seen: list[int] = []
    plan = corpus.region_plan

    def spy(*args: Any) -> Any:
        out = plan(*args)
        seen.append(len(out.rows))
        return out

    monkeypatch.setattr(corpus, "region_plan", spy)
    return seen


def _run(base: list[Document], change: Callable[[Store], None],
         config: Config | None = None) -> tuple[CorpusResult, tuple[list[Any], ...]]:
    with Store.open(":memory:") as store:
        store.add_many(base)
        build_corpus(store)
        change(store)
        result = build_corpus(store, config)
        return result, _state(store)


def test_a_new_event_joining_two_stored_partitions(regions: list[int]) -> None:
    base = [d for d in BASE if d.doc_id != "g1"]
    with Store.open(":memory:") as store:
        store.add_many(base)
        build_corpus(store)
        assert _part_of(store, "w1-e0") != _part_of(store, "f1-e0")
        store.add_many([_article("g2", REGION, "2020-10", "month")])
        build_corpus(store)
        assert _part_of(store, "w1-e0") == _part_of(store, "f1-e0") == _part_of(store, "g2-e0")
        state = _state(store)
    assert state == _full(base + [_article("g2", REGION, "2020-10", "month")])
    assert regions and regions[0] < 12  # the joined partitions, not the 60 other articles' events


def test_an_event_removed_splitting_its_partition(regions: list[int]) -> None:
    with Store.open(":memory:") as store:
        store.add_many(BASE)
        build_corpus(store)
        assert _part_of(store, "w1-e0") == _part_of(store, "f1-e0")
        store.add_many([replace(BASE[-1], events=[])], replace=True)
        build_corpus(store)
        assert _part_of(store, "w1-e0") != _part_of(store, "f1-e0")
        state = _state(store)
    assert state == _full(_merged(BASE, [replace(BASE[-1], events=[])]))
    assert regions


@pytest.mark.parametrize("later", [
    pytest.param([_article("w2", FAR)], id="re-analysed-report-moves-to-the-other-village"),
    pytest.param([replace(_article("f2", FAR), published="2020-10-08")], id="re-analysed-article-published-later"),
    pytest.param([replace(_article("w1", WEST), events=[]), _article("w3", WEST)], id="report-removed-one-added"),
])
def test_re_analysed_articles_equal_a_full_recompute(later: list[Document], regions: list[int]) -> None:
    _, state = _run(BASE, lambda store: store.add_many(later, replace=True))
    assert state == _full(_merged(BASE, later))
    assert regions


def test_an_old_article_becoming_a_copy_of_a_new_one(regions: list[int]) -> None:
    text = _article("t0", WEST).text
    old = _article("c1", WEST, text=text, published="2020-10-06")
    new = _article("o1", WEST, text=text, published="2020-10-04")
    with Store.open(":memory:") as store:
        store.add_many([*BASE, old])
        build_corpus(store)
        store.add_many([new])
        build_corpus(store)
        state = _state(store)
    assert ("c1", "o1") in state[2]
    assert state == _full([*BASE, old, new])
    assert regions


def test_a_copy_of_a_stored_article_follows_its_twin(regions: list[int]) -> None:
    copy = _article("c2", WEST, text=BASE[-5].text, published="2020-10-09")
    _, state = _run(BASE, lambda store: store.add_many([copy]))
    assert (copy.doc_id, BASE[-5].doc_id) in state[2]
    assert state == _full([*BASE, copy])
    assert regions


def test_other_ratings_group_every_partition_again(tmp_path: Path, regions: list[int]) -> None:
    ratings = tmp_path / "outlets.csv"
    ratings.write_text("domain,name,category,credibility_score,state_controlled,state_country,state_typology,source\n"
                       "w1.example,W One,state-controlled,0.1,true,AZE,SC,user\n", encoding="utf-8")
    config = Config(outlet_ratings=ratings)
    result, state = _run(BASE, lambda store: store.add_many([_article("w4", WEST)]), config)
    assert result.regrouped == result.partitions and not regions
    assert state == _full([*BASE, _article("w4", WEST)], config)
    assert state != _full([*BASE, _article("w4", WEST)])


@pytest.mark.parametrize(("forget", "regrouped"), [
    pytest.param("DELETE FROM corpus_state", True, id="store-of-before-keys-and-fingerprints"),
    pytest.param("DELETE FROM corpus_state WHERE name = 'keys'", False, id="run-cut-short-keys-not-vouched-for"),
    pytest.param("UPDATE corpus_state SET value = 'other' WHERE name = 'keys'", False, id="keys-of-another-python"),
])
def test_a_store_without_usable_keys_is_worked_out_in_full_once(forget: str, regrouped: bool,
                                                                regions: list[int]) -> None:
    later = [_article("w5", WEST), *articles(5, seed=4, start=300)]
    with Store.open(":memory:") as store:
        store.add_many(BASE)
        build_corpus(store)
        store.conn.execute(forget)
        store.add_many(later[:1])
        first = build_corpus(store)
        assert not regions and (first.regrouped == first.partitions) is regrouped
        store.add_many(later[1:])
        build_corpus(store)
        assert len(regions) == 1
        state = _state(store)
    assert state == _full(BASE + later)


def test_nothing_new_reads_nothing(regions: list[int]) -> None:
    result, state = _run(BASE, lambda store: None)
    assert regions == [0] and result.written == result.regrouped == 0
    assert state == _full(BASE)


def test_blocking_keys_hash_alike_in_every_process() -> None:
    code = ("from fogline.corpus.partition import KeyMaker, KeyRow\nfrom fogline.corpus.rules import default_rules\n"
            "row = KeyRow('e', 'd', '2020-10', 'month', 38.5, 44.5, 3, 'region', 'AZE', 'Region 9', 'Armed clash',"
            " None, None, 'stated', '')\nt = KeyMaker(default_rules()).table([row], every_area=True)\n"
            "print(sum(t.probes) + 7 * sum(t.index), len(t.probes), len(t.index))")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "random")}
    assert len(outs) == 1 and " 0 " not in outs.pop()
