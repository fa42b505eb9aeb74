"""Events on ACLED Armenia notes: the main event's type, date, actor sides and place against the gold.

Each ``notes/EVENT_ID.txt`` is analysed as an article with no publication date; the main event is
the note's first event that is not background. Figures (targets from issue 4):

* ``sub_event_type accuracy`` (>= 0.85), ``event_type accuracy`` (information);
* ``date exact`` (>= 0.95): ``XXXX-MM-DD`` counts as right when the note prints no year; a year
  the note does not print counts as wrong;
* ``actor country pair`` (>= 0.90): the unordered pair of actor1/actor2 countries (None when absent),
  gold countries read from ACLED's actor names ("Military Forces of Azerbaijan (2003-)", "Protesters
  (Armenia)"; Sasna Tsrer and YEKM are Armenian);
* ``location within 5 km`` (>= 0.90);
* ``no event`` (information): notes that gave no event at all.
The gold slice has no fatalities column, so fatalities are not scored here (see evaluate/dates.py).
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from fogline.evaluate import Metric
from fogline.model import Event, RawArticle
from fogline.pipeline import analyse
from fogline.resources import Resources

DATASET = "acled-armenia"
COUNTRY_WORDS = {
    "Armenia": "ARM",
    "Azerbaijan": "AZE",
    "Russia": "RUS",
    "Turkey": "TUR",
    "Iran": "IRN",
    "Georgia": "GEO",
}
ARMENIAN_GROUPS = ("Sasna Tsrer", "YEKM")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(slots=True)
class Outcome:
    """One note's result, kept for error analysis (``fogline eval`` prints only the rates)."""

    note_id: str
    gold_type: str
    got_type: str | None
    type_ok: bool
    date_ok: bool
    actors_ok: bool
    near_ok: bool


def gold_country(name: str) -> str | None:
    if not name:
        return None
    if name.startswith(ARMENIAN_GROUPS):
        return "ARM"
    for word, code in COUNTRY_WORDS.items():
        if word in name:
            return code
    return None


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def date_ok(ev: Event, gold: str, note: str) -> bool:
    if ev.date is None:
        return False
    got = ev.date.rstrip("?~").split("/")[0]
    if got.startswith("XXXX"):
        return got[4:] == gold[4:] and not YEAR.search(note[:40])
    return got == gold and got[:4] in note


def main_event(events: list[Event]) -> Event | None:
    return next((e for e in events if not e.background), events[0] if events else None)


def judge(row: dict[str, str], ev: Event | None) -> Outcome:
    nid = row["event_id_cnty"]
    if ev is None:
        return Outcome(nid, row["sub_event_type"], None, False, False, False, False)
    pair = Counter([ev.actor1.country if ev.actor1 else None, ev.actor2.country if ev.actor2 else None])
    gold = Counter([gold_country(row["actor1"]), gold_country(row["actor2"])])
    loc = ev.location
    near = loc is not None and km(loc.lat, loc.lon, float(row["latitude"]), float(row["longitude"])) <= 5
    return Outcome(
        nid,
        row["sub_event_type"],
        ev.sub_event_type,
        ev.sub_event_type == row["sub_event_type"],
        date_ok(ev, row["event_date"], row["notes"]),
        pair == gold,
        near,
    )


def outcomes(shared: Path, res: Resources, limit: int | None = None) -> list[Outcome]:
    root = shared / "eval" / "dev" / DATASET
    with (root / "acled_armenia_2018_2019_dev.csv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if (root / "notes" / f"{r['event_id_cnty']}.txt").is_file()]
    out = []
    for r in rows[:limit] if limit else rows:
        text = (root / "notes" / f"{r['event_id_cnty']}.txt").read_text(encoding="utf-8")
        doc = analyse(RawArticle(r["event_id_cnty"], f"{DATASET}/{r['event_id_cnty']}.txt", text), res)
        out.append(judge(r, main_event(doc.events)))
    return out


def run(shared: Path, res: Resources, limit: int | None = None) -> list[Metric]:
    got = outcomes(shared, res, limit)
    n = len(got) or 1

    def rate(flag: str) -> float:
        return sum(getattr(o, flag) for o in got) / n

    none = sum(o.got_type is None for o in got) / n
    return [
        Metric(DATASET, "sub_event_type accuracy", rate("type_ok"), len(got), ">= 0.85"),
        Metric(DATASET, "event date exact", rate("date_ok"), len(got), ">= 0.95"),
        Metric(DATASET, "actor country pair", rate("actors_ok"), len(got), ">= 0.90"),
        Metric(DATASET, "event location within 5 km", rate("near_ok"), len(got), ">= 0.90"),
        Metric(DATASET, "notes with no event", none, len(got), note="info"),
    ]
