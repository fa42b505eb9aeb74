"""The seed articles' checks (../shared/tools/check_seeds.py) as one figure per check family."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from fogline.evaluate import Metric
from fogline.ingest import read_paths
from fogline.pipeline import analyse
from fogline.resources import Resources

FAMILIES = {"place": ("place-", "no-nakhchivan"), "event": (
    "az-takes", "stepanakert", "villages", "drone-", "dec11", "dec9", "farukh-captured", "no-events")}


def check_seeds(shared: Path, res: Resources) -> dict[str, bool]:
    """Analyse the seeds and return {"SEED:check-id": passed} from the shared checker."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "seeds.jsonl"
        with out.open("w", encoding="utf-8") as fh:
            for raw in read_paths([str(shared / "seeds")], res.config):
                if hasattr(raw, "raw"):
                    fh.write(json.dumps(analyse(raw, res).to_contract(), ensure_ascii=False) + "\n")  # type: ignore[arg-type]
        proc = subprocess.run([sys.executable, str(shared / "tools" / "check_seeds.py"), str(out)],
                              capture_output=True, text=True, check=False)
    status = {}
    for line in proc.stdout.splitlines():
        if line.startswith(("PASS", "FAIL")):
            verdict, seed, cid = line.split()
            status[f"{seed}:{cid}"] = verdict == "PASS"
    return status


def family(cid: str) -> str:
    for name, prefixes in FAMILIES.items():
        if cid.startswith(prefixes):
            return name
    return "cleaning+signals"


def run(shared: Path, res: Resources, limit: int | None = None) -> list[Metric]:
    status = check_seeds(shared, res)
    metrics = []
    for fam in ("cleaning+signals", "place", "event"):
        ids = [k for k in status if family(k.split(":", 1)[1]) == fam]
        failed = [k for k in ids if not status[k]]
        metrics.append(Metric("seeds", f"{fam} checks passing", sum(status[k] for k in ids) / max(1, len(ids)),
                              len(ids), "1.000", ("failing: " + ", ".join(failed)) if failed else ""))
    return metrics
