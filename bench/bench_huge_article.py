"""A 4 MB article on one line, beside a good one: how long ``fogline analyze`` takes and what it says.

    .venv/bin/python bench/bench_huge_article.py [--mb 4] [--timeout 20] [-j 1]

A baseline run on the good article alone (start-up and one article), then two runs on the folder
holding both: the default settings (the text-length
limit rejects the huge file before any parsing), then a ``fogline.toml`` that lifts the length limit so
the per-article time budget (``article_timeout_s``) is what bounds it. Each run prints its wall time, exit
code, the rejected files with their reasons, and whether the good article was stored.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fogline.store import Store

FOGLINE = str(Path(sys.executable).with_name("fogline"))
SENTENCE = "Artillery units fired at the hill road near Martuni again on Sunday, the district office said, and "
GOOD = ("Shelling hit Martuni overnight\n\nArtillery fire struck the town of Martuni on the night of 4 October, "
        "the regional administration said on Monday. Two houses were damaged.\n")


def run(folder: Path, db: Path, config: Path | None, workers: int) -> None:
    args = [FOGLINE, "analyze", str(folder), "--db", str(db), "-j", str(workers)]
    if config is not None:
        args += ["--config", str(config)]
    t0 = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    with Store.open(db, read_only=True) as store:
        rejected = [(Path(r.source).name, r.reason) for r in store.rejected()]
        sources = [d.source for d in store.documents()]
    settings = "default settings" if config is None else config.read_text(encoding="utf-8").replace("\n", "; ")
    label = f"{folder.name}, {settings}"
    print(f"{label}: {wall:.1f} s, exit code {done.returncode}")
    for name, reason in rejected:
        print(f"  rejected {name}: {reason}")
    print(f"  stored: {[Path(s).name for s in sources]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=4.0)
    ap.add_argument("--timeout", type=float, default=20.0, help="article_timeout_s for the second run")
    ap.add_argument("-j", "--workers", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        alone = Path(tmp) / "alone"
        alone.mkdir()
        (alone / "good.txt").write_text(GOOD, encoding="utf-8")
        run(alone, Path(tmp) / "base.duckdb", None, args.workers)  # the baseline: start-up and one article
        folder = Path(tmp) / "in"
        folder.mkdir()
        size = int(args.mb * 1_000_000)
        (folder / "huge_one_line.txt").write_text((SENTENCE * (size // len(SENTENCE) + 1))[:size], encoding="utf-8")
        (folder / "good.txt").write_text(GOOD, encoding="utf-8")
        run(folder, Path(tmp) / "a.duckdb", None, args.workers)
        config = Path(tmp) / "fogline.toml"
        config.write_text(f"max_text_chars = {size * 2}\narticle_timeout_s = {args.timeout:g}\n", encoding="utf-8")
        run(folder, Path(tmp) / "b.duckdb", config, args.workers)


if __name__ == "__main__":
    main()
