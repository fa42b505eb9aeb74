"""``fogline report``: the situation report as one self-contained HTML file (or Markdown)."""

from __future__ import annotations

from pathlib import Path

import typer

from fogline.cli.common import DB_HELP, fail, markup_safe, open_store, out


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
    from fogline.export import ExportError
    from fogline.export.report import write_report
    from fogline.store.documents import within_bounded_memory

    if fmt not in ("html", "md"):
        fail(f"unknown report format {fmt!r}; use html or md")
    store = open_store(db, read_only=True)
    try:
        n = within_bounded_memory(store.conn, lambda: write_report(store, out_path, since, region, fmt))
    except ExportError as exc:
        fail(str(exc))
    finally:
        store.close()
    out.print(f"wrote a report of {n} incidents to {markup_safe(out_path)} ({fmt})")
