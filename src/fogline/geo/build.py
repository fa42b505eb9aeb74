"""Gazetteer compiler: Who's On First GeoJSON trees and GeoNames dumps -> a compact layer file.

``build(wof=[...], geonames=..., alternate_names=..., out=...)`` is what ``fogline gazetteer build`` runs.
``build_world``, ``build_admin1`` and ``build_districts`` make the shipped ``world`` layer, its admin-1
regions and ``districts.geojson``; the world's populated places are compiled in ``build_cities``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fogline.geo.gazetteer import Entry, country_points, read_csv_facts, write_layer
from fogline.geo.textnorm import data_file, is_latin, strip_generic_words, transliterate, variants

WOF_PLACETYPES = frozenset({"country", "macroregion", "region", "county", "localadmin", "locality",
                            "neighbourhood"})
LATIN_LANGS = frozenset({"eng", "aze", "und", "tur", "hye", "rus", "uzb", "fra", "deu", "azb"})
TRANSLIT_LANGS = frozenset({"rus", "ukr", "bel", "hye"})
MAX_NAMES = 30


@dataclass(slots=True)
class Names:
    """An entry's names in order of trust, each with a language tag and the rule that made it."""

    items: list[tuple[str, str, str]] = field(default_factory=list)  # (name, lang, rule)

    def add(self, name: str, lang: str, rule: str = "") -> None:
        name = " ".join(name.split())
        if not name or len(self.items) >= MAX_NAMES or any(n == name for n, _, _ in self.items):
            return
        self.items.append((name, lang, rule))
        stripped = strip_generic_words(name)
        if stripped and stripped != name:
            self.add(stripped, lang, "+".join(r for r in (rule, "strip-generic") if r))

    def add_any(self, name: str, lang: str) -> None:
        """Add a name in any script: Latin as is, Cyrillic/Armenian transliterated, others skipped."""
        if is_latin(name):
            self.add(name, lang)
        elif lang in TRANSLIT_LANGS:
            t = transliterate(name)
            if t and is_latin(t):
                self.add(t, "rus", "translit-armenian" if lang == "hye" else "translit-cyrillic")


def iso3_map() -> dict[str, str]:
    """ISO alpha-2 -> alpha-3 (from the shipped ``countries.json``, made from Natural Earth)."""
    return dict(data_file("countries.json")["iso2_to_iso3"])


# ---------------------------------------------------------------------- Who's On First


def _wof_files(root: Path) -> Iterator[Path]:
    base = root / "data" if (root / "data").is_dir() else root
    for p in sorted(base.rglob("*.geojson")):
        if "-alt" not in p.name:
            yield p


def _wof_skip(p: dict[str, Any]) -> bool:
    if p.get("wof:placetype") not in WOF_PLACETYPES or p.get("mz:is_current") == 0:
        return True
    if p.get("wof:superseded_by") or p.get("edtf:deprecated") not in (None, "", "uuuu"):
        return True
    return "geom:latitude" not in p


def _wof_names(p: dict[str, Any]) -> Names:
    names = Names()
    for lang in ("eng", "aze"):
        for n in p.get(f"name:{lang}_x_preferred", []):
            names.add_any(n, lang)
    names.add_any(str(p.get("wof:name") or ""), "und")
    for k in sorted(p):
        if k.startswith("name:") and k[5:8] in LATIN_LANGS | TRANSLIT_LANGS:
            for n in p[k]:
                names.add_any(n, k[5:8])
    for k in ("gn:name", "gn:asciiname"):
        if p.get(k):
            names.add_any(str(p[k]), "und")
    return names


def _display_name(p: dict[str, Any]) -> str:
    eng = [n for n in p.get("name:eng_x_preferred", []) if is_latin(n)]
    return strip_generic_words(eng[0]) if eng else str(p.get("wof:name"))


def read_wof(root: Path, iso3: dict[str, str]) -> Iterator[tuple[Entry, Names]]:
    """Entries (admin names still unset) from a Who's On First repository checkout."""
    for path in _wof_files(root):
        try:
            p = json.loads(path.read_text(encoding="utf-8"))["properties"]
        except (OSError, ValueError, KeyError) as exc:
            raise ValueError(f"{path}: not a Who's On First GeoJSON record: {exc}") from exc
        if _wof_skip(p):
            continue
        hier = (p.get("wof:hierarchy") or [{}])[0]
        parents = tuple(f"wof:{hier[k]}" for k in ("macroregion_id", "region_id", "county_id", "localadmin_id")
                        if hier.get(k, -1) > 0 and hier[k] != p["wof:id"])
        conc = p.get("wof:concordances") or {}
        pop = p.get("wof:population") or p.get("gn:population") or 0
        entry = Entry(
            gid=f"wof:{p['wof:id']}", name=_display_name(p),
            lat=float(p.get("lbl:latitude", p["geom:latitude"])),
            lon=float(p.get("lbl:longitude", p["geom:longitude"])),
            placetype=p["wof:placetype"], country=iso3.get(str(p.get("wof:country") or "")),
            population=int(pop), parents=parents, geonames=conc.get("gn:id"), wikidata=conc.get("wd:id"),
            current=int(p.get("mz:is_current", -1)))
        yield entry, _wof_names(p)


# ---------------------------------------------------------------------- GeoNames

GN_TYPES = {"PCLI": "country", "ADM1": "region", "ADM2": "county", "ADM3": "localadmin", "PPLX": "neighbourhood"}
GN_SKIP_LANGS = frozenset({"link", "post", "iata", "icao", "faac", "fr_1793", "abbr", "wkdt", "unlc"})


def _gn_placetype(fclass: str, fcode: str) -> str | None:
    if fcode in GN_TYPES:
        return GN_TYPES[fcode]
    return "locality" if fclass == "P" else None


def read_alternate_names(path: Path | None) -> tuple[dict[int, list[tuple[str, str]]], dict[int, str]]:
    """GeoNames ``alternateNames`` rows -> names by geonameid (lang, name) and Wikidata ids."""
    names: dict[int, list[tuple[str, str]]] = {}
    wikidata: dict[int, str] = {}
    if path is None:
        return names, wikidata
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or not cols[1].isdigit():
                continue
            gid, lang, name = int(cols[1]), cols[2], cols[3]
            if lang == "wkdt":
                wikidata[gid] = name
            elif lang not in GN_SKIP_LANGS and not (len(cols) > 7 and cols[7] == "1"):
                names.setdefault(gid, []).append((lang, name))
    return names, wikidata


def _gn_lang(iso: str) -> str:
    return {"en": "eng", "az": "aze", "ru": "rus", "hy": "hye", "uk": "ukr", "tr": "tur"}.get(iso, "und")


def read_geonames(path: Path, iso3: dict[str, str], alternate: Path | None = None) -> Iterator[tuple[Entry, Names]]:
    """Entries from a GeoNames dump (``XX.txt`` / ``allCountries.txt`` rows), with alternate names."""
    alt, wikidata = read_alternate_names(alternate)
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15:
                raise ValueError(f"{path}:{n}: a GeoNames row has 19 tab-separated columns, found {len(cols)}")
            rows.append(cols)
    admin = {(c[8], c[7], c[10], c[11] if c[7] == "ADM2" else ""): c for c in rows if c[7] in ("ADM1", "ADM2")}
    for c in rows:
        ptype = _gn_placetype(c[6], c[7])
        if ptype is None:
            continue
        a1 = admin.get((c[8], "ADM1", c[10], ""))
        a2 = admin.get((c[8], "ADM2", c[10], c[11]))
        names = Names()
        names.add(c[1], "und")
        names.add(c[2], "und")
        for lang, n in alt.get(int(c[0]), []):
            names.add_any(n, _gn_lang(lang))
        for n in c[3].split(","):
            names.add_any(n, "und")
        parents = tuple(f"geonames:{x[0]}" for x in (a1, a2) if x is not None and x[0] != c[0])
        yield Entry(gid=f"geonames:{c[0]}", name=c[1], lat=float(c[4]), lon=float(c[5]), placetype=ptype,
                    country=iso3.get(c[8]), admin1=a1[1] if a1 else None, admin2=a2[1] if a2 else None,
                    population=int(c[14] or 0), parents=parents, geonames=int(c[0]),
                    wikidata=wikidata.get(int(c[0])), current=1), names


# ---------------------------------------------------------------------- compile


def _fill_admin(entries: list[Entry]) -> None:
    by_gid = {e.gid: e for e in entries}
    for e in entries:
        if e.admin1 or e.admin2:
            continue
        par = [by_gid[g] for g in e.parents if g in by_gid]
        reg = [p for p in par if p.placetype == "region"]
        low = [p for p in par if p.placetype in ("county", "localadmin")]
        e.admin1 = e.name if e.placetype == "region" else (reg[0].name if reg else None)
        if e.placetype == "county":
            e.admin2 = e.name
        elif low:
            e.admin2 = low[0].name


def compile_keys(named: list[tuple[Entry, Names]]) -> dict[str, list[list[Any]]]:
    """Skeleton key -> [[entry index, name index, rules]] for every name and rule-made variant."""
    keys: dict[str, dict[int, list[Any]]] = {}
    for idx, (_, names) in enumerate(named):
        for ni, (name, lang, rule) in enumerate(names.items):
            for k, fired in variants(name, lang).items():
                rules = "+".join(r for r in (rule, *fired) if r)
                cur = keys.setdefault(k, {}).get(idx)
                if cur is None or len(rules) < len(cur[2]):
                    keys[k][idx] = [idx, ni, rules]
    return {k: list(v.values()) for k, v in keys.items()}


def compile_layer(named: list[tuple[Entry, Names]], layer: str, out: Path, sources: list[str]) -> int:
    """Write ``named`` as a layer file; returns the number of entries."""
    entries = [e for e, _ in named]
    _fill_admin(entries)
    for e, names in named:
        e.names = tuple(n for n, _, _ in names.items)
    write_layer(out, layer, entries, compile_keys(named), sources)
    return len(entries)


def build(wof: Iterable[Path] = (), geonames: Path | None = None, alternate_names: Path | None = None,
          out: Path = Path("gazetteer.json.gz"), layer: str | None = None) -> int:
    """Compile Who's On First trees and/or a GeoNames dump into one layer file; returns its size."""
    iso3 = iso3_map()
    named: list[tuple[Entry, Names]] = []
    sources: list[str] = []
    for root in wof:
        named.extend(read_wof(Path(root), iso3))
        sources.append(f"whosonfirst:{Path(root).name}")
    if geonames is not None:
        seen = {e.geonames for e, _ in named if e.geonames}
        named.extend((e, n) for e, n in read_geonames(Path(geonames), iso3, alternate_names) if e.geonames not in seen)
        sources.append(f"geonames:{Path(geonames).name}")
    if not named:
        raise ValueError("nothing to compile: give --wof DIR and/or --geonames FILE with places in them")
    return compile_layer(named, layer or out.name.split(".")[0], out, sources)


# ---------------------------------------------------------------------- world layer and districts

SKIP_CITY_COUNTRIES = frozenset({"AZE", "ARM"})  # the Who's On First layer holds them in more detail


def _ne_iso3(p: dict[str, Any]) -> str:
    for k in ("ISO_A3", "ISO_A3_EH", "ADM0_A3"):
        v = str(p.get(k) or "")
        if len(v) == 3 and v != "-99":
            return v
    return str(p.get("ADM0_A3"))


def _centroid(geometry: dict[str, Any]) -> tuple[float, float]:
    """The centroid of the largest part of a country outline (area-true: longitudes shrunk by the
    cosine of the latitude), or a point inside that part when the centroid falls outside it."""
    import math

    import numpy as np
    from shapely import transform
    from shapely.geometry import Point, shape

    geom = shape(geometry)
    part = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
    lon0 = part.centroid.x
    flat = transform(part, lambda xy: np.column_stack(((xy[:, 0] - lon0) * np.cos(np.radians(xy[:, 1])), xy[:, 1])))
    c = flat.centroid
    lat, lon = c.y, c.x / math.cos(math.radians(c.y)) + lon0
    if not part.contains(Point(lon, lat)):
        pt = part.representative_point()
        lat, lon = pt.y, pt.x
    return round(lat, 4), round(lon, 4)


def _pycountry_names(iso3: str) -> list[str]:
    """The ISO 3166 names of a country (``pycountry``): name, common and official name."""
    import pycountry

    c = pycountry.countries.get(alpha_3=iso3)
    return [] if c is None else [str(getattr(c, k)) for k in ("name", "common_name", "official_name") if hasattr(c, k)]


def neighbours(feats: list[dict[str, Any]]) -> dict[str, list[str]]:
    """ISO3 -> the countries whose outlines touch its own (Natural Earth polygons, 1 km slack)."""
    from shapely.geometry import shape
    from shapely.prepared import prep

    shapes = [(_ne_iso3(f["properties"]), shape(f["geometry"])) for f in feats]
    out: dict[str, set[str]] = {}
    for i, (a, ga) in enumerate(shapes):
        pa = prep(ga.buffer(0.01))
        for b, gb in shapes[i + 1:]:
            if a != b and pa.intersects(gb):
                out.setdefault(a, set()).add(b)
                out.setdefault(b, set()).add(a)
    return {k: sorted(v) for k, v in sorted(out.items())}


def build_world(naturalearth: Path, out: Path, countries_out: Path | None = None) -> int:
    """Countries from Natural Earth plus the capitals and regions written in ``capitals.csv``/``regions.csv``."""
    feats = json.loads(naturalearth.read_text(encoding="utf-8"))["features"]
    named: list[tuple[Entry, Names]] = []
    iso2: dict[str, str] = {}
    points = {iso: (lat, lon) for iso, (_, lat, lon) in country_points().items()}
    for f in feats:
        p = f["properties"]
        code = _ne_iso3(p)
        for k in ("ISO_A2", "ISO_A2_EH"):
            if len(str(p.get(k) or "")) == 2 and p[k] != "-99":
                iso2[p[k]] = code
        names = Names()
        for k in ("NAME", "NAME_EN", "ADMIN", "NAME_LONG", "FORMAL_EN", "SOVEREIGNT"):
            if p.get(k) and (k != "SOVEREIGNT" or p[k] == p.get("ADMIN")):
                names.add_any(str(p[k]), "eng")
        for n in _pycountry_names(code):
            names.add_any(n, "eng")
        lat, lon = points.get(code) or _centroid(f["geometry"])
        named.append((Entry(f"ne:{code}", str(p["NAME"]), lat, lon, "country",
                            code, population=int(p.get("POP_EST") or 0), current=1), names))
    for kind, fname in (("locality", "capitals.csv"), ("region", "regions.csv"), ("neighbourhood", "landmarks.csv")):
        for r in read_csv_facts(fname):
            names = Names()
            for n in [r["name"], *filter(None, r["variants"].split("|"))]:
                names.add_any(n, "eng")
            gid = f"fogline:{kind}:{r['iso3']}:{r['name'].replace(' ', '_')}"
            named.append((Entry(gid, r["name"], float(r["lat"]), float(r["lon"]), kind, r["iso3"],
                                population=int(r["population"] or 0), current=1), names))
    if countries_out is not None:
        countries_out.write_text(json.dumps({"version": 1, "source": f"Natural Earth {naturalearth.stem}",
                                             "iso2_to_iso3": dict(sorted(iso2.items())),
                                             "neighbours": neighbours(feats)}, indent=1) + "\n")
    return compile_layer(named, "world", out, [f"naturalearth:{naturalearth.stem}", "pycountry", "fogline:capitals.csv",
                                                   "fogline:regions.csv", "fogline:landmarks.csv"])


def build_districts(wof: Iterable[Path], out: Path, tolerance: float = 0.01) -> int:
    """Simplified district polygons (Who's On First ``region`` records: AZ rayons, AM marzer) as GeoJSON."""
    from shapely.geometry import mapping, shape

    iso3 = iso3_map()
    feats = []
    for root in wof:
        for path in _wof_files(Path(root)):
            d = json.loads(path.read_text(encoding="utf-8"))
            p = d["properties"]
            if p.get("wof:placetype") != "region" or _wof_skip(p) or d["geometry"]["type"] == "Point":
                continue
            geom = shape(d["geometry"]).simplify(tolerance, preserve_topology=True)
            gj = json.loads(json.dumps(mapping(geom)), parse_float=lambda s: round(float(s), 4))
            feats.append({"type": "Feature", "geometry": gj, "properties": {
                "gazetteer_id": f"wof:{p['wof:id']}", "name": _display_name(p),
                "country": iso3.get(str(p.get("wof:country"))), "placetype": "region"}})
    feats.sort(key=lambda f: f["properties"]["gazetteer_id"])
    out.write_text(json.dumps({"type": "FeatureCollection", "version": 1,
                               "attribution": "Data from Who's On First (see ATTRIBUTION.md)",
                               "features": feats}, ensure_ascii=False, separators=(",", ":")) + "\n")
    return len(feats)


def build_admin1(naturalearth: Path, out: Path) -> int:
    """Admin-1 regions of the world (Natural Earth label points) as a layer (``admin1.json.gz``)."""
    iso3 = iso3_map()
    named: list[tuple[Entry, Names]] = []
    seen: set[str] = set()
    feats = json.loads((naturalearth / "ne_10m_admin_1_label_points.geojson").read_text(encoding="utf-8"))
    # several label points per region (one per part): the main part's has the lowest ``adm0_sr``
    for f in sorted(feats["features"], key=lambda f: (str(f["properties"]["adm1_code"]),
                                                       int(f["properties"].get("adm0_sr") or 9))):
        p = f["properties"]
        country = iso3.get(str(p.get("iso_a2"))) or str(p.get("sr_adm0_a3"))
        if country in SKIP_CITY_COUNTRIES or not p.get("name") or p["adm1_code"] in seen:
            continue
        seen.add(p["adm1_code"])
        lon, lat = f["geometry"]["coordinates"][:2]
        names = Names()
        names.add_any(str(p["name"]), "eng")
        named.append((Entry(f"ne1:{p['adm1_code']}", str(p["name"]), float(lat), float(lon), "region", country,
                            admin1=str(p["name"]), current=1), names))
    return compile_layer(named, "admin1", out, ["naturalearth:ne_10m_admin_1_label_points"])
