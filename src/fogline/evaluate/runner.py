"""Shared steps of the suites scored by a script under ../shared/tools: analyse a folder to JSON Lines,
then run the script on it (it is executed where it lies, never copied into the project)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fogline.ingest import read_paths
from fogline.pipeline import analyse
from fogline.resources import Resources


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
