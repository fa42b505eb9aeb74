"""Merging events of the test corpus (tests/data/corpus/reports.json) into incidents."""

from __future__ import annotations

import random

import pytest
from corpus_data import items, load

from fogline.corpus.incidents import build_incidents
from fogline.model import Incident

ORIGINS = {"d02-blog-repost": "d01-hayk-martakert"}


def _by_label(incidents: list[Incident], labels: dict[tuple[str, str], str]) -> dict[str, Incident]:
    out: dict[str, Incident] = {}
    for inc in incidents:
        found = {labels[(r.doc_id, r.event_id)] for r in inc.reports}
        assert len(found) == 1, f"{inc.incident_id} mixes incidents {sorted(found)}: {inc.merge_reasons}"
        label = found.pop()
        assert label not in out, f"incident {label} split in two: {out[label].merge_reasons} / {inc.merge_reasons}"
        out[label] = inc
    return out


@pytest.fixture(scope="module")
def built() -> dict[str, Incident]:
    its, docs, labels = items(ORIGINS)
    return _by_label(build_incidents(its, docs), labels)


def test_one_incident_per_label(built: dict[str, Incident]) -> None:
    assert sorted(built) == sorted(load()["expected"])


@pytest.mark.parametrize("label", ["A", "B", "C", "D", "S"])
def test_expected_figures(built: dict[str, Incident], label: str) -> None:
    inc, want = built[label], load()["expected"][label]
    assert inc.independent_sources == want["independent_sources"]
    if "fatalities" in want:
        assert [inc.fatalities_low, inc.fatalities_best, inc.fatalities_high] == want["fatalities"]
    if "contested" in want:
        assert inc.contested is want["contested"]
    if "satire_only" in want:
        assert inc.satire_only is want["satire_only"]
    if "copies" in want:
        assert sum(1 for r in inc.reports if r.is_repost and not r.independent) == want["copies"]


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_order_independence(seed: int) -> None:
    its, docs, _ = items(ORIGINS)
    base = [inc.to_dict() for inc in build_incidents(its, docs)]
    shuffled, docs2, _ = items(ORIGINS)
    random.Random(seed).shuffle(shuffled)
    assert [inc.to_dict() for inc in build_incidents(shuffled, docs2)] == base


def test_best_from_non_party_source(built: dict[str, Incident]) -> None:
    inc = built["A"]
    assert inc.fatalities_best == 1
    assert inc.best_basis is not None and "non-party" in inc.best_basis and "Red Cross" in inc.best_basis


def test_claims_by_side(built: dict[str, Incident]) -> None:
    views = {v.claimant: v for v in built["A"].claimants}
    assert views["Ministry of Defence of Azerbaijan"].stance == "denies"
    assert views["Ministry of Defence of Azerbaijan"].role == "party"
    assert views["International Committee of the Red Cross"].role == "non-party"
    assert views["Ministry of Defence of Armenia"].fatalities == 2


def test_satire_never_corroborates(built: dict[str, Incident]) -> None:
    assert built["S"].confidence == 0.0
    assert all(not r.satire for r in built["C"].reports)
    assert built["C"].fatalities_high == 4  # the parody's 500 is nowhere


def test_repost_follows_origin_despite_its_own_date(built: dict[str, Incident]) -> None:
    copy = next(r for r in built["A"].reports if r.doc_id == "d02-blog-repost")
    assert copy.date == "2020-10-04" and not copy.independent
    assert any("copy of" in why for why in built["A"].merge_reasons)


def test_two_villages_same_day_stay_apart(built: dict[str, Incident]) -> None:
    assert built["A"].date == built["B"].date == "2020-10-03"
    assert built["A"].incident_id != built["B"].incident_id


def test_coarse_report_joins_the_only_fitting_incident(built: dict[str, Incident]) -> None:
    assert "d08-region-brief" in {r.doc_id for r in built["C"].reports}
    assert built["C"].location is not None and built["C"].location.name in ("Talish", "Talysh")


def test_merge_reasons_explain(built: dict[str, Incident]) -> None:
    text = " ".join(built["C"].merge_reasons)
    assert "Armed clash ~ Attack" in text or "Attack ~ Armed clash" in text
    assert "year unknown" in text


def test_confidence_has_reasons(built: dict[str, Incident]) -> None:
    a = built["A"]
    assert 0.0 < a.confidence < 1.0
    assert any("independent source" in r for r in a.reasons)
    assert any("denied" in r for r in a.reasons)
