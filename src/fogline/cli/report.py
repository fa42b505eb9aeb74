"""``fogline report``: the situation report as one self-contained HTML file (or Markdown)."""

from __future__ import annotations

from pathlib import Path

import typer

from fogline.cli.common import DB_HELP, console, out


def register(app: typer.Typer) -> None:
    app.command("report")(report)


def report(
    out_path: Path = typer.Option(Path("report.html"), "--out", "-o", help="File to write."),
    since: str | None = typer.Option(None, "--since", help="Only incidents on or after this date (YYYY-MM-DD)."),
    region: str | None = typer.Option(None, "--region", help="Only incidents in this country or district."),
    fmt: str = typer.Option("html", "--format", "-f", help="html (self-contained, offline) | md"),
    db: str = typer.Option("fogline.duckdb", "--db", help=DB_HELP),
) -> None:
    """Write a situation report: map, timeline, contested claims, outlets, evidence."""
    from fogline.export.report import write_report
    from fogline.store.api import read_store
    from fogline.store.db import StoreError

    if fmt not in ("html", "md"):
        console.print(f"[red]error:[/] unknown report format {fmt!r}; use html or md")
        raise typer.Exit(2)
    if not Path(db).exists():
        console.print(f"[red]error:[/] {db}: no such store; run `fogline analyze` first")
        raise typer.Exit(2)
    try:
        with read_store(db) as store:  # read-only: a running `serve` or notebook does not stop the report
            n = write_report(store, out_path, since=since, region=region, fmt=fmt)
    except StoreError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    out.print(f"wrote a report of {n} incidents to {out_path} ({fmt})")
