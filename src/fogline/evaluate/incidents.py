"""Incident building on ACLED Armenia: one incident per ACLED event, and distinct events kept apart.

Events are built from the gold columns (no text analysis), so this measures the merge rules alone:

* ``rows as reports``: every ACLED row is one report by its own outlet. ``incidents per event``
  should be 1.00 (target 1.00-1.05): below 1 means distinct ACLED events were merged.
* ``perturbed reports``: every event is told by 2-4 reports (one per listed source, at least two),
  each after the first changed the way outlets differ: actors swapped, a compatible type, the year
  missing (``XXXX-MM-DD``), the district instead of the village, a transliterated name with no
  gazetteer id a few hundred metres off. ``incidents per event`` above 1 means reports of one event
  were left apart; ``events split`` is the share of events whose reports land in several incidents.
* ``wrongly merged``: among pairs of ACLED events that differ in date or location but are close
  (dates within 3 days, places within 50 km: the pairs blocking actually compares), the share put
  in one incident (target <= 0.02).
"""

from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from datetime import date
from pathlib import Path

from fogline.corpus.incidents import build_incidents
from fogline.corpus.items import DocInfo, Item, haversine_km, make_item
from fogline.corpus.rules import MergeRules, default_rules
from fogline.evaluate import Metric
from fogline.model import Actor, Event, Incident, Place, Span
from fogline.resources import Resources

DATASET = "acled-armenia incidents"
CSV = "eval/dev/acled-armenia/acled_armenia_2018_2019_dev.csv"
COUNTRIES = {"Armenia": "ARM", "Azerbaijan": "AZE", "Russia": "RUS", "Turkey": "TUR", "Iran": "IRN", "Georgia": "GEO"}
PRECISION = {"1": "day", "2": "week", "3": "month"}
Row = dict[str, str]


def _actor(name: str) -> Actor | None:
    if not name:
        return None
    country = next((code for word, code in COUNTRIES.items() if word in name), None)
    return Actor(name, country, "other")


def gold_event(row: Row, suffix: str = "") -> Event:
    prec = int(row["geo_precision"] or 1)
    place = Place(name=row["location"], lat=float(row["latitude"]), lon=float(row["longitude"]),
                  precision=prec if prec in (1, 2, 3) else 3, gazetteer_id=f"acled:{row['location']}",  # type: ignore[arg-type]
                  country=row["iso3"], admin1=row["admin1"], admin2=row["admin2"],
                  placetype="county" if prec == 3 else "locality")
    return Event(event_id=row["event_id_cnty"] + suffix, sub_event_type=row["sub_event_type"],
                 date=row["event_date"], date_precision=PRECISION.get(row["time_precision"], "day"),  # type: ignore[arg-type]
                 actor1=_actor(row["actor1"]), actor2=_actor(row["actor2"]), location=place,
                 evidence=[Span(0, len(row["notes"]), row["notes"])])


def _other_type(sub: str, rules: MergeRules) -> str:
    for name in sorted(rules.type_groups):
        members = sorted(rules.type_groups[name] - {sub})
        if sub in rules.type_groups[name] and members:
            return members[0]
    return sub


def perturb(ev: Event, how: int, rules: MergeRules) -> Event:
    """The same event as another outlet might tell it (``how`` picks the difference)."""
    loc = ev.location
    assert loc is not None
    if how == 0:
        ev.actor1, ev.actor2 = ev.actor2 or ev.actor1, ev.actor1 if ev.actor2 else None
    elif how == 1:
        ev.sub_event_type = _other_type(ev.sub_event_type, rules)
    elif how == 2 and ev.date:
        ev.date = "XXXX" + ev.date[4:]
    elif how == 3:
        ev.location = Place(loc.admin2 or loc.name, loc.lat, loc.lon, 3, None, loc.country, loc.admin1, loc.admin2,
                            "county")
    else:
        ev.location = Place(loc.name.replace("y", "i").replace("kh", "x") + "", loc.lat + 0.003, loc.lon - 0.003,
                            loc.precision, None, loc.country, loc.admin1, loc.admin2, loc.placetype)
    return ev


def _items(rows: list[Row], perturbed: bool, rules: MergeRules) -> tuple[list[Item], dict[str, DocInfo]]:
    items, docs = [], {}
    for row in rows:
        n = min(4, max(2, len([s for s in row["source"].split(";") if s.strip()]))) if perturbed else 1
        for k in range(n):
            doc = DocInfo(f"{row['event_id_cnty']}#{k}", outlet=f"outlet{k}.example", genre="report")
            ev = gold_event(row, f"#{k}")
            if k:
                digest = hashlib.sha1(f"{row['event_id_cnty']}/{k}".encode()).digest()
                ev = perturb(ev, digest[0] % 5, rules)
            docs[doc.doc_id] = doc
            items.append(make_item(doc, ev, rules))
    return items, docs


def _near_distinct_pairs(rows: list[Row]) -> list[tuple[str, str]]:
    """Pairs of ACLED events differing in date or place, with dates within 3 days and places within 50 km."""
    by_day: dict[int, list[Row]] = defaultdict(list)
    for r in rows:
        by_day[date.fromisoformat(r["event_date"]).toordinal()].append(r)
    out = []
    for day, rs in sorted(by_day.items()):
        for a in rs:
            for d in range(day, day + 4):
                for b in by_day.get(d, []):
                    if (d == day and b["event_id_cnty"] <= a["event_id_cnty"]) or a is b:
                        continue
                    pa, pb = gold_event(a).location, gold_event(b).location
                    assert pa is not None and pb is not None
                    if (a["event_date"], a["location"]) != (b["event_date"], b["location"]) and \
                            haversine_km(pa, pb) <= 50:
                        out.append((a["event_id_cnty"], b["event_id_cnty"]))
    return out


def _incident_of(incidents: list[Incident]) -> dict[str, set[str]]:
    """ACLED event id -> the incidents its reports are in."""
    out: dict[str, set[str]] = defaultdict(set)
    for inc in incidents:
        for r in inc.reports:
            out[r.doc_id.split("#")[0]].add(inc.incident_id)
    return out


def _measure(rows: list[Row], perturbed: bool, rules: MergeRules, label: str) -> list[Metric]:
    items, docs = _items(rows, perturbed, rules)
    incidents = build_incidents(items, docs, rules)
    where = _incident_of(incidents)
    pairs = _near_distinct_pairs(rows)
    wrong = sum(1 for a, b in pairs if where[a] & where[b])
    split = sum(1 for r in rows if len(where[r["event_id_cnty"]]) > 1)
    n = len(rows)
    out = [
        Metric(DATASET, f"incidents per event ({label})", len(incidents) / n if n else 0.0, n,
               "1.00-1.05", unit="x", note=f"{len(incidents)} incidents from {len(items)} reports"),
        Metric(DATASET, f"wrongly merged near pairs ({label})", wrong / len(pairs) if pairs else 0.0,
               len(pairs), "<= 0.02", note=f"{wrong} pairs"),
    ]
    if perturbed:
        out.append(Metric(DATASET, "events split (perturbed reports)", split / n if n else 0.0, n, "small"))
    return out


def run(shared: Path, res: Resources | None = None, limit: int | None = None) -> list[Metric]:
    """Both measures over the ACLED Armenia slice (the first ``limit`` rows when given)."""
    with (shared / CSV).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows = rows[:limit] if limit else rows
    rules = default_rules()
    return _measure(rows, False, rules, "rows as reports") + _measure(rows, True, rules, "perturbed reports")
