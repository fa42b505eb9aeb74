"""Events read from their stored JSON (``event_from_json``) are the events ``event_from_dict`` reads, whether the
typed decoder takes the record or hands it on; ``round3`` writes what ``round(x, 3)`` writes."""

from __future__ import annotations

import json
import math

import orjson
import pytest

from fogline.model import Actor, Claim, Event, Place, Span, event_from_dict, event_from_json, round3


def _event() -> Event:
    text = "Shells hit the market in Stepanakert on 4 October, the ministry said, killing two."
    place = Place("Stepanakert", 39.8177, 46.7528, 1, "geonames:174875", "AZE", "Khankendi", None, "locality",
                  Span(25, 36, "Stepanakert"), 1.25, ["exact name", "cue 'in'"])
    return Event("d-1", "Shelling/artillery/missile attack", "2020-10-04", "day",
                 Actor("Military Forces of Azerbaijan", "AZE", "military", Span(0, 6, "Shells")),
                 Actor("Civilians (Armenia)", "ARM", "civilians"), place, 2, None, "reported",
                 [Claim("Ministry of Defence of Armenia", "ARM", "asserts", Span(0, len(text), text), 2),
                  Claim("Ministry of Defence of Azerbaijan", "AZE", "denies")],
                 [Span(0, len(text), text)], False, ["date: the sentence's", "roles by parse"])


def _record(change: dict | None = None, drop: tuple[str, ...] = ()) -> str:
    d = _event().to_dict()
    for path in drop:
        *head, last = path.split(".")
        node = d
        for key in head:
            node = node[key]
        del node[last]
    return json.dumps(d | (change or {}), ensure_ascii=False)


def test_stored_record_reads_back() -> None:
    record = _record()
    assert event_from_json(record) == _event() == event_from_dict(json.loads(record))
    assert event_from_json(record.encode("utf-8")) == _event()


@pytest.mark.parametrize(("change", "drop"), [
    pytest.param({"notes": None}, (), id="null-notes"),
    pytest.param({"certainty": "whispered"}, (), id="certainty-outside-the-contract"),
    pytest.param({"fatalities": 2.0}, (), id="float-figure"),
    pytest.param({"background": 0}, (), id="background-as-number"),
    pytest.param({"claims": None}, (), id="null-claims"),
    pytest.param({}, ("location.score",), id="no-place-score"),
    pytest.param({}, ("actor1.country",), id="actor-without-country"),
    pytest.param({}, ("actor1.mention.text",), id="mention-without-text"),
    pytest.param({}, ("date", "date_precision", "notes"), id="optional-keys-missing"),
    pytest.param({"location": {"name": "Martuni", "lat": 39, "lon": 47, "score": None}}, (), id="bare-place"),
    pytest.param({"extra": {"a": [1, 2]}}, (), id="unknown-key"),
])
def test_odd_records_read_as_event_from_dict_reads_them(change: dict, drop: tuple[str, ...]) -> None:
    record = _record(change, drop)
    assert event_from_json(record) == event_from_dict(orjson.loads(record))


def test_unreadable_record_raises() -> None:
    with pytest.raises(orjson.JSONDecodeError):
        event_from_json('{"event_id": ')
    with pytest.raises(KeyError):
        event_from_json('{"sub_event_type": "Other"}')


@pytest.mark.parametrize("x", [
    pytest.param(0.12345, id="down"), pytest.param(0.0005, id="half-above-binary"),
    pytest.param(2.675, id="half-below"),
    pytest.param(0.0, id="zero"), pytest.param(-0.0, id="negative-zero"), pytest.param(2, id="int"),
    pytest.param(1e300, id="huge"), pytest.param(-1.23456, id="negative"), pytest.param(math.inf, id="inf"),
])
def test_round3_writes_what_round_writes(x: float) -> None:
    for _ in range(2):  # computed, then remembered
        assert repr(round3(x)) == repr(round(x, 3)) and type(round3(x)) is type(round(x, 3))
    if x == 0.0:  # the other zero afterwards is not the remembered one
        assert repr(round3(-x)) == repr(round(-x, 3))
