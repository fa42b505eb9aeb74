"""ACLED-compatible rows: one per incident, ACLED's column names and codes, then fogline's extras.

Conventions (ACLED codebook): ``event_date`` as ``YYYY-MM-DD``; ``time_precision`` 1 for a day, 2 for
a week or an uncertain day or a span of days, 3 for a month (dated to its 15th); ``inter`` codes
1 state forces, 2 rebels, 3 political militias, 5 rioters, 6 protesters, 7 civilians, 8 external or
other forces; ``interaction`` the two codes lowest first; ``fatalities`` 0 when nothing was reported.
A date whose year the text never gave (EDTF ``XXXX-12-11``) leaves ``event_date`` and ``year`` empty
and keeps the EDTF in ``date_edtf``: fogline never writes a guessed year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from fogline.export.basemap import country_name, country_numeric
from fogline.export.ledger import Ledger
from fogline.export.tables import claimants_of
from fogline.model import Actor, Incident

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "iso", "country",
    "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities",
]
EXTRAS = ["confidence", "contested", "fatalities_low", "fatalities_high", "claimants", "incident_id", "date_edtf"]

INTER: dict[str, int] = {
    "military": 1, "government": 1, "police": 1, "rebels": 2, "militia": 3, "protesters": 6,
    "civilians": 7, "media": 7, "peacekeepers": 8, "other": 8,
}
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})([?~%]?)$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})([?~%]?)$")
_YEAR = re.compile(r"^(\d{4})")


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


def inter_code(actor: Actor | None) -> int | str:
    return INTER.get(actor.kind, 8) if actor else ""


def interaction(a: int | str, b: int | str) -> str:
    codes = sorted(c for c in (a, b) if isinstance(c, int))
    if not codes:
        return ""
    return f"{codes[0]}{codes[1]}" if len(codes) == 2 else f"{codes[0]}0"


def notes(inc: Incident, outlets: list[str]) -> str:
    """A terse ACLED-style note built from the incident's fields (no article text copied)."""
    who = " and ".join(a.name for a in (inc.actor1, inc.actor2) if a) or "Unidentified actors"
    where = f" in {inc.location.name}" if inc.location else ""
    when = f"On {inc.date}, " if inc.date else ""
    parts = [f"{when}{inc.sub_event_type.lower()} involving {who}{where}."]
    for c in inc.claims:
        figures = [f"{n} {w}" for n, w in ((c.claim.fatalities, "killed"), (c.claim.injured, "wounded")) if n]
        extra = f" ({', '.join(figures)})" if figures else ""
        parts.append(f"{c.claim.claimant} {c.claim.stance}{extra}.")
    if inc.fatalities_low is not None and inc.fatalities_high not in (None, inc.fatalities_low):
        parts.append(f"Fatalities reported {inc.fatalities_low}-{inc.fatalities_high}.")
    parts.append(f"{len(inc.reports)} report(s) from {len(outlets) or 'unnamed'} outlet(s).")
    return " ".join(parts)


def source_scale(inc: Incident) -> str:
    if inc.reports and all(r.is_repost for r in inc.reports):
        return "New media"
    return "Other"


def acled_row(inc: Incident, ledger: Ledger) -> dict[str, Any]:
    event_date, year, precision = acled_date(inc.date, inc.date_end)
    loc = inc.location
    i1, i2 = inter_code(inc.actor1), inter_code(inc.actor2)
    outlets = ledger.outlets_of(inc)
    row: dict[str, Any] = {
        "event_id_cnty": inc.incident_id, "event_date": event_date, "year": year, "time_precision": precision,
        "disorder_type": disorder_type(inc), "event_type": inc.event_type, "sub_event_type": inc.sub_event_type,
        "actor1": inc.actor1.name if inc.actor1 else "", "assoc_actor_1": "", "inter1": i1,
        "actor2": inc.actor2.name if inc.actor2 else "", "assoc_actor_2": "", "inter2": i2,
        "interaction": interaction(i1, i2),
        "iso": (country_numeric(loc.country) or "") if loc else "",
        "country": (country_name(loc.country) or loc.country or "") if loc else "",
        "admin1": (loc.admin1 or "") if loc else "", "admin2": (loc.admin2 or "") if loc else "",
        "location": loc.name if loc else "", "latitude": f"{loc.lat:.4f}" if loc else "",
        "longitude": f"{loc.lon:.4f}" if loc else "", "geo_precision": loc.precision if loc else "",
        "source": "; ".join(outlets), "source_scale": source_scale(inc), "notes": notes(inc, outlets),
        "fatalities": inc.fatalities_best if inc.fatalities_best is not None else 0,
    }
    row.update({
        "confidence": f"{inc.confidence:.3f}", "contested": str(inc.contested).lower(),
        "fatalities_low": _blank(inc.fatalities_low), "fatalities_high": _blank(inc.fatalities_high),
        "claimants": "; ".join(claimants_of(inc.claims)), "incident_id": inc.incident_id,
        "date_edtf": inc.date or "",
    })
    return row


def acled_rows(ledger: Ledger) -> Iterator[dict[str, Any]]:
    for inc in ledger.incidents:
        yield acled_row(inc, ledger)


def _blank(v: int | None) -> int | str:
    return "" if v is None else v
