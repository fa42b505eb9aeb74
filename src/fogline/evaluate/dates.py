"""Dates and casualty counts on ../shared/eval/dev/acled-armenia (each note read alone, no publication date).

* ``date exact (first mention)``: the note's first date mention against the gold ``event_date``. A date
  printed without its year must give ``XXXX-MM-DD`` (counted correct, also when another year appears
  elsewhere in the note: "arrested in June 2018" is background); a year the note does not print is wrong
  even when it happens to be right. Month-precision gold (``time_precision`` 3) matches a ``YYYY-MM`` answer.
* ``wrong year``: share of notes whose first mention carries a year other than the gold year, or a year
  the note does not print.
* ``fatalities (notes with a cue)``: summed non-aggregate fatalities (``casualties.totals``) against the
  CSV's ``fatalities`` column, over notes with a casualty cue. The development slice ships without that
  column; the figure is then the share of such notes where a count was read (coverage), and says so.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from fogline.evaluate import Metric
from fogline.extract.casualties import find_casualties, totals
from fogline.extract.dates import DateMention, find_dates
from fogline.resources import Resources

DATASET = "acled-armenia"
CUE = re.compile(r"\b(?:kill\w*|dead|died|death\w*|wound\w*|injur\w*|hurt|hospitali[sz]\w*|fatalit\w*|casualt\w*|"
                 r"lives)\b", re.I)


def date_correct(mention: DateMention | None, gold: str, note: str, time_precision: str = "1") -> bool:
    """Whether a predicted mention matches the gold ISO date under the rules in the module doc."""
    if mention is None:
        return False
    edtf = mention.edtf.rstrip("?~").split("/")[0]
    if edtf.startswith("XXXX"):
        return edtf[4:] == gold[4:]  # the year left unknown: right (a year printed elsewhere may be background)
    if edtf[:4] not in note:
        return False
    if mention.precision == "month" or time_precision == "3":
        return edtf[:7] == gold[:7]
    return edtf == gold


def wrong_year(mention: DateMention | None, gold: str, note: str) -> bool:
    if mention is None or mention.edtf.startswith("XXXX"):
        return False
    year = mention.edtf[:4]
    return year != gold[:4] or year not in note


def load_rows(shared: Path, limit: int | None = None) -> list[dict[str, str]]:
    path = shared / "eval" / "dev" / DATASET / "acled_armenia_2018_2019_dev.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return rows[:limit] if limit else rows


def _fatalities(rows: list[dict[str, str]]) -> Metric:
    with_cue = [r for r in rows if CUE.search(r["notes"])]
    has_gold = bool(rows) and "fatalities" in rows[0]
    hits = 0
    for r in with_cue:
        got = totals(find_casualties(r["notes"]))["fatalities"]
        if has_gold:
            hits += int((got or 0) == int(r["fatalities"] or 0))
        else:
            t = totals(find_casualties(r["notes"]))
            hits += int(got is not None or t["injured"] is not None)
    n = len(with_cue)
    if has_gold:
        return Metric(DATASET, "fatalities exact (notes with a cue)", hits / n if n else 0.0, n)
    return Metric(DATASET, "casualty count read (notes with a cue)", hits / n if n else 0.0, n,
                  note="no fatalities column in this slice: coverage, not accuracy")


def run(shared: Path, res: Resources, limit: int | None = None) -> list[Metric]:
    """Date and casualty figures on the ACLED Armenia notes (pure regex: takes about a second)."""
    rows = load_rows(shared, limit)
    exact = wrong = 0
    for r in rows:
        ms = find_dates(r["notes"])
        first = ms[0] if ms else None
        exact += date_correct(first, r["event_date"], r["notes"], r.get("time_precision", "1"))
        wrong += wrong_year(first, r["event_date"], r["notes"])
    n = len(rows)
    return [
        Metric(DATASET, "date exact (first mention)", exact / n if n else 0.0, n, target=">= 0.95"),
        Metric(DATASET, "wrong year (first mention)", wrong / n if n else 0.0, n, target="0"),
        _fatalities(rows),
    ]
