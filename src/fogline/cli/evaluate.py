"""``fogline eval``: precision/recall per field on ../shared/eval/dev and the seeds."""

from __future__ import annotations

import importlib
from pathlib import Path

import typer
from rich.table import Table

from fogline.cli.common import console, out
from fogline.resources import Resources

SUITES = ("seeds", "satire", "geo", "dates", "events", "case2021", "incidents", "fullnews", "stream")
ONLY_HELP = f"Run only these suites: {', '.join(SUITES)}."


def register(app: typer.Typer) -> None:
    app.command("eval")(evaluate)


def evaluate(
    shared: Path = typer.Option(Path("../shared"), "--shared", help="The shared folder with seeds/ and eval/dev/."),
    only: list[str] = typer.Option([], "--only", help=ONLY_HELP),
    limit: int | None = typer.Option(None, "--limit", help="At most this many items per set (quick look)."),
) -> None:
    """Measure quality on the evaluation sets and print one row per figure."""
    if not (shared / "eval" / "dev").is_dir():
        console.print(f"[red]error:[/] {shared}/eval/dev not found: pass --shared PATH")
        raise typer.Exit(2)
    res = Resources()
    table = Table(title="fogline eval")
    for col in ("set", "figure", "value", "n", "target", "note"):
        table.add_column(col, justify="right" if col in ("value", "n") else "left")
    for name in only or SUITES:
        try:
            module = importlib.import_module(f"fogline.evaluate.{name}")
        except ModuleNotFoundError:
            table.add_row(name, "(not built yet)", "", "", "", "")
            continue
        for m in module.run(shared, res, limit=limit):
            value = f"{m.value:.3f}" if m.unit == "ratio" else f"{m.value:g} {m.unit}"
            table.add_row(m.dataset, m.name, value, str(m.n), m.target or "", m.note)
    out.print(table)
