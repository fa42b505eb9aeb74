"""Place resolution on ACLED Armenia notes and the seed place checks.

Each ``notes/EVENT_ID.txt`` is analysed as an article (no publication date). The figures:

* ``main location within 5 km``: ``geo.main_location(doc)`` (the event's place when events exist, else
  the note's first cued locality) lies within 5 km of ACLED's coordinates. Target >= 0.90.
* ``main location > 25 km (wrong)``: it lies more than 25 km away. Target <= 0.03. We count the main
  location only: a note may name other real places far from the event (a protest in Yerevan by
  people from Gyumri), and those are right to report.
* ``any place > 25 km`` is printed for information: notes with any resolved place that far away.
* ``unresolved``: notes with no main location at all.

On the newsstream sample (random news, most of it about no conflict at all, none of it hand-coded
for places) two counts that must stay at 0:

* ``places from no proper name``: resolved places whose mention is not written as a name (not
  capitalised, a dictionary word, an acronym no name of the place is written as);
* ``AZ/AM places off topic``: places in Azerbaijan or Armenia resolved in an article that names
  neither country, their peoples, nor Karabakh.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from fogline import clean, geo
from fogline.evaluate import Metric
from fogline.geo import main_location
from fogline.geo.recognise import is_common_word
from fogline.geo.resolve import km
from fogline.model import Document, RawArticle
from fogline.pipeline import STAGES
from fogline.resources import Resources

DATASET = "acled-armenia"


def analyse_places(raw: RawArticle, res: Resources, with_events: bool = True) -> Document:
    """The pipeline through ``geo`` (and ``extract`` when asked; a failing later stage leaves places as they are)."""
    doc = Document.from_raw(raw)
    for name, stage in STAGES:
        if name == "extract" and not with_events:
            break
        try:
            stage(doc, res)
        except Exception:  # noqa: BLE001 - a later stage's bug must not hide the places measured here
            if name in ("clean", "geo"):
                raise
    return doc


def acled_rows(shared: Path, limit: int | None = None) -> list[dict[str, str]]:
    """The ACLED rows whose note file exists, in file order (at most ``limit``)."""
    root = shared / "eval" / "dev" / DATASET
    with (root / "acled_armenia_2018_2019_dev.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if (root / "notes" / f"{r['event_id_cnty']}.txt").is_file()]
    return rows[:limit] if limit else rows


def distances(shared: Path, res: Resources, limit: int | None = None,
              with_events: bool = True) -> list[tuple[float | None, float]]:
    """Per note: (main location's distance to ACLED's point or None, the farthest resolved place's)."""
    root = shared / "eval" / "dev" / DATASET / "notes"
    out: list[tuple[float | None, float]] = []
    for r in acled_rows(shared, limit):
        text = (root / f"{r['event_id_cnty']}.txt").read_text(encoding="utf-8")
        doc = analyse_places(RawArticle(r["event_id_cnty"], f"{DATASET}/{r['event_id_cnty']}.txt", text), res,
                             with_events)
        lat, lon = float(r["latitude"]), float(r["longitude"])
        main = main_location(doc, res.geo.gazetteer)
        d_main = None if main is None else km(lat, lon, main.lat, main.lon)
        far = max((km(lat, lon, p.lat, p.lon) for p in doc.places if p.placetype != "country"), default=0.0)
        out.append((d_main, far))
    return out


def run(shared: Path, res: Resources, limit: int | None = None, with_events: bool = True) -> list[Metric]:
    ds = distances(shared, res, limit, with_events)
    n = len(ds)
    within = sum(1 for d, _ in ds if d is not None and d <= 5) / max(1, n)
    wrong = sum(1 for d, _ in ds if d is not None and d > 25) / max(1, n)
    unresolved = sum(1 for d, _ in ds if d is None) / max(1, n)
    any_far = sum(1 for _, f in ds if f > 25) / max(1, n)
    return [
        Metric(DATASET, "main location within 5 km", within, n, ">= 0.90",
               note="" if with_events else "places only (no events)"),
        Metric(DATASET, "main location > 25 km (wrong)", wrong, n, "<= 0.03"),
        Metric(DATASET, "no main location", unresolved, n, note="left unresolved"),
        Metric(DATASET, "any place > 25 km", any_far, n, note="info: other places the note names"),
        *seed_metrics(shared, res),
        *stream_metrics(shared, res, limit),
    ]


STREAM = "newsstream"
CAUCASUS_TOPIC = re.compile(r"\b(?:Azerbaija\w*|Azeri\w*|Armenia\w*|Karabakh\w*|Artsakh)\b", re.IGNORECASE)


_PLACE_PREPOSITION = re.compile(r"\b(?:in|near|at|from|outside|into|to|towards|of|around|across|throughout|beyond|via)"
                                r"\s+$", re.IGNORECASE)


def no_proper_name(text: str, start: int, end: int, names: tuple[str, ...]) -> bool:
    """The mention is not written as a name: lower-case start, capitals unlike the place, or a dictionary
    word that no place preposition introduces ("Well", "Sheriff"; "in Reading" is a name)."""
    surface = text[start:end]
    if not surface[:1].isupper():
        return True
    if is_common_word(surface) and not _PLACE_PREPOSITION.search(text[max(0, start - 12):start]):
        return True
    return re.search(r"\b[A-Z]{2,}\b", surface) is not None and surface not in names


def stream_counts(shared: Path, res: Resources, limit: int | None = None) -> tuple[int, int, int, list[str]]:
    """(articles, places from no proper name, AZ/AM places off topic, examples) on the newsstream articles."""
    from fogline.ingest import read_paths

    root = shared / "eval" / "dev" / STREAM / "articles"
    n = bad_name = off_topic = 0
    examples: list[str] = []
    raws = [r for r in read_paths([str(root)], res.config) if isinstance(r, RawArticle)]
    for raw in raws[:limit] if limit else raws:
        doc = Document.from_raw(raw)
        clean.run(doc, res)
        geo.run(doc, res)
        n += 1
        on_topic = CAUCASUS_TOPIC.search(doc.text) is not None
        for p in doc.places:
            if p.mention is None:
                continue
            surface = p.mention.text
            entry = res.geo.gazetteer.get(p.gazetteer_id or "")
            if no_proper_name(doc.text, p.mention.start, p.mention.end, entry.names if entry else (p.name,)):
                bad_name += 1
                examples.append(f"{Path(raw.source).name}: '{surface}' -> {p.name} ({p.country})")
            if p.country in ("AZE", "ARM") and not on_topic:
                off_topic += 1
                examples.append(f"{Path(raw.source).name}: '{surface}' -> {p.name} ({p.country}), off topic")
    return n, bad_name, off_topic, examples


def stream_metrics(shared: Path, res: Resources, limit: int | None = None) -> list[Metric]:
    if not (shared / "eval" / "dev" / STREAM / "articles").is_dir():
        return []
    n, bad_name, off_topic, examples = stream_counts(shared, res, limit)
    note = "; ".join(examples[:3])
    return [Metric(STREAM, "places from no proper name", bad_name, n, "0", unit="places", note=note),
            Metric(STREAM, "AZ/AM places off topic", off_topic, n, "0", unit="places")]


SEED_PLACES = {
    "place-karakhanbeyli-fuzuli": ("002_9c16415b29900a75.txt", 39.603, 47.271, True),
    "place-boyuk-marcanli": ("002_9c16415b29900a75.txt", 39.361, 47.247, True),
    "no-nakhchivan-karakhanbeyli": ("002_9c16415b29900a75.txt", 39.189, 45.391, False),
    "place-hadrut": ("003_b58bae6b6a4eb133.txt", 39.520, 47.032, True),
    "place-farukh": ("004_25a4a03b214109cb.txt", 40.019, 46.804, True),
    "place-stepanakert": ("001_614201f1eb4ba228.txt", 39.8153, 46.7519, True),
}


def seed_checks(shared: Path, res: Resources) -> dict[str, bool]:
    """The seed place checks (as ``check_seeds.py`` states them, plus Stepanakert), run on ``places``."""
    from fogline.ingest import read_paths

    docs = {}
    for raw in read_paths([str(shared / "seeds")], res.config):
        if isinstance(raw, RawArticle):
            docs[Path(raw.source).name] = analyse_places(raw, res, with_events=False)
    out = {}
    for cid, (seed, lat, lon, want) in SEED_PLACES.items():
        doc = docs.get(seed)
        hit = doc is not None and any(km(lat, lon, p.lat, p.lon) <= 5 for p in doc.places)
        out[cid] = hit == want and doc is not None
    return out


def seed_metrics(shared: Path, res: Resources) -> list[Metric]:
    checks = seed_checks(shared, res)
    failed = [k for k, ok in checks.items() if not ok]
    return [Metric("seeds", "place checks passing", sum(checks.values()) / len(checks), len(checks), "1.000",
                   ("failing: " + ", ".join(failed)) if failed else "")]
