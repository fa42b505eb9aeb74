"""Shared steps of the suites scored by a script under ../shared/tools: analyse a folder to JSON Lines,
then run the script on it (it is executed where it lies, never copied into the project)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from fogline.ingest import read_paths
from fogline.pipeline import analyse
from fogline.resources import Resources

_PAIR = re.compile(r"(\w+)=([\d.]+)")


def analyse_to_jsonl(folder: Path, out: Path, res: Resources, limit: int | None = None) -> int:
    """Analyse every article of ``folder`` (at most ``limit``) into ``out``; the number written."""
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for raw in read_paths([str(folder)], res.config):
            if limit is not None and n >= limit:
                break
            if hasattr(raw, "raw"):
                fh.write(json.dumps(analyse(raw, res).to_contract(), ensure_ascii=False) + "\n")  # type: ignore[arg-type]
                n += 1
    return n


def run_scorer(script: Path, *args: Path) -> str:
    """The scorer's standard output (it exits 1 only when a --min bar is missed; none is passed)."""
    proc = subprocess.run([sys.executable, str(script), *map(str, args)], capture_output=True, text=True, check=False)
    return proc.stdout


def summary_figures(output: str, prefix: str) -> dict[str, float]:
    """The ``key=value`` figures of the scorer's last line that starts with ``prefix``."""
    lines = [ln for ln in output.splitlines() if ln.startswith(prefix)]
    return {k: float(v) for k, v in _PAIR.findall(lines[-1])} if lines else {}


def analyse_and_score(folder: Path, script: Path, reference: Path, res: Resources,
                      limit: int | None = None) -> tuple[int, str]:
    """Analyse ``folder`` into a temporary JSON Lines file and score it: (articles, scorer output)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        n = analyse_to_jsonl(folder, out, res, limit)
        return n, run_scorer(script, out, reference)
