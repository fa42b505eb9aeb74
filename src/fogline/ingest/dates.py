"""Publication dates given as metadata, to EDTF day precision.

ISO first (``2020-10-22T13:08:00Z``, ``2020-10``); then epoch seconds (``1601164800``); then python-dateutil
for the rest (``27 September 2020``, ``Sep 27, 2020``, RFC 2822, ``27/09/2020``: day first when ambiguous,
the European and ISO habit of most outlets). A value none of them reads gives None and a warning.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime

ISO = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?")
EPOCH = re.compile(r"^\s*(\d{9,10})(?:\.\d+)?\s*$")
log = logging.getLogger("fogline.ingest")


def edtf_or_none(value: str | None, source: str = "") -> str | None:
    """``2020-10-22T13:08:00Z`` -> ``2020-10-22``; ``2020-10`` stays; other common forms parsed; else None."""
    if not value or not value.strip():
        return None
    m = ISO.match(value)
    if m:
        year, month, day = m.groups()
        if not 1 <= int(month) <= 12 or (day and not 1 <= int(day) <= 31):
            return _unreadable(value, source)
        return f"{year}-{month}-{day}" if day else f"{year}-{month}"
    m = EPOCH.match(value)
    if m:
        return datetime.fromtimestamp(int(m.group(1)), UTC).date().isoformat()
    return _parsed(value, source)


def _parsed(value: str, source: str) -> str | None:
    from dateutil import parser

    try:
        when = parser.parse(value, dayfirst=True, fuzzy=False)
    except (ValueError, OverflowError):
        return _unreadable(value, source)
    return when.date().isoformat()


def _unreadable(value: str, source: str) -> None:
    log.warning("%s: publication date %r not understood; left empty", source or "input", value[:60])
    return None
