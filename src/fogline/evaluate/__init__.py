"""`fogline eval`: quality measured on ../shared/eval/dev and the seeds.

Each module here (satire, geo, events, case2021, incidents, seeds, fullnews, stream) exposes
``run(shared: Path, res: Resources, limit: int | None = None) -> list[Metric]``; the CLI prints them
and tests pin floors a little under what they reach.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Metric:
    """One measured figure: ``value`` in [0, 1] unless ``unit`` says otherwise."""

    dataset: str
    name: str
    value: float
    n: int
    target: str | None = None
    unit: str = "ratio"
    note: str = ""

    def fmt(self) -> str:
        v = f"{self.value:.3f}" if self.unit == "ratio" else f"{self.value:g} {self.unit}"
        return f"{self.dataset:<28} {self.name:<36} {v:>10}  n={self.n:<5} {self.target or ''} {self.note}"
