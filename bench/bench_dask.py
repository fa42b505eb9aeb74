"""Speed-up of the per-article stage from 1 to N dask.distributed workers (``fogline[cluster]``).

    .venv/bin/python bench/bench_dask.py [--folder ../shared/eval/dev/fullnews/articles] [--workers 1,2]

For each size a local cluster of single-threaded worker processes starts, every worker loads its
Resources (not timed), then the whole ``analyze`` job (the store in memory, no corpus stage) runs on
it. Prints articles/s and the speed-up against the first size. On a shared machine, compare ratios.
"""

from __future__ import annotations

import argparse
import time

from distributed import Client, LocalCluster

from fogline import job
from fogline.batch.dask import LoadResources
from fogline.resources import Resources
from fogline.store import Store


def measure(folder: str, n: int, res: Resources) -> tuple[int, float]:
    """(articles, seconds) of one job on a fresh local cluster of ``n`` workers, start-up excluded."""
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client, Store.open(":memory:") as store:
        client.register_plugin(LoadResources(res.config))
        t0 = time.perf_counter()
        summary = job.run([folder], store, res, corpus=False, cluster=client)
        return summary.analysed, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", default="../shared/eval/dev/fullnews/articles")
    ap.add_argument("--workers", default="1,2")
    args = ap.parse_args()
    res = Resources()
    base = 0.0
    for n in (int(w) for w in args.workers.split(",")):
        articles, seconds = measure(args.folder, n, res)
        base = base or seconds
        print(f"{n} dask worker(s): {articles} articles in {seconds:.1f} s ({articles / seconds:.1f} articles/s), "
              f"speed-up x{base / seconds:.2f}")


if __name__ == "__main__":
    main()
