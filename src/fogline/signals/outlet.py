"""Which outlet published the article: metadata, signature lines in the page, or the URL's domain."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fogline.signals.ratings import OutletRatings
from fogline.signals.ratings_build import host_of
from fogline.textmatch.anchored import Anchors, Folded, find_anchors, finditer

_TRAILING = re.compile(r"[\s,.:;|-]+$|\s+(?:All Rights Reserved|Inc|Ltd|LLC)\b.*$", re.IGNORECASE)


@dataclass(slots=True, frozen=True)
class OutletLine:
    """A pattern whose named group ``outlet`` captures an outlet's name from one line."""

    id: str
    pattern: re.Pattern[str]
    needs: tuple[str, ...] = ()
    anchors: Anchors | None = field(default=None, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "anchors", find_anchors(self.pattern))


@dataclass(slots=True, frozen=True)
class OutletFound:
    name: str
    rule: str
    start: int | None = None
    end: int | None = None


def _clean(name: str) -> str | None:
    name = _TRAILING.sub("", name.strip()).strip()
    return name if len(name) >= 2 and any(c.isalpha() for c in name) else None


def from_lines(raw: str, rules: list[OutletLine], folded: Folded | None = None) -> OutletFound | None:
    """The first signature line naming an outlet, searched line by line over the raw text."""
    folded = folded or Folded(raw)
    for rule in rules:
        if rule.needs and not folded.holds_any(rule.needs):
            continue
        for m in finditer(rule.pattern, rule.anchors, raw, folded.aligned):
            name = _clean(m.group("outlet"))
            if name:
                return OutletFound(name, rule.id, m.start("outlet"), m.start("outlet") + len(name))
    return None


def from_url(url: str | None, ratings: OutletRatings) -> OutletFound | None:
    """The outlet of a URL: the rated outlet's name when known, else the bare domain."""
    host = host_of(url) if url else None
    if not host:
        return None
    rating = ratings.lookup(url)
    return OutletFound(rating.name if rating and rating.name else host, "url")


def find(raw: str, url: str | None, meta_outlet: str | None, rules: list[OutletLine],
         ratings: OutletRatings, folded: Folded | None = None) -> OutletFound | None:
    """Metadata first, then a signature line in the page, then the URL."""
    if meta_outlet and meta_outlet.strip():
        return OutletFound(meta_outlet.strip(), "metadata")
    return from_lines(raw, rules, folded) or from_url(url, ratings)
