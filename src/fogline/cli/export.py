"""``fogline export``: what the store holds, in the formats other tools read."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import typer

from fogline.cli.common import DB_HELP, console, fail, markup_safe, open_store, out


def register(app: typer.Typer) -> None:
    app.command("export")(export)


def resolve_format(out_path: Path, fmt: str | None) -> str:
    """``--format`` as given, or inferred from OUT's extension; a format its extension contradicts is refused
    (ACLED is a CSV, so ``--format acled`` goes with ``.csv``)."""
    from fogline.export import FORMATS, format_of

    implied = format_of(out_path)
    if fmt is None:
        if implied is None:
            fail(f"cannot tell the format of {out_path.name!r}; name one with --format ({' | '.join(FORMATS)})")
        return implied  # type: ignore[return-value]
    if implied is not None and implied != fmt and not (fmt == "acled" and implied == "csv"):
        fail(f"--format {fmt} does not match {out_path.name!r} (a {implied} file name); "
             f"change the extension or the format")
    return fmt


def export(
    out_path: Path = typer.Argument(..., metavar="OUT", help="File to write; its extension sets the format."),
    fmt: str | None = typer.Option(None, "--format", "-f",
                                   help="jsonl | csv | parquet | geojson | acled (default: from OUT's extension)."),
    what: str | None = typer.Option(None, "--what", "-w",
                                    help="documents | events | claims | incidents "
                                         "(default: incidents for acled and geojson, else documents)."),
    db: str = typer.Option("fogline.duckdb", "--db", help=DB_HELP),
    raw_cells: bool = typer.Option(False, "--raw-cells",
                                   help="CSV/ACLED: keep cells starting with = + - @ as they are "
                                        "(default: prefix a quote so spreadsheets do not run them)."),
) -> None:
    """Export documents, events, claims or incidents."""
    from fogline.export import ExportError, default_what
    from fogline.export import export as do_export
    from fogline.store.documents import within_bounded_memory
    from fogline.store.records import RecordError
    from fogline.store.stream import export_memory_limit, single_reader

    fmt = resolve_format(out_path, fmt)
    what = what or default_what(fmt)
    skipped: Counter[str] = Counter()
    store = open_store(db, read_only=True)
    single_reader(store)

    def run() -> int:  # run again (skips counted afresh) should DuckDB need more memory than the cap
        skipped.clear()
        return do_export(store, what, fmt, out_path, raw_cells=raw_cells, skipped=skipped)

    try:
        n = within_bounded_memory(store.conn, run, export_memory_limit(what))
    except (ExportError, RecordError) as exc:  # a damaged record stops the export: no file with an article missing
        fail(str(exc))
    finally:
        store.close()
    out.print(f"wrote {n} {what} to {markup_safe(out_path)} ({fmt})")
    if skipped:
        why = ", ".join(f"{k} {v}" for k, v in sorted(skipped.items()))
        console.print(f"left out {sum(skipped.values())} incidents ACLED would not code ({why})")
