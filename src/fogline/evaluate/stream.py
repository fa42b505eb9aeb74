"""A general news stream (../shared/eval/dev/newsstream): is an article flagged (at least one event
not marked background) exactly when a coder found a codable event in it?

Scored by ``../shared/tools/score_stream.py`` (run as it is): article precision and recall, and the
false events per article that reports none.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from fogline.evaluate import Metric
from fogline.evaluate.runner import analyse_to_jsonl, run_scorer
from fogline.resources import Resources

SET = "newsstream"
_PAIR = re.compile(r"(\w+)=([\d.]+)")


def parse_summary(output: str) -> dict[str, float]:
    lines = [ln for ln in output.splitlines() if ln.startswith("stream:")]
    return {k: float(v) for k, v in _PAIR.findall(lines[-1])} if lines else {}


def run(shared: Path, res: Resources, limit: int | None = None) -> list[Metric]:
    base = shared / "eval" / "dev" / "newsstream"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "stream.jsonl"
        n = analyse_to_jsonl(base / "articles", out, res, limit)
        got = parse_summary(run_scorer(shared / "tools" / "score_stream.py", out, base / "verdicts.json"))
    rows = (("precision", "flagged articles codable", ">= 0.80", "ratio"),
            ("recall", "codable articles flagged", "1.000", "ratio"),
            ("false_events_per_noncodable_article", "false events per other article", None, "events"))
    return [Metric(SET, name, got[key], n, target, unit=unit) for key, name, target, unit in rows if key in got]
