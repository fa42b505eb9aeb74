"""The corpus stage at scale on realistic articles: full build, incremental add, peak memory.

    .venv/bin/python bench/bench_corpus.py [--sizes 1000,5000,25000] [--add 100] [--workers 1,2] [--jobs 1,2]

For each size a store of that many replicated dev articles (``corpus_synth``; cached under the system
temp folder, so only the first run pays for writing it) is copied and, in a fresh process each:

- ``full``: ``build_corpus`` on the store (near-duplicates, grouping, every incident written);
- ``add``: ``--add`` more articles stored, then ``build_corpus`` again (only the blocks they touch);
- peak RSS of the process (``ru_maxrss``; the interpreter and fogline's imports included; the text samples
  the cached stores lack are taken before, in a process of their own, as ``analyze`` takes them on writing).

With ``--workers 1,2`` the largest size (or ``--workers-size``) is also built on a local dask cluster
of that many workers (``fogline[cluster]``), as ``fogline analyze --cluster local:N`` does. With ``--jobs 1,2``
every size is built again with the grouping on that many local forked processes (``batch.corpus_pool``), as
``fogline analyze -j N`` and ``fogline load -j N`` run it (1: in the writing process), reporting wall time, the
serial part of it (``serial``: near-duplicates, keys and partitions, before the first batch goes out) and CPU
time of the writing process and of the workers apart. Times are wall-clock on a shared machine: compare
rows of one run, and the CPU times.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_synth import replicas  # noqa: E402

from fogline.store import Store  # noqa: E402

CACHE = Path(tempfile.gettempdir())
WRITE_CHUNK = 500


def store_file(n: int) -> Path:
    """A store of ``n`` replicated articles without corpus tables (built once, then reused)."""
    path = CACHE / f"fogline-bench-corpus-{n}.duckdb"
    if not path.exists():
        part = path.with_suffix(".part")
        part.unlink(missing_ok=True)
        with Store.open(part) as store:
            batch = []
            for doc in replicas(n):
                batch.append(doc)
                if len(batch) == WRITE_CHUNK:
                    store.add_many(batch)
                    batch = []
            store.add_many(batch)
        part.rename(path)
    return path


def presample(store: Store) -> None:
    """Take the text samples a store written by today's ``analyze`` holds already (the cached stores were
    written before samples were taken at write time); untimed and in a process of its own, since writing
    pays for them (time and memory)."""
    from fogline.store import dedup

    for batch in dedup.unsampled(store):
        with store.transaction() as conn:
            dedup.insert_samples(conn, batch)


def worker_cpu() -> float:
    """CPU seconds (user and system) the live child processes (the workers) have spent so far (Linux)."""
    total = 0
    for proc in multiprocessing.active_children():
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def child(path: str, n: int, add: int, workers: int, jobs: int) -> None:
    """In a fresh process: the full build, then the incremental add; one JSON line out."""
    from fogline.config import Config
    from fogline.corpus import build_corpus

    with contextlib.ExitStack() as stack, Store.open(path) as store:
        mapper = None
        if workers:
            from distributed import Client, LocalCluster

            from fogline.batch.dask import corpus_mapper

            local = stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None))
            mapper = corpus_mapper(stack.enter_context(Client(local)))
        elif jobs:  # the batch package loads the analysing pipeline (as in fogline analyze): only here
            from fogline.batch.corpus_pool import forked

            mapper = stack.enter_context(forked(jobs, Config()))
        t0, c0, w0 = time.perf_counter(), time.process_time(), worker_cpu()
        full = build_corpus(store, mapper=mapper)
        t1, c1, w1 = time.perf_counter(), time.process_time(), worker_cpu()
        store.add_many(list(replicas(add, seed=99, start=n)))
        t2, c2, w2 = time.perf_counter(), time.process_time(), worker_cpu()
        more = build_corpus(store, mapper=mapper)
        t3, c3, w3 = time.perf_counter(), time.process_time(), worker_cpu()
        events = store.conn.execute("SELECT count(*) FROM events WHERE NOT background").fetchone()[0]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # this process; workers apart
    print(json.dumps({"articles": n, "events": events, "full_s": round(t1 - t0, 2), "incidents": full.incidents,
                      "full_regrouped": full.regrouped, "full_cpu_s": round(c1 - c0, 2), "add_cpu_s": round(c3 - c2, 2),
                      "parts": full.partitions, "add_s": round(t3 - t2, 2), "add_written": more.written,
                      "add_regrouped": more.regrouped, "add_deleted": more.deleted, "rss_mb": round(rss),
                      "workers": workers, "jobs": jobs, "full_workers_cpu_s": round(w1 - w0, 2),
                      "add_workers_cpu_s": round(w3 - w2, 2), "full_serial_s": round(full.serial_s, 2),
                      "add_serial_s": round(more.serial_s, 2)}))


def measure(n: int, add: int, workers: int = 0, jobs: int = 0) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "store.duckdb"
        shutil.copy(store_file(n), copy)
        subprocess.run([sys.executable, __file__, "--presample", str(copy)], check=True)
        out = subprocess.run([sys.executable, __file__, "--child", str(copy), "--sizes", str(n), "--add", str(add),
                              "--workers", str(workers), "--jobs", str(jobs)], capture_output=True, text=True)
        if out.returncode:
            raise SystemExit(f"{n} articles: the run failed\n{out.stderr[-3000:]}")
        return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,5000,25000")
    ap.add_argument("--add", type=int, default=100)
    ap.add_argument("--workers", default="", help="dask workers to try, e.g. 1,2")
    ap.add_argument("--workers-size", type=int, default=0, help="articles for the dask runs (default: the largest)")
    ap.add_argument("--jobs", default="", help="local worker processes to try at every size, e.g. 1,2")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--presample", help=argparse.SUPPRESS)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.presample:
        with Store.open(args.presample) as store:
            presample(store)
        return
    if args.child:
        child(args.child, sizes[0], args.add, int(args.workers or 0), int(args.jobs or 0))
        return
    print(f"{'articles':>8} {'events':>7} {'incidents':>9} {'full s':>7} {'CPU s':>7} {'+' + str(args.add) + ' s':>7} "
          f"{'CPU s':>7} {'rewritten':>9} {'regrouped':>9} {'peak RSS MB':>11} {'workers':>7}")
    runs = [(n, 0) for n in sizes] + [(args.workers_size or sizes[-1], int(w)) for w in args.workers.split(",") if w]
    for n, w in runs:
        r = measure(n, args.add, w)
        print(f"{r['articles']:>8} {r['events']:>7} {r['incidents']:>9} {r['full_s']:>7.1f} {r['full_cpu_s']:>7.1f} "
              f"{r['add_s']:>7.1f} {r['add_cpu_s']:>7.1f} {r['add_written']:>9} "
              f"{r['add_regrouped']:>4}/{r['parts']:<4} {r['rss_mb']:>11} {w or '-':>7}", flush=True)
    if args.jobs:
        jobs_table(sizes, args.add, [int(j) for j in args.jobs.split(",")])


def jobs_table(sizes: list[int], add: int, jobs: list[int]) -> None:
    """Every size with the grouping on each number of local processes: wall time, and CPU time of the writing
    process + the workers, for the full build and for ``add`` more articles."""
    print(f"\n{'articles':>8} {'jobs':>4} {'incidents':>9} {'full s':>7} {'serial':>6} {'CPU writer+workers':>18} "
          f"{'+' + str(add) + ' s':>7} {'serial':>6} {'CPU writer+workers':>18} {'peak RSS MB':>11}")
    for n in sizes:
        for j in jobs:
            r = measure(n, add, jobs=j)
            print(f"{r['articles']:>8} {j:>4} {r['incidents']:>9} {r['full_s']:>7.1f} {r['full_serial_s']:>6.1f} "
                  f"{r['full_cpu_s']:>8.1f} + {r['full_workers_cpu_s']:<7.1f} {r['add_s']:>7.1f} "
                  f"{r['add_serial_s']:>6.1f} {r['add_cpu_s']:>8.1f} + {r['add_workers_cpu_s']:<7.1f} "
                  f"{r['rss_mb']:>11}", flush=True)


if __name__ == "__main__":
    main()
