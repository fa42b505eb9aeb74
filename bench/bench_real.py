"""Real-news benchmark: ``fogline analyze`` end to end with a DuckDB file store on the dev sets, against
the full spaCy pipeline on every sentence, in the same run.

    .venv/bin/python bench/bench_real.py [--jobs 1,2] [--sets newsstream,fullnews] [--shared ../shared]
    .venv/bin/python bench/bench_real.py --against OLD/src [--pairs 5] [--jobs 2] [--sets newsstream]

For each set (``../shared/eval/dev/newsstream``: 300 articles of a general news stream;
``../shared/eval/dev/fullnews``: 40 conflict articles) each side runs in a fresh interpreter:

- fogline, once per ``--jobs`` value: start-up (imports, ``Resources().warm()``: the spaCy model,
  gazetteer and catalogues, and opening the store) is timed apart from the steady state, which is
  ``job.run`` as ``fogline analyze -j N`` runs it: reading the files, the per-article stages on N
  processes (forked after loading), the bulk writes into a DuckDB file, and the checkpoint that closing
  the file makes at the end. The corpus stage (reposts, incidents) is timed on its own after it.
- the baseline: ``spacy.load(MODEL)`` with every component and its stock settings, one process,
  ``nlp.pipe`` over every sentence of the same files (the rule splitter of ``nlp/split.py``).

Rates are given twice: per wall-clock second, and per CPU second (user + system time of the process
and its workers). On the shared 2-core machine other jobs take turns on the cores, so wall-clock rates
move from run to run; CPU seconds move much less, and the ratio per core is the ratio of the rates per
CPU second. Peak RSS: the parent's, and the largest worker's (forked workers count the pages they share
with the parent). Prints one markdown table, ready to quote.

With ``--against OLD/src`` (the ``src`` folder of another tree, e.g. ``git archive main src | tar -x -C
/tmp/old``) no baseline runs: the fogline side of that tree and of this one run alternately, ``--pairs``
times each in fresh interpreters (same venv), and the table gives the medians per side: CPU seconds of
the steady state (all processes; the workers' and the writer's apart) and the wall-clock rate, so that a
change is judged against the code before it in the same minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median
from typing import Any

HERE = Path(__file__).resolve().parent
SETS = {"newsstream": "eval/dev/newsstream/articles", "fullnews": "eval/dev/fullnews/articles"}


def cpu_s() -> float:
    """User + system seconds of this process and of its waited-for children."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def own_cpu_s() -> float:
    """User + system seconds of this process alone (with ``-j N``: the writing process)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def peak_mib() -> tuple[float, float]:
    """Peak RSS of this process and of its largest waited-for child (Linux reports KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


class Clock:
    """Wall-clock and CPU seconds since the last ``lap``."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), cpu_s()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), cpu_s()
        out = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return out


def run_fogline(folder: str, workers: int) -> dict[str, Any]:
    """``fogline analyze FOLDER -j N --db FILE``: start-up, the per-article job, the corpus stage."""
    clock = Clock()
    from fogline import job
    from fogline.resources import Resources
    from fogline.store import Store

    res = Resources().warm()
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.duckdb") as store:
        start_wall, start_cpu = clock.lap()
        writer_before = own_cpu_s()
        summary = job.run([folder], store, res, workers=workers, corpus=False)
        store.release()  # the last checkpoint: what closing the file costs at the end of a run
        wall, cpu = clock.lap()
        writer_cpu = own_cpu_s() - writer_before
        job.build_corpus(store, res)
        corpus_wall, _ = clock.lap()
    rss, rss_worker = peak_mib()
    return {"articles": summary.analysed, "start_wall": start_wall, "start_cpu": start_cpu, "wall": wall,
            "cpu": cpu, "writer_cpu": writer_cpu, "corpus_wall": corpus_wall,
            "rss": rss, "rss_worker": rss_worker if workers > 1 else 0.0}


def run_baseline(folder: str) -> dict[str, Any]:
    """The stock full spaCy pipeline (every component) on every sentence, one process."""
    clock = Clock()
    import spacy

    from fogline.nlp import MODEL
    from fogline.nlp.split import load_abbreviations, split_sentences

    nlp, abbreviations = spacy.load(MODEL), load_abbreviations()
    start_wall, start_cpu = clock.lap()
    n = 0
    for path in sorted(Path(folder).glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for _ in nlp.pipe(text[a:b] for a, b in split_sentences(text, abbreviations)):
            pass
        n += 1
    wall, cpu = clock.lap()
    rss, _ = peak_mib()
    return {"articles": n, "start_wall": start_wall, "start_cpu": start_cpu, "wall": wall, "cpu": cpu,
            "corpus_wall": 0.0, "rss": rss, "rss_worker": 0.0}


def words_in(folder: str) -> int:
    return sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in Path(folder).glob("*.txt"))


def child(kind: str, folder: str, workers: int, src: str | None = None) -> dict[str, Any]:
    """One side in a fresh interpreter, so its start-up, peak RSS and caches belong to it alone; ``src``:
    the fogline package is imported from that folder instead."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))} \
        if src else None
    out = subprocess.run([sys.executable, __file__, "--child", kind, folder, str(workers)], check=True,
                         capture_output=True, text=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


PAIRS_HEADER = ("| set | -j | side | runs | steady CPU s (workers; writer) | articles per CPU-s | articles/s |\n"
                "|---|---|---|---|---|---|---|")


def compare(name: str, folder: str, jobs: list[int], against: str, pairs: int) -> list[str]:
    """This tree against the tree at ``against``, alternating, ``pairs`` runs each: one row per side and -j."""
    rows = []
    for j in jobs:
        runs: dict[str, list[dict[str, Any]]] = {"old": [], "new": []}
        for _ in range(pairs):
            runs["old"].append(child("fogline", folder, j, against))
            runs["new"].append(child("fogline", folder, j, str(HERE.parent / "src")))
        for side, rs in runs.items():
            cpu, writer = median([r["cpu"] for r in rs]), median([r["writer_cpu"] for r in rs])
            wall, n = median([r["wall"] for r in rs]), rs[0]["articles"]
            split = f" ({median([r['cpu'] - r['writer_cpu'] for r in rs]):.2f}; {writer:.2f})" if j > 1 else ""
            rows.append(f"| {name} | {j} | {side} | {len(rs)} | {cpu:.2f}{split} | {n / cpu:.1f} | {n / wall:.1f} |")
    return rows


HEADER = ("| set | run | articles/s | words/s | articles per CPU-s | x full spaCy per core (CPU / wall) "
          "| steady s (CPU s; the writer's) | start-up s (CPU s) | corpus stage s | peak RSS MiB (worker) |\n"
          "|---|---|---|---|---|---|---|---|---|---|")


def row(name: str, label: str, r: dict[str, Any], words: int, workers: int, base: dict[str, Any]) -> str:
    """One table row: rates over the steady state; the ratio per core against the baseline."""
    n = r["articles"]
    per_cpu, base_per_cpu = n / r["cpu"], base["articles"] / base["cpu"]
    per_core_wall = n / r["wall"] / workers
    worker = f" ({r['rss_worker']:.0f})" if r["rss_worker"] else ""
    writer = f"; {r['writer_cpu']:.1f}" if workers > 1 and "writer_cpu" in r else ""
    return (f"| {name} | {label} | {n / r['wall']:.1f} | {words / r['wall']:,.0f} | {per_cpu:.1f} "
            f"| {per_cpu / base_per_cpu:.1f}x / {per_core_wall / (base['articles'] / base['wall']):.1f}x "
            f"| {r['wall']:.1f} ({r['cpu']:.1f}{writer}) | {r['start_wall']:.1f} ({r['start_cpu']:.1f}) "
            f"| {r['corpus_wall']:.2f} | {r['rss']:.0f}{worker} |")


def bench_set(name: str, folder: str, jobs: list[int]) -> list[str]:
    words = words_in(folder)
    base = child("baseline", folder, 1)
    rows = [row(name, "full spaCy, 1 process", base, words, 1, base)]
    for j in jobs:
        rows.append(row(name, f"fogline -j {j}", child("fogline", folder, j), words, j, base))
    n = base["articles"]
    print(f"{name}: {n} articles, {words:,} words ({words / max(n, 1):.0f} per article)", file=sys.stderr)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", default="1,2", help="process counts for fogline, comma-separated")
    ap.add_argument("--sets", default="newsstream,fullnews")
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared"))
    ap.add_argument("--child", nargs=3, metavar=("KIND", "FOLDER", "WORKERS"))
    ap.add_argument("--against", help="the src folder of another tree: its fogline and this one, alternately")
    ap.add_argument("--pairs", type=int, default=5, help="with --against: runs of each side")
    a = ap.parse_args()
    if a.child:
        kind, folder, workers = a.child
        print(json.dumps(run_fogline(folder, int(workers)) if kind == "fogline" else run_baseline(folder)))
        return
    load = os.getloadavg()[0]
    rows = []
    for name in a.sets.split(","):
        folder = Path(a.shared) / SETS[name]
        if not folder.is_dir():
            print(f"{name}: {folder} is absent (the dev sets live in ../shared)", file=sys.stderr)
            continue
        jobs = [int(j) for j in a.jobs.split(",")]
        rows.extend(compare(name, str(folder), jobs, a.against, a.pairs) if a.against else
                    bench_set(name, str(folder), jobs))
    print(f"{os.cpu_count()} cores; load average {load:.1f} before, {os.getloadavg()[0]:.1f} after; "
          "store: a DuckDB file; steady state = read, analyse, store (corpus stage apart)"
          + (f"; old = {a.against}, medians of {a.pairs} alternating runs each" if a.against else "") + "\n")
    print(PAIRS_HEADER if a.against else HEADER)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
