"""Outlet ratings: CRED-1 credibility and GMF state-media status, looked up by URL, domain or outlet name.

``load_ratings(config)`` reads the compiled ``fogline/data/ratings/outlets.csv`` (see ATTRIBUTION.md there)
and then ``config.outlet_ratings``, a user CSV with the same columns (at least ``domain`` or ``name``) whose
rows add outlets or override shipped ones.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from importlib import resources as ir
from pathlib import Path

from fogline.config import Config
from fogline.signals.ratings_build import host_of

_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_CC_SLD = re.compile(r"^(?:co|com|org|net|gov|ac|news)\.[a-z]{2}$")


@dataclass(slots=True, frozen=True)
class OutletRating:
    """One outlet's rating. ``credibility_score`` is CRED-1's (0 = least credible), None when unrated."""

    domain: str | None
    name: str | None
    category: str
    credibility_score: float | None
    state_controlled: bool
    state_country: str | None
    source: str
    state_typology: str | None = None

    def describe(self) -> str:
        """A one-line summary for a signal's detail."""
        who = self.name or self.domain or "?"
        parts = [f"{who}: {self.category}"]
        if self.credibility_score is not None:
            parts.append(f"credibility {self.credibility_score:.2f}")
        if self.state_controlled:
            parts.append(f"state-controlled ({self.state_country or '?'})")
        return ", ".join(parts) + f" [{self.source}]"


def name_key(name: str) -> str:
    """Compare outlet names by letters and digits only, without a leading 'the'."""
    key = _NON_ALNUM.sub("", name.casefold())
    return key[3:] if key.startswith("the") and len(key) > 6 else key


def domain_stem(domain: str) -> str | None:
    """The name part of a registrable domain (southfront.org -> southfront); None for subdomains."""
    labels = domain.split(".")
    if len(labels) == 2 or (len(labels) == 3 and _CC_SLD.match(".".join(labels[1:]))):
        return name_key(labels[0])
    return None


class OutletRatings:
    """Ratings indexed by host, by outlet name, and by domain stem (so 'The Onion' finds theonion.com)."""

    def __init__(self, ratings: Iterable[OutletRating]) -> None:
        self.by_domain: dict[str, OutletRating] = {}
        self.by_name: dict[str, OutletRating] = {}
        for r in ratings:
            self.add(r)

    def add(self, r: OutletRating) -> None:
        if r.domain:
            self.by_domain[r.domain] = r
            stem = domain_stem(r.domain)
            if stem and (stem not in self.by_name or self.by_name[stem].domain and
                         len(r.domain) < len(self.by_name[stem].domain or "")):
                self.by_name[stem] = r
        if r.name:
            self.by_name[name_key(r.name)] = r

    def __len__(self) -> int:
        return len(self.by_domain) + sum(1 for r in self.by_name.values() if not r.domain)

    def __iter__(self) -> Iterator[OutletRating]:
        return iter(self.by_domain.values())

    def lookup(self, outlet: str | None) -> OutletRating | None:
        """The rating for a URL, a domain (parent domains too) or an outlet name; None when unknown."""
        if not outlet or not outlet.strip():
            return None
        outlet = outlet.strip()
        if "://" in outlet or ("." in outlet and " " not in outlet):
            host = host_of(outlet)
            path = outlet.lower().split("://", 1)[-1].split("/", 2)
            if host and len(path) > 2 and (hit := self.by_domain.get(f"{host}/{path[1]}")):
                return hit  # a section rated on its own, e.g. newyorker.com/humor
            while host and "." in host:
                if host in self.by_domain:
                    return self.by_domain[host]
                host = host.split(".", 1)[1]
            return None
        return self.by_name.get(name_key(outlet))


def _as_bool(v: str | None) -> bool:
    return (v or "").strip().lower() in {"1", "true", "yes", "y", "sc"}


def read_csv(path: Path, default_source: str) -> Iterator[OutletRating]:
    """Rows of an outlets CSV (lines starting with '#' are comments); bad rows raise naming the file and line."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (ln for ln in fh if not ln.startswith("#"))
        for n, row in enumerate(csv.DictReader(lines), start=2):
            domain = host_of(row.get("domain") or "") if row.get("domain") else None
            if domain and "/" in (row.get("domain") or "").split("://")[-1]:
                domain = (row["domain"] or "").strip().lower().split("://")[-1].removeprefix("www.").rstrip("/")
            name = (row.get("name") or "").strip() or None
            if not domain and not name:
                raise ValueError(f"{path}:{n}: an outlet row needs a domain or a name")
            score = (row.get("credibility_score") or "").strip()
            try:
                value = float(score) if score else None
            except ValueError as exc:
                raise ValueError(f"{path}:{n}: credibility_score {score!r} is not a number") from exc
            yield OutletRating(domain, name, (row.get("category") or "unrated").strip(), value,
                               _as_bool(row.get("state_controlled")), (row.get("state_country") or "").strip() or None,
                               (row.get("source") or "").strip() or default_source,
                               (row.get("state_typology") or "").strip() or None)


def shipped_path() -> Path:
    return Path(str(ir.files("fogline") / "data" / "ratings" / "outlets.csv"))


def load_ratings(config: Config | None = None) -> OutletRatings:
    """The shipped ratings, with ``config.outlet_ratings`` rows added on top (they win)."""
    ratings = OutletRatings(read_csv(shipped_path(), "CRED-1"))
    if config is not None and config.outlet_ratings is not None:
        path = Path(config.outlet_ratings)
        if not path.is_file():
            raise ValueError(f"{path}: outlet_ratings file not found")
        for r in read_csv(path, "user"):
            old = ratings.lookup(r.domain) if r.domain else ratings.lookup(r.name)
            ratings.add(r if old is None or r.domain != old.domain else replace(r, name=r.name or old.name))
    return ratings
