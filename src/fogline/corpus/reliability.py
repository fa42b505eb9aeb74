"""Outlet reliability as the corpus layer sees it, read from the outlet-ratings table when installed.

``signals.ratings`` (CRED-1 categories and scores, GMF state-controlled outlets, user overrides)
gives ``OutletRatings.lookup(outlet_or_url)``; this module maps its answer onto ``OutletInfo`` and
degrades to "unrated" when the table is missing, so the corpus layer works without it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fogline.config import Config


@dataclass(frozen=True, slots=True)
class OutletInfo:
    name: str
    score: float | None = None  # CRED-1 credibility score in [0, 1]
    category: str | None = None  # CRED-1 category: reliable, mixed, unreliable, satire, ...
    state_controlled: bool = False
    state_country: str | None = None


Lookup = Callable[[str], "OutletInfo | None"]


def no_ratings(_: str) -> OutletInfo | None:
    return None


def _adapt(rating: object, key: str) -> OutletInfo:
    score = getattr(rating, "credibility_score", None)
    return OutletInfo(
        name=str(getattr(rating, "name", None) or getattr(rating, "domain", None) or key),
        score=float(score) if score is not None else None,
        category=getattr(rating, "category", None),
        state_controlled=bool(getattr(rating, "state_controlled", False)),
        state_country=getattr(rating, "state_country", None),
    )


def load_lookup(config: Config) -> Lookup:
    """A cached outlet -> OutletInfo function from the installed ratings table, or one that knows nothing."""
    try:
        from fogline.signals.ratings import load_ratings  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return no_ratings
    ratings = load_ratings(config)
    cache: dict[str, OutletInfo | None] = {}

    def lookup(outlet: str) -> OutletInfo | None:
        if outlet not in cache:
            found = ratings.lookup(outlet)
            cache[outlet] = _adapt(found, outlet) if found is not None else None
        return cache[outlet]

    return lookup


def from_table(table: dict[str, OutletInfo]) -> Lookup:
    """A lookup over a small hand-made table (tests, evaluation)."""
    folded = {k.casefold(): v for k, v in table.items()}
    return lambda outlet: folded.get(outlet.casefold())
