"""Compile outlet ratings into ``fogline/data/ratings/outlets.csv``.

    python -m fogline.signals.ratings_build [--shared ../shared] [--out src/fogline/data/ratings]

Sources (under ``../shared/data``): CRED-1 domain credibility ratings (CC BY 4.0, Alexander Loth) and the
GMF state media matrix (MIT, ASD at GMF); Natural Earth country names (public domain) give ISO 3166-1
alpha-3 codes for GMF's country names. Writes one row per domain (or per name when GMF lists no URL).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

VERSION = 1
COLUMNS = ["domain", "name", "category", "credibility_score", "state_controlled", "state_country",
           "state_typology", "source"]
TYPOLOGY = {"SC": "state-controlled", "CaPu": "captured public", "CaPr": "captured private",
            "ISFM": "independent state-funded and state-managed", "ISFM?": "independent state-funded and state-managed",
            "ISF": "independent state-funded", "ISM": "independent state-managed", "IP": "independent public"}
COUNTRY_FIXES = {"bahrain": "BHR", "dr congo": "COD", "hong kong": "HKG", "liechtenstein": "LIE", "macao": "MAC",
                 "malta": "MLT", "north macedonia": "MKD", "palestine territories": "PSE", "singapore": "SGP",
                 "uae": "ARE", "vatican city": "VAT"}
_PREFIX = re.compile(r"^(?:print|online|television|tv|radio|news agency|print media)\s*:\s*", re.IGNORECASE)


def host_of(url: str) -> str | None:
    """The bare host of a URL or domain (lower case, no www./m.), or None."""
    url = url.strip().lower()
    if not url:
        return None
    if "://" not in url:
        url = "http://" + url
    host = urlsplit(url).hostname or ""
    host = re.sub(r"^(?:www\d?|m|amp)\.", "", host)
    return host or None


def country_codes(ne_path: Path) -> dict[str, str]:
    """Country name (lower case) -> ISO 3166-1 alpha-3, from Natural Earth plus a few fixes."""
    data = json.loads(ne_path.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for feat in data["features"]:
        p = feat["properties"]
        iso = p["ISO_A3"] if p.get("ISO_A3") not in (None, "-99") else p["ADM0_A3"]
        for key in ("NAME", "NAME_LONG", "ADMIN", "FORMAL_EN", "BRK_NAME", "GEOUNIT"):
            if p.get(key):
                out[str(p[key]).lower()] = iso
    out.update(COUNTRY_FIXES)
    return out


def read_cred1(path: Path) -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            dom = r["domain"].strip().lower()
            rows[dom] = {"domain": dom, "name": "", "category": r["category"],
                         "credibility_score": r["credibility_score"], "state_controlled": "false",
                         "state_country": "", "state_typology": "", "source": "CRED-1"}
    return rows


def merge_gmf(rows: dict[str, dict[str, str]], path: Path, codes: dict[str, str]) -> None:
    """Add GMF's state-affiliated outlets; a domain CRED-1 already rates keeps its rating and gains GMF's fields."""
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            typ = r["Typology"].strip()
            name = _PREFIX.sub("", r["Main assets"].strip()).strip() or r["Media company"].strip()
            dom = host_of(r["URL"]) or ""
            key = dom or "name:" + name.lower()
            if not name or not typ or key in rows and rows[key]["source"].endswith("GMF"):
                continue
            row = rows.setdefault(key, {"domain": dom, "name": "", "category": TYPOLOGY.get(typ, typ),
                                        "credibility_score": "", "source": "GMF"})
            if row["source"] == "CRED-1":
                row["source"] = "CRED-1+GMF"
            row.update(name=row["name"] or name, state_controlled=str(typ == "SC").lower(),
                       state_country=codes.get(r["Country"].strip().lower(), ""), state_typology=typ)


def build(shared: Path, out: Path) -> int:
    """Write ``outlets.csv`` (+ attribution and licences) into ``out``; returns the number of rows."""
    src = shared / "data" / "sources"
    rows = read_cred1(src / "cred1_current.csv")
    merge_gmf(rows, src / "gmf_state_media_matrix.csv", country_codes(shared / "data" / "naturalearth" /
                                                                      "ne_110m_admin_0_countries.geojson"))
    out.mkdir(parents=True, exist_ok=True)
    with (out / "outlets.csv").open("w", encoding="utf-8", newline="") as fh:
        fh.write(f"# version: {VERSION}; compiled by python -m fogline.signals.ratings_build; see ATTRIBUTION.md\n")
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        for key in sorted(rows):
            w.writerow(rows[key])
    shutil.copyfile(src / "cred1.LICENSE", out / "LICENSE-CRED-1")
    shutil.copyfile(src / "gmf.LICENSE", out / "LICENSE-GMF")
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = Path(__file__).resolve()
    ap.add_argument("--shared", type=Path, default=here.parents[3].parent / "shared")
    ap.add_argument("--out", type=Path, default=here.parents[1] / "data" / "ratings")
    args = ap.parse_args()
    n = build(args.shared, args.out)
    print(f"wrote {n} outlets to {args.out / 'outlets.csv'}")


if __name__ == "__main__":
    main()
