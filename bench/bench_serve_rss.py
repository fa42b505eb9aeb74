"""Peak memory (RSS) and time of ``fogline serve`` answering the report, the downloads and an article.

    .venv/bin/python bench/bench_serve_rss.py /tmp/s1000.duckdb /tmp/s4000.duckdb [--only report]

For each store and each request, a fresh ``fogline serve`` process on a free port: it loads its snapshot
(``/api/incidents``), answers the request (the body read whole and counted), and its peak RSS (VmHWM,
Linux) is read before it stops. The first line is the process after the snapshot alone, so the others read
as "what answering adds". Build large stores with ``bench/replicate_store.py``; the export commands' own
figures come from ``bench/bench_export_rss.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from fogline.store import open_read

FOGLINE = str(Path(sys.executable).with_name("fogline"))
REQUESTS: list[tuple[str, str]] = [
    ("snapshot only", "/api/incidents?limit=1"),
    ("report.html", "/report.html"),
    ("acled.csv download", "/api/export/acled.csv"),
    ("incidents.geojson download", "/api/export/incidents.geojson"),
    ("one article", "/api/documents/{doc_id}"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> int:
    """The length of the body at ``url``, read a piece at a time."""
    n = 0
    with urllib.request.urlopen(url, timeout=600) as resp:  # noqa: S310 - a local server we started
        while piece := resp.read(1 << 16):
            n += len(piece)
    return n


@contextlib.contextmanager
def serving(store: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = free_port()
    proc = subprocess.Popen([FOGLINE, "serve", "--db", str(store), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                get(base + "/api/incidents?limit=1")  # the snapshot is loaded
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise SystemExit(f"fogline serve did not start on {store}") from None
                time.sleep(0.3)
        yield proc, base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def peak_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(store: Path, path: str) -> tuple[float, float, int]:
    """(peak RSS MiB, seconds for the request, bytes answered) of a fresh server answering ``path``."""
    with serving(store) as (proc, base):
        t0 = time.perf_counter()
        n = get(base + path)
        wall = time.perf_counter() - t0
        return peak_mib(proc.pid), wall, n


def first_doc_id(store: Path) -> str:
    with open_read(store) as s:
        row = s.conn.execute("SELECT min(doc_id) FROM documents").fetchone()
    return str(row[0]) if row and row[0] else "none"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stores", nargs="+", type=Path)
    ap.add_argument("--only", default="", help="run only the lines containing this text")
    args = ap.parse_args()
    ids = {s: first_doc_id(s) for s in args.stores}
    print(f"{'request':28}" + "".join(f"{s.stem[:18]:>24}" for s in args.stores) + "   (peak RSS MiB, s, MB sent)")
    for label, path in REQUESTS:
        if args.only not in label:
            continue
        cells = []
        for store in args.stores:
            mib, wall, n = measure(store, path.format(doc_id=ids[store]))
            cells.append(f"{mib:6.0f} {wall:6.1f}s {n / 1e6:5.1f}MB")
        print(f"{label:28}" + "".join(f"{c:>24}" for c in cells), flush=True)


if __name__ == "__main__":
    main()
