from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from fogline.model import EVENT_TYPES, Actor, Claim, Cut, Document, Event, Place, Segment, Signal, Span


def schema() -> dict:
    return json.loads(resources.files("fogline.contract").joinpath("document.schema.json").read_text())


def full_doc() -> Document:
    text = "Azerbaijani drones struck Parukh on 25 March, killing three soldiers."
    place = Place("Parukh", 40.019, 46.804, 1, "wof:1", "AZE", "Khojaly", None, "locality", Span(26, 32, "Parukh"),
                  0.9, ["exact name"])
    az = Actor("Military Forces of Azerbaijan", "AZE", "military")
    ev = Event("d-0", "Air/drone strike", "XXXX-03-25", "day", az,
               Actor("Artsakh Defence Army", "XNK", "military"), place, 3, None, "claimed",
               [Claim("Ministry of Defence of Armenia", "ARM", "asserts", Span(0, len(text), text))],
               [Span(0, len(text), text)])
    return Document("d", "a.txt", "RAW " + text, text=text, title="T", genre="report",
                    removed=[Cut("boilerplate", 0, 4, "RAW ", "test")], signals=[Signal("unconfirmed", "x", 0, 3)],
                    segments=[Segment(0, 4, len(text))], places=[place], events=[ev])


def test_full_document_validates_and_round_trips() -> None:
    record = full_doc().to_contract()
    jsonschema.Draft202012Validator(schema()).validate(record)
    assert Document.from_contract(record).to_contract() == record


def test_every_sub_event_type_is_in_the_contract() -> None:
    enum = set(schema()["$defs"]["event"]["properties"]["sub_event_type"]["enum"])
    types = set(schema()["$defs"]["event"]["properties"]["event_type"]["enum"])
    assert set(EVENT_TYPES) == enum
    assert set(EVENT_TYPES.values()) <= types


@pytest.mark.parametrize(("pos", "raw"), [(0, 4), (5, 9), (len("Azerbaijani"), 4 + len("Azerbaijani"))])
def test_raw_offset_maps_through_segments(pos: int, raw: int) -> None:
    assert full_doc().raw_offset(pos) == raw


def test_shipped_contract_matches_shared(shared) -> None:  # type: ignore[no-untyped-def]
    assert json.loads((shared / "contract" / "document.schema.json").read_text()) == schema()
