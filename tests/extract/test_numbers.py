"""extract/numbers.py: number words, digits, ranges, bounds and vague amounts."""

from __future__ import annotations

import pytest

from fogline.extract.numbers import find_quantities, load_data, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3", 3), ("1,200", 1200), ("12,500", 12500), ("three", 3), ("Three", 3), ("eleven", 11),
        ("twenty-one", 21), ("twenty one", 21), ("a dozen", 12), ("two dozen", 24), ("two hundred", 200),
        ("two hundred and fifty", 250), ("one thousand two hundred", 1200), ("1.5 million", 1500000),
        ("3 thousand", 3000), ("dozens", 12), ("tens", 10), ("hundreds", 100), ("both", 2),
        ("soldiers", None), ("", None), ("MiG", None),
    ],
    ids=lambda v: str(v),
)
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shelling wounded more than 100 people overnight.", [("more than 100", 100, 101, None, "more than")]),
        ("At least 7 fighters died.", [("At least 7", 7, 7, None, "at least")]),
        ("Up to 40 houses burned.", [("Up to 40", 40, None, 40, "up to")]),
        ("Nearly 200 families fled.", [("Nearly 200", 200, None, 200, "nearly")]),
        ("Some 30 villagers gathered.", [("Some 30", 30, 30, 30, "about")]),
        ("between 10 and 15 soldiers", [("between 10 and 15", 10, 10, 15, None)]),
        ("10-15 conscripts", [("10-15", 10, 10, 15, None)]),
        ("two or three servicemen", [("two or three", 2, 2, 3, None)]),
        ("dozens of protesters", [("dozens", 12, 12, 99, None)]),
        ("tens of thousands of marchers", [("tens of thousands", 10000, 10000, 99999, None)]),
        ("several hundred residents", [("several hundred", 200, 200, 999, None)]),
        ("a few people", [("a few", 3, 2, 5, None)]),
        ("killing four and wounding 9", [("four", 4, 4, 4, None), ("9", 9, 9, 9, None)]),
    ],
    ids=["more-than", "at-least", "up-to", "nearly", "some-about", "between", "hyphen-range", "or-range",
         "dozens", "tens-of-thousands", "several-hundred", "a-few", "two-counts"],
)
def test_find_quantities(text: str, expected: list[tuple[str, int, int | None, int | None, str | None]]) -> None:
    got = [(q.text, q.value, q.low, q.high, q.bound) for q in find_quantities(text)]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        "A MiG-29 and two Su-25 jets flew over; T-72 tanks and GNT-2 gabions stood by.",
        "The strike came at 20:40 on 24 March 2022.",
        "On 11.12.2020 and on 2020-12-11 nothing happened.",
        "The 1992-1994 war ended with a truce.",
        "Turnout was 30% and the 25th brigade stayed home.",
        "Exercises called Kavkaz 2020 were held.",
    ],
    ids=["model-names", "time-and-date", "numeric-dates", "year-range", "percent-and-ordinal", "exercise-name"],
)
def test_not_quantities(text: str) -> None:
    values = [q.value for q in find_quantities(text)]
    assert values in ([], [2]), values  # only "two" Su-25 jets may count


def test_vague_is_flagged_and_approx() -> None:
    q = find_quantities("several soldiers")[0]
    assert q.vague and q.approx and q.value == 3


def test_offsets_index_the_text() -> None:
    text = "Reports said that 1,200 people left."
    q = find_quantities(text)[0]
    assert text[q.start:q.end] == "1,200"


def test_window_limits_the_search() -> None:
    text = "three here. five there."
    assert [q.value for q in find_quantities(text, 12)] == [5]


def test_data_file_is_versioned() -> None:
    assert "version" in load_data("numbers.json")
