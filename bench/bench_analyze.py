"""Articles per second and peak memory of ``analyse`` on a synthetic corpus, per stage.

    .venv/bin/python bench/bench_analyze.py [--n 200] [--conflict-share 1.0] [--words 600]

The baseline is reading the same articles (decode, normalise, hash) in the same process; the report
gives the full pipeline's time as a ratio of it and each stage's share of the total.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import raw_articles  # noqa: E402

from fogline.model import RawArticle  # noqa: E402
from fogline.pipeline import analyse  # noqa: E402
from fogline.resources import Resources  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--conflict-share", type=float, default=1.0)
    ap.add_argument("--words", type=int, default=600)
    args = ap.parse_args()
    raws, baseline = raw_articles(args.n, args.conflict_share, args.words)
    res = Resources().warm()
    analyse(raws[0], res)  # first-call warm-up (lazy caches)
    timings: dict[str, float] = {}
    tracemalloc.start()
    t0 = time.perf_counter()
    for raw in raws:
        assert isinstance(raw, RawArticle)
        analyse(raw, res, timings)
    full = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(raws)} x ~{args.words} words, conflict share {args.conflict_share}")
    print(f"analyse: {len(raws) / full:.1f} articles/s on one core ({full:.2f} s); "
          f"reading baseline {len(raws) / baseline:.0f} articles/s; ratio full/baseline {full / baseline:.0f}x")
    for stage, sec in timings.items():
        print(f"  {stage:<8} {sec / full:6.1%} of time, {len(raws) / sec if sec else float('inf'):8.1f} articles/s")
    print(f"peak traced memory during analysis {peak / 1e6:.1f} MB; process max RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
