"""A large store for memory and speed measurements: the articles of a small store, replicated.

    .venv/bin/fogline analyze ../shared/eval/dev/newsstream/articles ../shared/eval/dev/fullnews/articles \
        --db /tmp/base.duckdb
    .venv/bin/python bench/replicate_store.py /tmp/base.duckdb /tmp/big4000.duckdb --articles 4000

Each copy of an article gets a distinct doc_id (and event ids), and its dates moved back by one year per
round, so the corpus layer keeps the copies' events apart (one incident per copy, not one incident of
twelve reports). The corpus layer then runs on the new store (near-duplicates, incidents), as after
``fogline analyze``. Nothing of the articles' text is changed or printed.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import time
from pathlib import Path

from fogline.corpus import build_corpus
from fogline.model import Document
from fogline.store import Store

CHUNK = 250
_YEAR = re.compile(r"^(\d{4})")


def _earlier(date: str | None, years: int) -> str | None:
    """An EDTF or ISO date moved back by ``years`` (the year only: day and month are kept)."""
    if not date or not years:
        return date
    return _YEAR.sub(lambda m: f"{int(m.group(1)) - years:04d}", date)


def replica(doc: Document, round_no: int) -> Document:
    """``doc`` as copy number ``round_no``: new ids, dates ``round_no`` years earlier (round 0: unchanged)."""
    if round_no == 0:
        return doc
    new_id = hashlib.sha1(f"{doc.doc_id}/{round_no}".encode()).hexdigest()[:16]
    doc.doc_id = new_id
    doc.source = f"{doc.source}#copy{round_no}"
    doc.published = _earlier(doc.published, round_no)
    for ev in doc.events:
        ev.event_id = f"{new_id}-{ev.event_id.rsplit('-', 1)[-1]}"
        ev.date = _earlier(ev.date, round_no)
    return doc


def replicate(base: Path, out: Path, articles: int) -> int:
    """Write ``articles`` articles into ``out`` (a new file), copies of ``base``'s; return how many."""
    with Store.open(base, read_only=True) as src, Store.open(out) as dst:
        ids = list(src.doc_outlets())
        written, chunk, round_no = 0, [], 0
        while written < articles:
            for doc in src.documents():
                if written >= articles:
                    break
                chunk.append(replica(doc, round_no))
                written += 1
                if len(chunk) >= CHUNK:
                    dst.add_many(chunk)
                    chunk = []
            round_no += 1
        if chunk:
            dst.add_many(chunk)
        print(f"{written} articles ({len(ids)} distinct, {round_no} rounds) in {out}")
        t0 = time.perf_counter()
        print(build_corpus(dst), f"({time.perf_counter() - t0:.1f} s)")
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", type=Path, help="a store analysed by `fogline analyze`")
    ap.add_argument("out", type=Path, help="the store to write (must not exist)")
    ap.add_argument("--articles", type=int, default=4000)
    args = ap.parse_args()
    if args.out.exists():
        ap.error(f"{args.out} exists")
    replicate(args.base, args.out, args.articles)


if __name__ == "__main__":
    main()
