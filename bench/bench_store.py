"""The store at scale: writing many analysed articles, then the corpus stage, on a DuckDB file.

    .venv/bin/python bench/bench_store.py [--events 40000] [--per-doc 1] [--row-by-row]

Synthetic documents (the events of ``bench_incidents.synthetic``, ``--per-doc`` events per article, a
short distinct text each) are written in chunks of ``job.CHUNK`` as ``fogline analyze`` writes them,
then ``build_corpus`` runs on the file (near-duplicates, grouping, incident writes), and once more
with nothing new (the incremental case: no hashing, no incident rewritten). ``--row-by-row``
writes one article per transaction (``Store.add``), the path a failed bulk batch falls back to.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_incidents import synthetic  # noqa: E402

from fogline.corpus import build_corpus  # noqa: E402
from fogline.job import CHUNK  # noqa: E402
from fogline.model import Document  # noqa: E402
from fogline.store import Store  # noqa: E402


def documents(n_events: int, per_doc: int) -> list[Document]:
    """Articles carrying the synthetic events, ``per_doc`` to an article."""
    items, docs = synthetic(n_events)
    out: list[Document] = []
    for i in range(0, len(items), per_doc):
        group = items[i:i + per_doc]
        info = group[0].doc
        place = group[0].event.location.name
        text = f"Report {i} from {info.outlet}: fighting near {place} (item {i * 7919 % 100003})."
        out.append(Document(f"d{i:08d}", f"bench/{i}.txt", text, outlet=info.outlet, published=info.published,
                            text=text, events=[it.event for it in group]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=40000)
    ap.add_argument("--per-doc", type=int, default=1)
    ap.add_argument("--row-by-row", action="store_true")
    args = ap.parse_args()
    docs = documents(args.events, args.per_doc)
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.duckdb") as store:
        t0 = time.perf_counter()
        for i in range(0, len(docs), CHUNK):
            chunk = docs[i:i + CHUNK]
            if args.row_by_row or not hasattr(store, "add_many"):
                for doc in chunk:
                    store.add(doc)
            else:
                store.add_many(chunk)
        t1, c1 = time.perf_counter(), time.process_time()
        result = build_corpus(store)
        t2, c2 = time.perf_counter(), time.process_time()
        again = build_corpus(store)  # incremental: nothing new, nothing changed
        t3, c3 = time.perf_counter(), time.process_time()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate = len(docs) / (t1 - t0)
    print(f"{len(docs)} articles, {args.events} events: write {t1 - t0:.1f} s ({rate:.0f} articles/s); "
          f"corpus stage {t2 - t1:.1f} s, {c2 - c1:.1f} s CPU ({result}); again with nothing new {t3 - t2:.1f} s, "
          f"{c3 - c2:.1f} s CPU ({again}); peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
