"""``fogline analyze``: articles in, store (and JSON Lines) out, with a summary table."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from fogline.cli.common import (
    DB_HELP,
    ConfigOpt,
    console,
    fail,
    failure_line,
    load_config,
    markup_safe,
    open_store,
    out,
)
from fogline.ingest import iter_files, language
from fogline.model import Rejected
from fogline.resources import Resources
from fogline.store import Store, StoreError

if TYPE_CHECKING:
    from fogline import job


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze)


def analyze(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive) or - for stdin."),
    db: str = typer.Option("fogline.duckdb", "--db", help=DB_HELP),
    jsonl: Path | None = typer.Option(None, "--jsonl", help="Write one contract JSON object per article here."),
    workers: int = typer.Option(1, "--workers", "-j", min=1, help="Analysing processes."),
    force: bool = typer.Option(False, "--force", help="Re-analyse articles already in the store."),
    no_corpus: bool = typer.Option(False, "--no-corpus", help="Skip reposts/incidents after storing."),
    outlet: str | None = typer.Option(None, "--outlet", help="Outlet of the articles that name none (.txt files)."),
    text_column: str | None = typer.Option(None, "--text-column", help="CSV/JSONL column holding the article text."),
    column_map: str | None = typer.Option(None, "--map", help="CSV/JSONL columns for fogline's fields: "
                                                                 "title=headline,published=date,url=link,outlet=site"),
    config: Path | None = ConfigOpt,
    scheduler: str | None = typer.Option(None, "--scheduler", help="Analyse on this dask.distributed "
                                         "scheduler (tcp://host:8786); needs fogline[cluster]."),
    cluster: str | None = typer.Option(None, "--cluster", help="local:N: start a local dask cluster of N "
                                       "workers for this run; needs fogline[cluster]."),
    parquet: Path | None = typer.Option(None, "--parquet", help="Write the analysed articles to this folder as "
                                        "Parquet parts (import them with fogline load) instead of into --db."),
) -> None:
    """Analyse articles: clean, signals, places, events and claims; store them; build incidents."""
    from fogline import job  # noqa: F401 - the analysers load here, before SIGTERM is handled
    from fogline.corpus.tasks import WorkerFailed
    dask = _dask_target(scheduler, cluster)
    cfg = load_config(config)
    cfg.columns = input_columns(text_column, column_map)
    cfg.outlet = outlet
    res = Resources(cfg)
    summary: job.RunSummary | None = None
    store: Store | None = None
    try:
        with _stopped_by_sigterm():  # from before the store opens: a SIGTERM from now on unwinds cleanly
            store = open_store(db)
            summary = _run(paths, store, res, jsonl, workers, force, not no_corpus, _count(paths), dask, parquet)
        if summary is not None:
            _print_summary(store, summary, console if jsonl is not None and str(jsonl) == "-" else out)
    except (OSError, StoreError) as exc:
        fail(str(exc))
    except WorkerFailed as exc:  # the articles are stored; the incidents of the batches before it too
        fail(f"{exc}. Run the same command again to finish the corpus stage.")
    finally:
        if store is not None:
            store.close()
    if summary is None:
        console.print("[red]stopped[/] (SIGTERM): every article stored so far is kept whole")
        raise typer.Exit(143)
    _print_next(db, jsonl)
    if summary.rejected:
        raise typer.Exit(1)


FIELDS = ("text", "title", "published", "url", "outlet")


def input_columns(text_column: str | None, column_map: str | None) -> dict[str, str]:
    """fogline field -> input column from ``--text-column`` and ``--map title=headline,...``."""
    columns: dict[str, str] = {}
    for pair in (column_map or "").split(","):
        if not pair.strip():
            continue
        field, sep, column = (p.strip() for p in pair.partition("="))
        if not sep or field not in FIELDS or not column:
            fail(f"--map {pair.strip()!r}: write FIELD=COLUMN with FIELD one of {', '.join(FIELDS)}")
        columns[field] = column
    if text_column:
        columns["text"] = text_column
    return columns


def _print_next(db: str, jsonl: Path | None) -> None:
    """Where the results are and what to run next (on stderr, so piped JSON stays clean)."""
    if db == ":memory:":
        where = f"results: {jsonl}" if jsonl is not None and str(jsonl) != "-" else "nothing kept (--db :memory:)"
        console.print(where)
        return
    console.print(f"results in {markup_safe(db)}" + (f" and {markup_safe(jsonl)}" if jsonl and str(jsonl) != "-"
                                                     else ""))
    console.print(f"next: fogline incidents --db {markup_safe(db)}  |  fogline export incidents.csv --format acled "
                  f"--db {markup_safe(db)}  |  fogline report --out report.html --db {markup_safe(db)}")


class _Stop(BaseException):
    """SIGTERM arrived: unwind (open transactions roll back, workers stop) and exit."""


@contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise _Stop

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    except _Stop:
        pass  # the caller finds no summary: stopped
    finally:
        signal.signal(signal.SIGTERM, previous)


def _dask_target(scheduler: str | None, cluster: str | None) -> str | None:
    """The dask cluster to analyse on (an address or local:N), or None; exits 2 on a bad choice."""
    if scheduler and cluster:
        console.print("[red]error:[/] give --scheduler or --cluster, not both")
        raise typer.Exit(2)
    target = scheduler or cluster
    if target is None:
        return None
    try:
        from fogline.batch.dask import parse_cluster

        if cluster and parse_cluster(cluster) is None:
            raise ValueError(f"--cluster wants local:N, not {cluster!r} (an address goes to --scheduler)")
    except ImportError as exc:
        console.print("[red]error:[/] --scheduler/--cluster need dask: pip install 'fogline[cluster]'")
        raise typer.Exit(2) from exc
    except ValueError as exc:
        fail(str(exc))
    return target


def _run(paths: list[str], store: Store, res: Resources, jsonl: Path | None, workers: int, force: bool,
         corpus: bool, total: int | None, dask: str | None = None, parquet: Path | None = None,
         ) -> job.RunSummary:
    """The run with its progress bar."""
    from fogline import job  # the analysers load only when there is something to analyse
    try:
        sink = job.open_jsonl(jsonl)
    except OSError as exc:
        fail(f"{jsonl}: cannot write: {failure_line(exc, None)}")
    try:
        with _progress() as bar:
            task = bar.add_task("analysing", total=total)
            return job.run(paths, store, res, jsonl=sink, workers=workers, force=force, corpus=corpus, cluster=dask,
                           parquet=parquet, progress=lambda src: bar.update(task, advance=1,
                                                           description=markup_safe(Path(src).name[:40])))
    finally:
        if sink is not None and jsonl is not None and str(jsonl) != "-":
            sink.close()


def _count(paths: list[str]) -> int | None:
    """Articles to expect, when every input holds one article (else the bar runs without a total)."""
    if "-" in paths:
        return None
    files = [f for f in iter_files(paths) if not isinstance(f, Rejected)]
    if any(Path(f).suffix.lower() in {".jsonl", ".ndjson", ".csv", ".json"} for f in files):
        return None
    return len(files)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description:<40}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True)


def _print_summary(store: Store, s: job.RunSummary, to: Console) -> None:
    ids = s.doc_ids
    table = Table(title="fogline analyze", show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents analysed", str(s.analysed))
    table.add_row("documents new in store", str(s.stored))
    table.add_row("already stored (reused)", str(s.already_stored))
    table.add_row("rejected", str(len(s.rejected)), style="red" if s.rejected else None)
    for title, what in (("removed", "removed"), ("signal", "signals"), ("genre", "genre"),
                        ("event", "sub_event_type")):
        for kind, n in store.tally(what, ids).items():
            table.add_row(f"{title}: {kind}", str(n))
    for lang, n in sorted(language.seen.items()):
        table.add_row(f"not English: {lang}", str(n), style="yellow")
    to.print(table)
    if s.corpus_note:
        to.print(f"corpus: {s.corpus_note}")
    for r in s.rejected:
        console.print(f"[red]rejected[/] {markup_safe(r.source)}: {markup_safe(r.reason)}")
