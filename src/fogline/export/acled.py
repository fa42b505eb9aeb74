"""ACLED-compatible rows: one per incident ACLED would code, ACLED's columns in ACLED's order, then fogline's.

Conventions (ACLED codebook), kept simple:

* ``event_id_cnty`` is the ISO 3166-1 alpha-3 code plus a number counting that country's rows in this
  export (``ARM1``, ``ARM2``...); fogline's own ``incident_id`` follows in the extras.
* ``event_date`` ``YYYY-MM-DD``; ``time_precision`` 1 a day, 2 a week, an uncertain day or a span of days,
  3 a month (dated to its 15th).
* ``inter`` codes 1 state forces, 2 rebels, 3 political militias, 4 identity militias, 5 rioters,
  6 protesters, 7 civilians, 8 external or other forces; ``inter2`` 0 when there is no second actor;
  ``interaction`` the two codes lowest first (``10`` for one actor alone).
* state forces carry ACLED's period suffix (``Military Forces of Armenia (2018-)``) where
  ``data/export/acled.json`` lists one for the country and year; an ISO3 code in a name becomes the country.
* an incident without actor1 gets ACLED's generic one (``Protesters (Belarus)``, ``Unidentified Armed Group
  (Armenia)``); ``source`` the outlets, else the sites of the reports' URLs, else ``Unnamed outlet``.
* ``region`` ACLED's region; ``iso`` the numeric country code; ``fatalities`` 0 when none was reported;
  ``timestamp`` the Unix time of the latest report's publication.
* place names in NFC with the right letters (Azerbaijani ``ə`` U+0259, never ``ǝ`` U+01DD); admin names
  without transliteration apostrophes (``Gegharkunik``).

Only incidents ACLED would code are written: dated (a known year and at least a month), placed (a point in
a country) and current (not satire only). ``acled_rows`` counts the others in ``skipped`` by reason.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from fogline.export.basemap import country_name, country_numeric
from fogline.export.ledger import Ledger
from fogline.export.tables import claimants_of
from fogline.model import Actor, Incident

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
EXTRAS = ["confidence", "contested", "fatalities_low", "fatalities_high", "claimants", "incident_id", "date_edtf"]

INTER: dict[str, int] = {
    "military": 1, "government": 1, "police": 1, "rebels": 2, "militia": 3, "rioters": 5, "protesters": 6,
    "civilians": 7, "media": 7, "peacekeepers": 8, "other": 8,
}
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})([?~%]?)$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})([?~%]?)$")
_YEAR = re.compile(r"^(\d{4})")
_ISO3_IN_NAME = re.compile(r"\bof ([A-Z]{3})\b")
_LETTERS = str.maketrans({"\u01dd": "\u0259", "\u018e": "\u018f"})
_ADMIN_APOSTROPHES = re.compile(r"(?<=\w)['’ʼʻ]")
_TARGETING = {"Violence against civilians", "Explosions/Remote violence"}


@cache
def conventions() -> dict[str, Any]:
    """``data/export/acled.json``: ACLED regions and the period suffixes of state forces."""
    node = resources.files("fogline").joinpath("data", "export", "acled.json")
    data: dict[str, Any] = json.loads(node.read_text(encoding="utf-8"))
    data["region_of"] = {iso: region for region, codes in data["regions"].items() for iso in codes}
    return data


def proper_name(name: str | None) -> str:
    """A place name in NFC with the right letters (Azerbaijani schwa U+0259, not turned e U+01DD)."""
    return unicodedata.normalize("NFC", name or "").translate(_LETTERS)


def admin_name(name: str | None) -> str:
    """An admin name as ACLED writes it: ``Geghark'unik'`` -> ``Gegharkunik``."""
    return _ADMIN_APOSTROPHES.sub("", proper_name(name))


def disorder_type(inc: Incident) -> str:
    if inc.event_type == "Protests" or inc.sub_event_type == "Violent demonstration":
        return "Demonstrations"
    if inc.event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def acled_date(date: str | None, date_end: str | None = None) -> tuple[str, str, int]:
    """(event_date, year, time_precision) for an EDTF date; empty strings where the text gave nothing."""
    if not date:
        return "", "", 3
    if "/" in date:
        date, date_end = date.split("/", 1)
    m = _DAY.match(date)
    if m:
        spans_days = bool(date_end) and date_end != date
        precision = 2 if (m.group(4) or spans_days) else 1
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", m.group(1), precision
    m = _MONTH.match(date)
    if m:
        return f"{m.group(1)}-{m.group(2)}-15", m.group(1), 3
    m = _YEAR.match(date)
    return "", (m.group(1) if m else ""), 3


def inter_code(actor: Actor | None) -> int:
    return INTER.get(actor.kind, 8) if actor else 0


def interaction(a: int | str, b: int | str) -> str:
    codes = sorted(c for c in (a, b) if isinstance(c, int) and c)
    if not codes:
        return ""
    return f"{codes[0]}{codes[1]}" if len(codes) == 2 else f"{codes[0]}0"


def actor_name(actor: Actor | None, year: str) -> str:
    """ACLED's name: a country code spelt out, and state forces with their period where one is listed."""
    if actor is None:
        return ""
    name = _ISO3_IN_NAME.sub(lambda m: f"of {country_name(m.group(1)) or m.group(1)}", actor.name)
    conv = conventions()
    if actor.kind not in conv["state_kinds"] or not year or "(" in name:
        return name
    periods = [suffix for start, suffix in conv["periods"].get(actor.country or "", []) if start <= int(year)]
    return f"{name} ({periods[-1]})" if periods else name


_UNIDENTIFIED = {"Protests": ("Protesters", "protesters"), "Riots": ("Rioters", "rioters")}


def with_actor1(inc: Incident) -> Incident:
    """ACLED always names actor1: an incident without one gets ACLED's generic actor for its event type
    in its country (``Protesters (Belarus)``, ``Unidentified Armed Group (Armenia)``)."""
    if inc.actor1 is not None or inc.location is None:
        return inc
    iso3 = inc.location.country
    label, kind = _UNIDENTIFIED.get(inc.event_type, ("Unidentified Armed Group", "militia"))
    generic = Actor(f"{label} ({country_name(iso3) or iso3})", iso3, kind)  # type: ignore[arg-type]
    return replace(inc, actor1=generic)


def sources(inc: Incident, ledger: Ledger) -> list[str]:
    """The outlets of the incident's reports; the sites of their URLs where no outlet is named."""
    named = ledger.outlets_of(inc)
    if named:
        return named
    return sorted({urlsplit(r.url).hostname or "" for r in inc.reports if r.url} - {""}) or ["Unnamed outlet"]


def notes(inc: Incident, ledger_outlets: list[str]) -> str:
    """A terse ACLED-style note built from the incident's fields (no article text copied)."""
    who = " and ".join(a.name for a in (inc.actor1, inc.actor2) if a) or "Unidentified actors"
    where = f" in {proper_name(inc.location.name)}" if inc.location else ""
    when = f"On {inc.date}, " if inc.date else ""
    parts = [f"{when}{inc.sub_event_type.lower()} involving {who}{where}."]
    for c in inc.claims:
        figures = [f"{n} {w}" for n, w in ((c.claim.fatalities, "killed"), (c.claim.injured, "wounded")) if n]
        extra = f" ({', '.join(figures)})" if figures else ""
        parts.append(f"{c.claim.claimant} {c.claim.stance}{extra}.")
    if inc.fatalities_low is not None and inc.fatalities_high not in (None, inc.fatalities_low):
        parts.append(f"Fatalities reported {inc.fatalities_low}-{inc.fatalities_high}.")
    parts.append(f"{len(inc.reports)} report(s) from {len(ledger_outlets) or 'unnamed'} outlet(s).")
    return " ".join(parts)


def source_scale(inc: Incident) -> str:
    if inc.reports and all(r.is_repost for r in inc.reports):
        return "New media"
    return "Other"


def timestamp(inc: Incident) -> int:
    """Unix time of the latest report's publication (ACLED's last-update time); now when none is dated."""
    stamps = []
    for r in inc.reports:
        try:
            when = datetime.fromisoformat(r.published or "")
        except ValueError:
            continue
        stamps.append(int((when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()))
    return max(stamps) if stamps else int(datetime.now(UTC).timestamp())


def why_not_coded(inc: Incident) -> str | None:
    """Why ACLED would not code this incident (undated, unplaced, satire), or None when it would."""
    if inc.satire_only:
        return "satire only"
    if not acled_date(inc.date, inc.date_end)[0]:
        return "no known date"
    if inc.location is None or not inc.location.country:
        return "no place in a country"
    return None


def acled_row(inc: Incident, ledger: Ledger, number: int = 0) -> dict[str, Any]:
    event_date, year, precision = acled_date(inc.date, inc.date_end)
    loc = inc.location
    iso3 = (loc.country if loc else None) or ""
    inc = with_actor1(inc)
    i1, i2 = inter_code(inc.actor1), inter_code(inc.actor2)
    outlets = sources(inc, ledger)
    row: dict[str, Any] = {
        "event_id_cnty": f"{iso3}{number}", "event_date": event_date, "year": year, "time_precision": precision,
        "disorder_type": disorder_type(inc), "event_type": inc.event_type, "sub_event_type": inc.sub_event_type,
        "actor1": actor_name(inc.actor1, year), "assoc_actor_1": "", "inter1": i1,
        "actor2": actor_name(inc.actor2, year), "assoc_actor_2": "", "inter2": i2,
        "interaction": interaction(i1, i2),
        "civilian_targeting": "Civilian targeting" if i2 == 7 and inc.event_type in _TARGETING else "",
        "iso": country_numeric(iso3) or "", "region": conventions()["region_of"].get(iso3, ""),
        "country": country_name(iso3) or iso3,
        "admin1": admin_name(loc.admin1 if loc else None), "admin2": admin_name(loc.admin2 if loc else None),
        "admin3": "", "location": proper_name(loc.name if loc else None),
        "latitude": f"{loc.lat:.4f}" if loc else "", "longitude": f"{loc.lon:.4f}" if loc else "",
        "geo_precision": loc.precision if loc else "", "source": "; ".join(outlets),
        "source_scale": source_scale(inc), "notes": notes(inc, ledger.outlets_of(inc)),
        "fatalities": inc.fatalities_best if inc.fatalities_best is not None else 0,
        "tags": "crowd size=no report" if inc.event_type in ("Protests", "Riots") else "",
        "timestamp": timestamp(inc),
    }
    row.update({
        "confidence": f"{inc.confidence:.3f}", "contested": str(inc.contested).lower(),
        "fatalities_low": _blank(inc.fatalities_low), "fatalities_high": _blank(inc.fatalities_high),
        "claimants": "; ".join(claimants_of(inc.claims)), "incident_id": inc.incident_id,
        "date_edtf": inc.date or "",
    })
    return row


def acled_rows(ledger: Ledger, skipped: Counter[str] | None = None) -> Iterator[dict[str, Any]]:
    """Rows for the incidents ACLED would code; the others are counted by reason in ``skipped``."""
    numbers: Counter[str] = Counter()
    for inc in ledger.incidents:
        reason = why_not_coded(inc)
        if reason:
            if skipped is not None:
                skipped[reason] += 1
            continue
        iso3 = inc.location.country if inc.location and inc.location.country else ""
        numbers[iso3] += 1
        yield acled_row(inc, ledger, numbers[iso3])


def _blank(v: int | None) -> int | str:
    return "" if v is None else v
