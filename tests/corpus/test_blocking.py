"""Blocking keys: which pairs are compared. Narrowing them may drop only pairs ``compare`` rejects."""

from __future__ import annotations

import itertools

import pytest

from fogline.corpus.blocking import AREA, COUNTRY, Earlier, candidate_pairs, index_keys, probe_keys, probed_areas
from fogline.corpus.items import DocInfo, Item, make_item
from fogline.corpus.match import compare
from fogline.corpus.rules import default_rules
from fogline.model import Event, Place

RULES = default_rules()
# (name, lat, lon, precision, placetype): Syunik province in Armenia and places in and near it
PLACES = {
    "kapan": ("Kapan", 39.2077, 46.4054, 1, "locality"),
    "goris": ("Goris", 39.5111, 46.3389, 1, "locality"),
    "kapan_rough": ("Kapan", 39.2077, 46.4054, 3, "locality"),
    "meghri_rough": ("Meghri", 38.9030, 46.2450, 3, "locality"),
    "sisian_rough": ("Sisian", 39.5208, 46.0322, 3, "locality"),
    "far_rough": ("Far town", 41.2000, 46.4000, 3, "locality"),  # ~220 km north of Kapan, same province label
    "syunik": ("Syunik", 39.5000, 46.0000, 3, "region"),
}


def _item(doc: str, place: str, kind: str = "Armed clash", date: str = "2020-10", precision: str = "month") -> Item:
    name, lat, lon, geo, placetype = PLACES[place]
    loc = Place(name, lat, lon, geo, None, "ARM", "Syunik", None, placetype)
    return make_item(DocInfo(doc), Event(f"{doc}-e", kind, date, precision, location=loc), RULES)


def _before(earlier: Earlier, i: int) -> list[int]:
    """The positions of item ``i``'s candidates before it, read from ``Earlier``'s signatures: the reference
    the greedy pass's walk is checked against."""
    n = earlier.sigs[i]
    return [] if n < 0 else [j for m in earlier.met(n) for j in earlier.members[m] if j < i]


def _pairs(items: list[Item]) -> set[frozenset[int]]:
    return {frozenset(p) for p in candidate_pairs(items, RULES)}


@pytest.mark.parametrize(("a", "b", "met"), [
    pytest.param(("kapan_rough",), ("meghri_rough",), True, id="radius-places-35-km-apart-meet"),
    pytest.param(("kapan_rough",), ("far_rough",), False, id="radius-places-220-km-apart-never-meet"),
    pytest.param(("far_rough",), ("syunik",), True, id="radius-place-meets-its-province-from-any-distance"),
    pytest.param(("kapan_rough",), ("goris",), True, id="radius-place-meets-a-point-within-its-limit"),
    pytest.param(("kapan_rough", "Peaceful protest"), ("sisian_rough",), False, id="protest-never-meets-a-clash"),
    pytest.param(("kapan_rough", "Attack"), ("sisian_rough",), True, id="attack-meets-a-clash-same-group"),
    pytest.param(("kapan", "Peaceful protest", "2020-10-04", "day"), ("kapan", "Armed clash", "2020-10-04", "day"),
                 False, id="points-of-incompatible-types-never-meet"),
    pytest.param(("kapan", "Attack", "2020-10-04", "day"), ("kapan", "Armed clash", "2020-10-04", "day"),
                 True, id="points-of-one-type-group-meet"),
])
def test_narrowed_area_keys(a: tuple[str, ...], b: tuple[str, ...], met: bool) -> None:
    items = [_item("d1", *a), _item("d2", *b)]
    assert (frozenset({0, 1}) in _pairs(items)) is met


@pytest.mark.parametrize(("probing", "kept"), [
    pytest.param([], False, id="no-coarse-item-no-area-keys"),
    pytest.param(["syunik"], True, id="a-province-probes-its-area"),
    pytest.param(["kapan_rough"], True, id="a-radius-place-probes-its-area"),
    pytest.param(["kapan"], False, id="points-probe-no-area"),
])
def test_area_index_keys_only_for_probed_areas(probing: list[str], kept: bool) -> None:
    item = _item("d1", "goris", "Armed clash", "2020-10-04", "day")
    areas = probed_areas(k for place in probing for k in probe_keys(_item("d2", place), RULES))
    every, narrowed = index_keys(item, RULES), index_keys(item, RULES, areas)
    probed = {k for place in probing for k in probe_keys(_item("d2", place), RULES)}
    assert [k for k in every if k in probed] == [k for k in narrowed if k in probed]  # nothing probed is lost
    assert any(k[0] == AREA for k in narrowed) is kept  # the province's keys, only when some item probes them
    assert not any(k[0] == COUNTRY for k in narrowed)  # no item probes the whole country


@pytest.mark.parametrize("when", [pytest.param(("2020-10", "month"), id="month"),
                                  pytest.param(("2020-10-04", "day"), id="day")])
def test_dropped_pairs_are_ones_compare_rejects(when: tuple[str, str]) -> None:
    kinds = ["Armed clash", "Attack", "Peaceful protest", "Shelling/artillery/missile attack"]
    items = [_item(f"d{n}", place, kind, *when) for n, (place, kind) in enumerate(itertools.product(PLACES, kinds))]
    found = _pairs(items)
    accepted = [(i, j) for i, j in itertools.combinations(range(len(items)), 2)
                if compare(items[i], items[j], RULES) is not None]
    assert len(found) < len(items) * (len(items) - 1) / 2  # something was narrowed away
    assert [(i, j) for i, j in accepted if frozenset({i, j}) not in found] == []


@pytest.mark.parametrize("when", [pytest.param(("2020-10", "month"), id="month"),
                                  pytest.param(("2020-10-04", "day"), id="day"),
                                  pytest.param(("XXXX-10-04", "day"), id="year-unknown-day"),
                                  pytest.param(("2020-10-02/2020-10-20", "range"), id="range")])
def test_earlier_finds_the_candidate_pairs(when: tuple[str, str]) -> None:
    kinds = ["Armed clash", "Peaceful protest", "Shelling/artillery/missile attack"]
    dates = [when, ("2020-10-04", "day"), ("2020-10-05", "week")]
    items = [_item(f"d{n}", place, kind, *date) for n, (place, kind, date)
             in enumerate(itertools.product(PLACES, kinds, dates))]
    earlier = Earlier(items, RULES)
    assert {frozenset((i, j)) for i in range(len(items)) for j in _before(earlier, i)} == _pairs(items)
    assert all(earlier.meets(i, j) == (j in _before(earlier, i)) for i, j in itertools.product(range(len(items)),
                                                                                           repeat=2))


@pytest.mark.parametrize("when", [pytest.param(("2020-10", "month"), id="month"),
                                  pytest.param(("2020-10-04", "day"), id="day")])
def test_a_turn_visits_every_group_a_candidate_matches(when: tuple[str, str]) -> None:
    from fogline.corpus.clustering import _Pass

    kinds = ["Armed clash", "Attack", "Peaceful protest"]
    items = [_item(f"d{n % 4}", place, kind, *date) for n, (place, kind, date)
             in enumerate(itertools.product(PLACES, kinds, [when, ("2020-10-04", "day")]))]
    turns = _Pass(items, RULES)
    earlier = turns.earlier
    matches = 0
    for i in range(len(items)):
        if (n := earlier.sigs[i]) >= 0:
            row = turns._row(turns.sig[i], n)
            visited = list(turns._near(row, i))  # every item a group of its own
            matching = {j for j in _before(earlier, i) if compare(items[j], items[i], RULES) is not None}
            assert len(visited) == len(set(visited)) and matching <= set(visited) <= set(_before(earlier, i))
            matches += len(matching)
        turns.place(i, None)
        turns.done(i)
    assert matches > len(items)
    assert not earlier._met and not turns._met and not turns._rows  # each dropped after its last item's turn


def test_alike_items_share_one_score_and_match_as_compare_says() -> None:
    from fogline.corpus.clustering import _Pass

    items = [_item("a", "kapan", date="2020-10-03", precision="day"), _item("b", "kapan", date="2020-10-03",
             precision="day"), _item("c", "kapan", date="2020-10-03", precision="day"), _item("d", "goris"),
             _item("e", "far_rough")]
    items.append(make_item(DocInfo("b"), Event("b-e2", "Armed clash", "2020-10-03", "day",
                                               location=items[1].event.location), RULES))
    turns = _Pass(items, RULES)
    earlier = turns.earlier
    assert turns.sig[1] == turns.sig[2] == turns.sig[5] != turns.sig[3]
    for i, j in itertools.product(range(len(items)), repeat=2):
        if j >= i or items[i].doc.doc_id == items[j].doc.doc_id:
            continue
        match = compare(items[j], items[i], RULES, why=False) if j in _before(earlier, i) else None
        row = turns._row(turns.sig[i], earlier.sigs[i])
        assert turns._score(row, turns.sig[j], i) == (None if match is None else match.score), (i, j)
    for i in range(5):
        turns.place(i, None)
    row = turns._row(turns.sig[5], earlier.sigs[5])
    assert turns._fits(1, 5, row) is None and turns._fits(2, 5, row) is not None  # one article's events never match
