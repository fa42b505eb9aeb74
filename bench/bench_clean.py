"""Articles per second of the `clean` and `signals` stages on a synthetic corpus.

    .venv/bin/python bench/bench_clean.py [--n 300] [--conflict-share 0.5] [--words 600] [--repeat 5]

The baseline is reading the same articles (decode, normalise, hash) in the same process; the report
gives each stage's time as a ratio of it. Each stage is timed over the corpus ``--repeat`` times and the
fastest pass is kept (CPU time of this process, so other work on the machine counts less).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import raw_articles  # noqa: E402

from fogline import clean, signals  # noqa: E402
from fogline.model import Document, RawArticle  # noqa: E402
from fogline.resources import Resources  # noqa: E402


def _pass(raws: list[RawArticle], res: Resources) -> tuple[float, float]:
    """CPU seconds of clean and of signals over every article once."""
    t_clean = t_signals = 0.0
    for raw in raws:
        doc = Document.from_raw(raw)
        t0 = time.process_time()
        clean.run(doc, res)
        t1 = time.process_time()
        signals.run(doc, res)
        t_clean += t1 - t0
        t_signals += time.process_time() - t1
    return t_clean, t_signals


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--conflict-share", type=float, default=0.5)
    ap.add_argument("--words", type=int, default=600)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    raws, baseline = raw_articles(args.n, args.conflict_share, args.words)
    assert all(isinstance(r, RawArticle) for r in raws)
    res = Resources()
    _pass(raws[:1], res)  # load the stages' resources and warm lazy caches
    passes = [_pass(raws, res) for _ in range(args.repeat)]  # type: ignore[arg-type]
    t_clean, t_signals = min(p[0] for p in passes), min(p[1] for p in passes)
    n = len(raws)
    print(f"articles: {n} x ~{args.words} words, conflict share {args.conflict_share}; best of {args.repeat} passes")
    print(f"reading baseline {n / baseline:.0f} articles/s")
    for name, sec in (("clean", t_clean), ("signals", t_signals), ("both", t_clean + t_signals)):
        print(f"  {name:<8} {n / sec:8.0f} articles/s  ({sec / n * 1e6:6.0f} us/article, "
              f"ratio to baseline {sec / baseline:.1f}x)")


if __name__ == "__main__":
    main()
