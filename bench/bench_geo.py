"""Place resolution's share of the per-article time, on synthetic articles generated here or real ones.

    .venv/bin/python bench/bench_geo.py [N_ARTICLES]
    .venv/bin/python bench/bench_geo.py --real ../shared/eval/dev/newsstream/articles [--no-freeze]

With ``--real DIR``: each article of DIR once, through every stage, with per-stage CPU time
(``time.process_time``) after one warm-up article (the gazetteer and its world layer loaded, the
per-process caches of names and runs still cold, as in a fresh ``fogline analyze``); prints the CPU
ms per article of each stage and geo's share of the article's CPU (target < 0.20). The loaded objects
are then frozen out of the garbage collector, as ``fogline analyze -j N`` does before its workers fork
(``batch.Workers``); ``--no-freeze`` leaves them in, as ``-j 1`` does: the first full collection with the
models loaded (~0.25 s) then falls on whichever stage allocates at that moment (often geo).

Prints the gazetteer's load time and resident memory (AZ+AM, world countries and admin-1 regions, and
the world's populated places, read on first lookup), then the time per article of the pipeline without
``geo`` (the baseline, same process) and of ``geo`` alone, and their ratio. Targets: load < 1 s; geo
adds < 20% to the rest of the pipeline.
"""

from __future__ import annotations

import contextlib
import random
import sys
import time

import numpy  # noqa: F401  - loaded by spaCy in every process; not the gazetteer's cost

from fogline.geo.gazetteer import load_gazetteer
from fogline.geo.textnorm import key
from fogline.model import Document, RawArticle
from fogline.pipeline import STAGES
from fogline.resources import Resources

VILLAGES = ["Garakhanbeyli", "Gadrut", "Boyuk Marchanli", "Farukh", "Koti", "Berdavan", "Aygedzor", "Chinari",
            "Jabrayil", "Fizuli", "Shusha", "Martuni", "Paruyr Sevak", "Yeraskh", "Areni"]
DISTRICTS = ["Fizuli", "Jabrail", "Tavush", "Ararat", "Vayots Dzor", "Khojavend"]
SIDES = ["Azerbaijani forces", "Armenian units", "the Karabakh army", "local police", "unknown gunmen"]
VERBS = ["shelled", "attacked", "captured", "fired on positions near", "struck a post outside"]
FILLER = ["Officials gave no figures.", "The ministry said the situation was under control.",
          "Residents told reporters they heard explosions through the night.",
          "Analysts expect further fighting in the coming days.", "The claim could not be verified."]


def article(rng: random.Random, n_sentences: int = 14) -> str:
    out = []
    for _ in range(n_sentences):
        if rng.random() < 0.5:
            out.append(f"On {rng.randint(1, 28)} October, {rng.choice(SIDES)} {rng.choice(VERBS)} "
                       f"{rng.choice(VILLAGES)} in the {rng.choice(DISTRICTS)} district.")
        else:
            out.append(rng.choice(FILLER))
    return "Clashes reported\n\n" + " ".join(out)


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        kb = next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
    return kb / 1024


def load_figures() -> None:
    """Gazetteer load time and the memory it adds (first lookup into the world's places included)."""
    key("warm")  # the variant rules (and numpy, which spaCy imports anyway), read once by every process
    before, t0 = rss_mib(), time.perf_counter()
    gaz = load_gazetteer(["az-am", "world"])
    t1 = time.perf_counter()
    gaz.city_hits(key("Kharkiv"))
    t2 = time.perf_counter()
    print(f"gazetteer load: {t1 - t0:.2f} s (AZ+AM, countries, admin-1); world places on first lookup: "
          f"{t2 - t1:.2f} s; total {t2 - t0:.2f} s (target < 1 s); memory added {rss_mib() - before:.0f} MiB")


def main(n: int = 200) -> None:
    load_figures()
    rng = random.Random(7)
    res = Resources().warm()
    raws = [RawArticle(f"s{i}", f"s{i}.txt", article(rng)) for i in range(n)]
    times = {name: 0.0 for name, _ in STAGES}
    for raw in raws:
        doc = Document.from_raw(raw)
        for name, stage in STAGES:
            t0 = time.perf_counter()
            with contextlib.suppress(Exception):  # a stage under construction must not stop the measurement
                stage(doc, res)
            times[name] += time.perf_counter() - t0
    rest = sum(v for k, v in times.items() if k != "geo")
    print(f"articles: {n}; words/article: {len(raws[0].raw.split())}")
    for name, v in times.items():
        print(f"  {name:<8} {1000 * v / n:8.2f} ms/article")
    print(f"geo / rest of pipeline: {times['geo'] / rest:.3f} (target < 0.20)")


WARM_UP = ("Shelling reported\n\nTroops fired on Kharkiv, Ukraine, and near the village of Garakhanbeyli in "
           "Azerbaijan on Monday, officials in Paris said.")


def real(directory: str, freeze: bool = True) -> None:
    """Per-stage CPU per article on the real articles of ``directory`` (one pass, after a warm-up)."""
    import gc
    from pathlib import Path

    res = Resources().warm()
    warm = Document.from_raw(RawArticle("warm-up", "warm-up.txt", WARM_UP))
    for _, stage in STAGES:
        stage(warm, res)
    if freeze:
        gc.freeze()
    paths = sorted(p for p in Path(directory).iterdir() if p.is_file())
    times = {name: 0.0 for name, _ in STAGES}
    for p in paths:
        doc = Document.from_raw(RawArticle(p.stem, str(p), p.read_text(encoding="utf-8", errors="replace")))
        for name, stage in STAGES:
            t0 = time.process_time()
            stage(doc, res)
            times[name] += time.process_time() - t0
    total = sum(times.values())
    print(f"articles: {len(paths)} from {directory}; CPU ms/article by stage:")
    for name, v in times.items():
        print(f"  {name:<8} {1000 * v / len(paths):8.2f}")
    print(f"  {'all':<8} {1000 * total / len(paths):8.2f}")
    print(f"geo's share of the article's CPU: {times['geo'] / total:.3f} (target < 0.20)")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--real":
        real(sys.argv[2], freeze="--no-freeze" not in sys.argv[3:])
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
