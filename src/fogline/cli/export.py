"""``fogline export``: what the store holds, in the formats other tools read."""

from __future__ import annotations

from pathlib import Path

import typer

from fogline.cli.common import DB_HELP, console, markup_safe, open_store, out


def register(app: typer.Typer) -> None:
    app.command("export")(export)


def export(
    out_path: Path = typer.Argument(..., metavar="OUT", help="File to write."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | csv | parquet | geojson | acled"),
    what: str = typer.Option("documents", "--what", "-w", help="documents | events | claims | incidents"),
    db: str = typer.Option("fogline.duckdb", "--db", help=DB_HELP),
    raw_cells: bool = typer.Option(False, "--raw-cells",
                                   help="CSV/ACLED: keep cells starting with = + - @ as they are "
                                        "(default: prefix a quote so spreadsheets do not run them)."),
) -> None:
    """Export documents, events, claims or incidents."""
    from fogline.export import ExportError
    from fogline.export import export as do_export

    store = open_store(db, read_only=True)
    try:
        n = do_export(store, what, fmt, out_path, raw_cells=raw_cells)  # type: ignore[arg-type]
    except ExportError as exc:
        console.print(f"[red]error:[/] {markup_safe(exc)}")
        raise typer.Exit(2) from exc
    finally:
        store.close()
    out.print(f"wrote {n} {what} to {out_path} ({fmt})")
