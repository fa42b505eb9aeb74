"""Peak memory (RSS) of ``fogline export`` (each format and table) and ``fogline report`` on stores.

    .venv/bin/python bench/bench_export_rss.py /tmp/s1000.duckdb /tmp/s4000.duckdb [--only report]

Each command runs in its own process under ``/usr/bin/time -v`` ("Maximum resident set size"); the
first line is the baseline of the same process on an empty store, so the figures read as "how much
the store's size adds"; CPU seconds (user + system) are printed beside the peak, steadier than wall time
on a busy machine. Build large stores with ``bench/replicate_store.py``; ``bench/bench_serve_rss.py``
measures ``fogline serve`` answering the report and the downloads.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

FOGLINE = str(Path(sys.executable).with_name("fogline"))
RUNS: list[tuple[str, list[str]]] = [
    ("export jsonl documents", ["export", "{out}/d.jsonl"]),
    ("export csv documents", ["export", "{out}/d.csv"]),
    ("export parquet documents", ["export", "{out}/d.parquet"]),
    ("export csv events", ["export", "{out}/e.csv", "--what", "events"]),
    ("export parquet claims", ["export", "{out}/c.parquet", "--what", "claims"]),
    ("export jsonl incidents", ["export", "{out}/i.jsonl", "--what", "incidents"]),
    ("export geojson incidents", ["export", "{out}/i.geojson"]),
    ("export acled incidents", ["export", "{out}/a.csv", "--format", "acled"]),
    ("report html", ["report", "-o", "{out}/r.html"]),
    ("report md", ["report", "-o", "{out}/r.md", "--format", "md"]),
]
_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
_CPU = re.compile(r"(?:User|System) time \(seconds\): ([\d.]+)")


def peak_mib(args: list[str]) -> tuple[float, float]:
    """(peak RSS in MiB, CPU seconds) of one fogline command."""
    done = subprocess.run(["/usr/bin/time", "-v", FOGLINE, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"fogline {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    m = _RSS.search(done.stderr)
    return (int(m.group(1)) / 1024 if m else float("nan")), sum(float(t) for t in _CPU.findall(done.stderr))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stores", nargs="+", type=Path)
    ap.add_argument("--only", default="", help="run only the lines containing this text")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.duckdb"
        subprocess.run([sys.executable, "-c", f"from fogline.store import Store; Store.open({str(empty)!r}).close()"],
                       check=True)
        stores = [empty, *args.stores]
        print(f"{'command':28}" + "".join(f"{s.stem[:14]:>16}" for s in stores) + "   (peak RSS MiB, CPU s)")
        for label, argv in RUNS:
            if args.only not in label:
                continue
            cells = []
            for store in stores:
                mib, cpu = peak_mib([a.format(out=tmp) for a in argv] + ["--db", str(store)])
                cells.append(f"{mib:9.0f} {cpu:5.1f}s")
            print(f"{label:28}" + "".join(f"{c:>16}" for c in cells), flush=True)


if __name__ == "__main__":
    main()
