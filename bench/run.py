"""Run every benchmark in bench/ in turn (``make bench``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

RUNS = [
    ["bench_clean.py"],
    ["bench_analyze.py", "--n", "200", "--conflict-share", "1.0"],
    ["bench_analyze.py", "--n", "500", "--conflict-share", "0.1"],
    ["bench_geo.py"],
    ["bench_cascade.py"],
    ["bench_incidents.py"],
    ["bench_real.py"],
]

for args in RUNS:
    script = HERE / args[0]
    if not script.exists():
        print(f"== {args[0]}: not present")
        continue
    print(f"== {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, str(script), *args[1:]], check=False)
