"""The query parameters every incident view takes: the filters, a place, and background incidents."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, HTTPException, Query

from fogline.export.ledger import Filters


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def filters_dep(
    since: Annotated[date | None, Query(description="first day (YYYY-MM-DD)")] = None,
    until: Annotated[date | None, Query(description="last day (YYYY-MM-DD)")] = None,
    region: Annotated[str | None, Query(description="country or district (name or outline)")] = None,
    type: Annotated[list[str] | None, Query(description="event type or sub-event type")] = None,  # noqa: A002
    actor: Annotated[str | None, Query(description="part of an actor's or a claimant's name")] = None,
    outlet: Annotated[str | None, Query(description="part of an outlet's name")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    contested: bool | None = None,
) -> Filters:
    if since and until and since > until:
        raise HTTPException(400, f"since ({since}) is after until ({until})")
    return Filters(_day(since), _day(until), region or None, tuple(t for t in type or () if t),
                   actor or None, outlet or None, min_confidence, contested)


class Selection:
    """The filters plus the workspace's own: a place by name or region, and background incidents."""

    def __init__(self, filters: Annotated[Filters, Depends(filters_dep)],
                 place: Annotated[str | None, Query(description="place name, district or country")] = None,
                 background: Annotated[bool, Query(description="include background mentions")] = False) -> None:
        self.filters, self.place, self.background = filters, place or None, background


SelectionDep = Annotated[Selection, Depends()]
