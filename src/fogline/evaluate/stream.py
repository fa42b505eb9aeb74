"""A general news stream (../shared/eval/dev/newsstream): is an article flagged (at least one event
not marked background) exactly when a coder found a codable event in it?

Scored by ``../shared/tools/score_stream.py`` (run as it is): article precision and recall, and the
false events per article that reports none.
"""

from __future__ import annotations

from pathlib import Path

from fogline.evaluate import Metric
from fogline.evaluate.runner import analyse_and_score, summary_figures
from fogline.resources import Resources

SET = "newsstream"


def parse_summary(output: str) -> dict[str, float]:
    return summary_figures(output, "stream:")


def run(shared: Path, res: Resources, limit: int | None = None) -> list[Metric]:
    base = shared / "eval" / "dev" / "newsstream"
    verdicts = base / "verdicts.json"
    n, output = analyse_and_score(base / "articles", shared / "tools" / "score_stream.py", verdicts, res, limit)
    got = parse_summary(output)
    rows = (("precision", "flagged articles codable", ">= 0.80", "ratio"),
            ("recall", "codable articles flagged", "1.000", "ratio"),
            ("false_events_per_noncodable_article", "false events per other article", None, "events"))
    return [Metric(SET, name, got[key], n, target, unit=unit) for key, name, target, unit in rows if key in got]
