"""Publication dates given as metadata, to EDTF day precision."""

from __future__ import annotations

import re

ISO = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?")


def edtf_or_none(value: str | None) -> str | None:
    """``2020-10-22T13:08:00Z`` -> ``2020-10-22``; ``2020-10`` stays; anything else -> None."""
    if not value:
        return None
    m = ISO.match(value)
    if not m:
        return None
    year, month, day = m.groups()
    if not 1 <= int(month) <= 12 or (day and not 1 <= int(day) <= 31):
        return None
    return f"{year}-{month}-{day}" if day else f"{year}-{month}"
