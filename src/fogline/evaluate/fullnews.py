"""Events and claims on full news articles (../shared/eval/dev/fullnews), scored by the shared scorer.

The pipeline runs on every article; ``../shared/tools/score_fullnews.py`` (run as it is, never copied
here) scores the output against the hand-coded gold, and its summary becomes one Metric per figure:
precision and recall of current events, party claims, denials, sub_event_type, location, and the
events written on the articles that report no conflict (their count, lower is better).
"""

from __future__ import annotations

import re
from pathlib import Path

from fogline.evaluate import Metric
from fogline.evaluate.runner import analyse_and_score, summary_figures
from fogline.resources import Resources

SET = "fullnews"
FIGURES = {  # scorer's key -> (figure name, target)
    "precision": ("event precision", ">= 0.90"),
    "recall": ("current event recall", ">= 0.80"),
    "party_claims": ("party claims found", ">= 0.75"),
    "denials": ("denials found", ">= 0.75"),
    "sub_type": ("sub_event_type on found events", None),
    "loc": ("location within 25 km", None),
}
_DUP = re.compile(r"duplicates (\d+)")


def parse_summary(output: str) -> dict[str, float]:
    """The ``key=value`` figures of the scorer's last line, and its duplicate count."""
    got = summary_figures(output, "fullnews:")
    dup = _DUP.search(output)
    if dup:
        got["duplicates"] = float(dup.group(1))
    return got


def run(shared: Path, res: Resources, limit: int | None = None) -> list[Metric]:
    base = shared / "eval" / "dev" / "fullnews"
    n, output = analyse_and_score(base / "articles", shared / "tools" / "score_fullnews.py", base / "gold", res, limit)
    got = parse_summary(output)
    metrics = [Metric(SET, name, got[key], n, target) for key, (name, target) in FIGURES.items() if key in got]
    for key, name, target in (("trap_events", "events on non-conflict articles", "0"),
                              ("duplicates", "duplicate events", None)):
        if key in got:
            metrics.append(Metric(SET, name, got[key], n, target, unit="events"))
    return metrics
