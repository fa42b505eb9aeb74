"""evaluate/dates.py: floors on ../shared/eval/dev/acled-armenia, and the scoring rules themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogline.evaluate import dates as ev
from fogline.extract.dates import find_dates
from fogline.resources import Resources


@pytest.fixture(scope="module")
def figures(shared: Path, res: Resources) -> dict[str, float]:
    return {m.name: m.value for m in ev.run(shared, res)}


def test_date_exact_floor(figures: dict[str, float]) -> None:
    assert figures["date exact (first mention)"] >= 0.98  # measured 1.000 on 430 notes


def test_no_wrong_years(figures: dict[str, float]) -> None:
    assert figures["wrong year (first mention)"] == 0.0


def test_casualty_figure_floor(figures: dict[str, float]) -> None:
    value = figures.get("fatalities exact (notes with a cue)", figures.get("casualty count read (notes with a cue)"))
    assert value is not None and value >= 0.65  # coverage measured 0.706 (34 notes; no gold column)


@pytest.mark.parametrize(
    ("note", "gold", "ok"),
    [
        ("On 4 May, a crowd gathered.", "2019-05-04", True),
        ("On 4 May 2019, a crowd gathered.", "2019-05-04", True),
        ("On 4 May 2018, a crowd gathered.", "2019-05-04", False),
        ("On 5 May, a crowd gathered.", "2019-05-04", False),
        ("In May 2019, on an unspecified day, a crowd gathered.", "2019-05-15", True),
    ],
    ids=["unknown-year-counts", "explicit-year", "wrong-year", "wrong-day", "month-precision"],
)
def test_date_correct(note: str, gold: str, ok: bool) -> None:
    first = find_dates(note)[0]
    assert ev.date_correct(first, gold, note) is ok
