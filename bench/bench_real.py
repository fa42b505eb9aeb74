"""Real-news benchmark: end to end with the store on the dev sets, against full spaCy on every sentence.

    .venv/bin/python bench/bench_real.py [--workers N] [--sets newsstream,fullnews] [--shared ../shared]

For each set (``../shared/eval/dev/newsstream``: 300 random articles of a general news stream;
``../shared/eval/dev/fullnews``: 40 conflict articles) it runs, in a fresh child process each, the
whole ``fogline analyze`` job (ingest, the per-article stages on N processes, a DuckDB file store and
the corpus stage) and then the baseline: the stock ``en_core_web_sm`` pipeline with every component,
``nlp.pipe`` over every sentence of the same articles on N forked processes. It prints articles/s,
words/s, the corpus stage's time, peak RSS (parent and the largest worker) and the ratio to the
baseline, per process and in total. Wall-clock rates on a shared 2-core machine: compare ratios.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SETS = {"newsstream": "eval/dev/newsstream/articles", "fullnews": "eval/dev/fullnews/articles"}


def _peak_mib() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def run_fogline(folder: str, workers: int) -> dict[str, Any]:
    """The analyze job into a DuckDB file, timed as a user sees it after start-up."""
    from fogline import job
    from fogline.resources import Resources
    from fogline.store import Store

    res = Resources().warm()
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.duckdb") as store:
        t0 = time.perf_counter()
        summary = job.run([folder], store, res, workers=workers, corpus=False)
        t1 = time.perf_counter()
        job.build_corpus(store, res)
        t2 = time.perf_counter()
    own, kids = _peak_mib()
    return {"articles": summary.analysed, "per_article_s": t1 - t0, "corpus_s": t2 - t1, "rss_parent": own,
            "rss_worker": kids}


_NLP: Any = None
_ABBR: frozenset[str] = frozenset()


def _full_spacy(text: str) -> int:
    from fogline.nlp.split import split_sentences

    return sum(1 for _ in _NLP.pipe(text[a:b] for a, b in split_sentences(text, _ABBR)))


def run_baseline(folder: str, workers: int) -> dict[str, Any]:
    """The stock full spaCy pipeline on every sentence, on ``workers`` forked processes."""
    global _NLP, _ABBR
    import spacy

    from fogline.nlp import MODEL
    from fogline.nlp.split import load_abbreviations

    _NLP, _ABBR = spacy.load(MODEL), load_abbreviations()
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(Path(folder).glob("*.txt"))]
    t0 = time.perf_counter()
    with mp.get_context("fork").Pool(workers) as pool:
        pool.map(_full_spacy, texts, chunksize=max(1, len(texts) // (workers * 4)))
    return {"articles": len(texts), "seconds": time.perf_counter() - t0}


def words_in(folder: str) -> int:
    return sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in Path(folder).glob("*.txt"))


def child(kind: str, folder: str, workers: int) -> dict[str, Any]:
    """Run one side in a fresh interpreter so peak RSS and warm caches belong to it alone."""
    out = subprocess.run([sys.executable, __file__, "--child", kind, folder, str(workers)], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(name: str, folder: str, workers: int) -> None:
    words = words_in(folder)
    ours = child("fogline", folder, workers)
    base = child("baseline", folder, workers)
    n = ours["articles"]
    total = ours["per_article_s"] + ours["corpus_s"]
    rate, base_rate = n / total, base["articles"] / base["seconds"]
    print(f"{name:<11} {n:4d} articles {words:7d} words | fogline {rate:6.1f} articles/s {words / total:8.0f} words/s "
          f"(per-article {n / ours['per_article_s']:6.1f}/s, corpus {ours['corpus_s']:5.2f} s) | peak RSS parent "
          f"{ours['rss_parent']:5.0f} MiB, worker {ours['rss_worker']:5.0f} MiB | full spaCy {base_rate:5.1f} "
          f"articles/s | ratio {rate / base_rate:5.1f}x")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sets", default="newsstream,fullnews")
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared"))
    ap.add_argument("--child", nargs=3, metavar=("KIND", "FOLDER", "WORKERS"))
    a = ap.parse_args()
    if a.child:
        kind, folder, workers = a.child
        fn = run_fogline if kind == "fogline" else run_baseline
        print(json.dumps(fn(folder, int(workers))))
        return
    print(f"{a.workers} processes for fogline and for the baseline; store: a DuckDB file; corpus stage included")
    for name in a.sets.split(","):
        folder = Path(a.shared) / SETS[name]
        if not folder.is_dir():
            print(f"{name}: {folder} is absent (the dev sets live in ../shared)")
            continue
        report(name, str(folder), a.workers)


if __name__ == "__main__":
    main()
